import fs from 'node:fs';
import path from 'node:path';
import type { GeneratedFile } from './generate';

export type ChangeKind = 'create' | 'update' | 'unchanged';

export interface PlannedChange {
  file: GeneratedFile;
  /** Absolute path on disk. */
  target: string;
  kind: ChangeKind;
  /** What is on disk now (undefined when the file does not exist). */
  current: string | undefined;
}

/** Compare what would be written with what is on disk. */
export function planChanges(root: string, files: GeneratedFile[]): PlannedChange[] {
  return files.map((file) => {
    const target = path.join(root, ...file.path.split('/'));
    const current = readIfExists(target);
    const kind: ChangeKind = current === undefined ? 'create' : current === file.content ? 'unchanged' : 'update';
    return { file, target, kind, current };
  });
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Write the files that changed, each atomically (a temporary file in the same
 * folder, then a rename), so an interrupted run never leaves half a file.
 */
export function applyChanges(changes: PlannedChange[]): void {
  for (const change of changes) {
    if (change.kind === 'unchanged') continue;
    fs.mkdirSync(path.dirname(change.target), { recursive: true });
    const temporary = `${change.target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, change.file.content);
    fs.renameSync(temporary, change.target);
  }
}
