import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { display, fsReason } from './fs-errors';

/**
 * Paths from the command line are checked before anything is read or written:
 * a file where a folder is expected, a FIFO or device where a file is expected,
 * or a folder on a kernel pseudo file system (/proc, /sys) is refused with one
 * line naming it, rather than failing deep inside, hanging on a read, or
 * spinning in a `mkdir -p` the kernel never lets finish.
 */

/** Kernel file systems that are not storage (statfs magic numbers, linux/magic.h). */
const PSEUDO_FILE_SYSTEMS: Record<number, string> = {
  0x9fa0: 'procfs',
  0x62656572: 'sysfs',
  0x64626720: 'debugfs',
  0x74726163: 'tracefs',
  0x27e0eb: 'cgroupfs',
  0x63677270: 'cgroup2fs',
  0x73636673: 'securityfs',
  0x1cd1: 'devpts',
  0xcafe4a11: 'bpffs',
};

/** What kind of thing a non-regular file is, in words. */
export function kindOf(stats: fs.Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  return 'a regular file';
}

function statIfExists(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new UserError(`${display(file)}: ${fsReason(error)}`);
  }
}

/** The pseudo file system `dir` is on, if any. */
function pseudoFileSystem(dir: string): string | undefined {
  try {
    return PSEUDO_FILE_SYSTEMS[fs.statfsSync(dir).type];
  } catch {
    return undefined;
  }
}

/**
 * A folder that must exist (`--specs`, `--root`), or that will be created below
 * its nearest existing ancestor (`--out`). `flag` names the option in messages.
 */
export function checkFolder(flag: string, dir: string, options: { mustExist: boolean }): void {
  const absolute = path.resolve(dir);
  let existing = absolute;
  let stats = statIfExists(existing);
  while (stats === undefined && path.dirname(existing) !== existing) {
    if (options.mustExist) throw new UserError(`${flag}: ${display(absolute)}: no such folder`);
    existing = path.dirname(existing);
    stats = statIfExists(existing);
  }
  if (stats !== undefined && !stats.isDirectory()) {
    const what = existing === absolute ? '' : ` (${display(existing)} is ${kindOf(stats)})`;
    throw new UserError(`${flag}: ${display(absolute)}: not a folder${existing === absolute ? `, but ${kindOf(stats)}` : what}`);
  }
  const pseudo = pseudoFileSystem(existing);
  if (pseudo !== undefined)
    throw new UserError(`${flag}: ${display(absolute)}: on the ${pseudo} kernel file system, not a place for files`);
}

/** Read a file that may be missing; anything but a regular file is refused before it is opened (a FIFO would block). */
export function readRegularFileIfExists(file: string): string | undefined {
  const stats = statIfExists(file);
  if (stats === undefined) return undefined;
  return readChecked(file, stats);
}

/** Read a regular file; a missing one, a FIFO, a device or a folder is a one-line UserError naming it. */
export function readRegularFile(file: string): string {
  const stats = statIfExists(file);
  if (stats === undefined) throw new UserError(`${display(file)}: no such file`);
  return readChecked(file, stats);
}

/** The bytes of a regular file (a caller that decodes them itself, e.g. to mark invalid UTF-8); refused as `readRegularFile` refuses. */
export function readRegularBytes(file: string): Buffer {
  const stats = statIfExists(file);
  if (stats === undefined) throw new UserError(`${display(file)}: no such file`);
  return readCheckedBytes(file, stats);
}

function readChecked(file: string, stats: fs.Stats): string {
  return readCheckedBytes(file, stats).toString('utf8');
}

function readCheckedBytes(file: string, stats: fs.Stats): Buffer {
  if (!stats.isFile()) throw new UserError(`${display(file)}: not a regular file, but ${kindOf(stats)}; refusing to read it`);
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new UserError(`${display(file)}: cannot read: ${fsReason(error)}`);
  }
}

/** A folder's entries; an unreadable folder is a one-line UserError naming it. */
export function readFolder(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UserError(`${display(dir)}: cannot read the folder: ${fsReason(error)}`);
  }
}

/**
 * Throw a one-line UserError when files cannot be created in `dir` or the
 * folders leading to it: the nearest existing folder must be writable. (A
 * recursive mkdir on a read-only file system reports ENOENT, which misleads.)
 */
export function checkWritable(dir: string): void {
  let existing = path.resolve(dir);
  while (statIfExists(existing) === undefined && path.dirname(existing) !== existing) existing = path.dirname(existing);
  try {
    fs.accessSync(existing, fs.constants.W_OK);
  } catch (error) {
    throw new UserError(`${display(dir)}: cannot write here: ${fsReason(error)}; nothing was written`);
  }
}
