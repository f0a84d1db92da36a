import path from 'node:path';

/** An error from a Node file-system call: it has a code such as ENOSPC, and usually the path. */
export interface FsError extends Error {
  code: string;
  path?: string;
  syscall?: string;
}

export function isFsError(error: unknown): error is FsError {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string' && /^E[A-Z]+$/.test((error as FsError).code);
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'is a folder',
  EEXIST: 'already exists',
  ENOTEMPTY: 'folder not empty',
  EMFILE: 'too many open files',
  ENAMETOOLONG: 'name too long',
  ELOOP: 'too many symbolic links',
  EBUSY: 'resource busy',
  EINVAL: 'invalid argument',
};

/** "no space left on device (ENOSPC)": what went wrong, in words, with the code to search for. */
export function fsReason(error: unknown): string {
  if (!isFsError(error)) return error instanceof Error ? error.message : String(error);
  return `${REASONS[error.code] ?? (error.syscall ? `${error.syscall} failed` : 'failed')} (${error.code})`;
}

/** "out/modules-k8s/grafana/main.tf: no space left on device (ENOSPC)", the path relative to the working folder. */
export function describeFsError(error: FsError, fallbackPath?: string): string {
  const where = error.path ?? fallbackPath;
  return where === undefined ? fsReason(error) : `${display(where)}: ${fsReason(error)}`;
}

/** A path as the user would type it: relative below the working folder, absolute elsewhere. */
export function display(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' ? file : relative.startsWith('..') ? path.resolve(file) : relative;
}
