import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { relative } from '../util/load-ts';
import type { GeneratedFile } from './generate';
import { inspect, type HeaderState } from './header';
import { readBlock, writeBlock } from './root-block';

export type ChangeKind = 'create' | 'update' | 'delete' | 'unchanged';

/** Where a generated file goes: a whole file, or the managed block of a root file. */
export interface Placement {
  file: GeneratedFile;
  /** Absolute path on disk. */
  target: string;
  block: boolean;
}

export interface PlannedChange {
  /** Absolute path on disk. */
  target: string;
  kind: ChangeKind;
  /** What is on disk now (undefined when the file does not exist). */
  current: string | undefined;
  /** The whole file to write (undefined for a deletion). */
  next: string | undefined;
  /** The spec the file comes from. */
  source: string;
  /** The generated file (undefined for a deletion). */
  file: GeneratedFile | undefined;
  /** Set when the change would overwrite what gen-modules did not write: refused without --force. */
  conflict?: 'edited' | 'foreign';
}

/** A generated file whose spec no longer produces it, left in place because it cannot be told unmodified. */
export interface KeptFile {
  target: string;
  state: HeaderState;
  source: string | undefined;
}

export interface Plan {
  changes: PlannedChange[];
  kept: KeptFile[];
}

/**
 * Compare what would be written with what is on disk, and find the generated
 * files no spec produces any more among `candidates` (existing `.tf` files).
 */
export function planChanges(placements: Placement[], candidates: string[], adopted: ReadonlySet<string> = new Set()): Plan {
  const changes = placements.map((placement) => planPlacement(placement, adopted));
  const targets = new Set(placements.map((p) => p.target));
  const kept: KeptFile[] = [];
  for (const target of candidates.filter((c) => !targets.has(c)).sort()) {
    const current = fs.readFileSync(target, 'utf8');
    const { state, source } = inspect(current);
    // The hand-written files of an adopted module: their resources now come from the spec.
    if (state === 'foreign' && adopted.has(path.dirname(target))) {
      changes.push({ target, kind: 'delete', current, next: undefined, source: '', file: undefined });
      continue;
    }
    // Files without the header were written by someone else: not ours to delete or mention.
    if (state === 'foreign') continue;
    if (state === 'intact') changes.push({ target, kind: 'delete', current, next: undefined, source: source ?? '', file: undefined });
    else kept.push({ target, state, source });
  }
  return { changes, kept };
}

function planPlacement({ file, target, block }: Placement, adopted: ReadonlySet<string>): PlannedChange {
  const current = readIfExists(target);
  const next = block ? writeBlock(relative(target), current, file.content) : file.content;
  const kind: ChangeKind = current === undefined ? 'create' : current === next ? 'unchanged' : 'update';
  const change: PlannedChange = { target, kind, current, next, source: file.source, file };
  if (kind !== 'update' || current === undefined) return change;
  const owned = block ? readBlock(relative(target), current) : current;
  // A root file without the block yet: the block is added, nothing of the user's is touched.
  if (owned === undefined) return change;
  const { state } = inspect(owned);
  // Overwriting a hand-written file of the module a spec was imported from is the point of the import.
  if (state === 'foreign' && adopted.has(path.dirname(target))) return change;
  if (state === 'edited' || state === 'foreign') change.conflict = state;
  return change;
}

/** Every `.tf` file one level inside the modules folder's service folders (`<out>/<service>/*.tf`). */
export function existingModuleFiles(outDir: string, services?: ReadonlySet<string>): string[] {
  const files: string[] = [];
  for (const entry of readDirIfExists(outDir)) {
    if (!entry.isDirectory() || (services && !services.has(entry.name))) continue;
    const dir = path.join(outDir, entry.name);
    for (const file of readDirIfExists(dir)) {
      if (file.isFile() && file.name.endsWith('.tf')) files.push(path.join(dir, file.name));
    }
  }
  return files;
}

function readDirIfExists(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export interface ApplyOptions {
  /** Overwrite files edited by hand (or not written by gen-modules). */
  force?: boolean;
}

/**
 * Write the files that changed, each atomically (a temporary file in the same
 * folder, then a rename), so an interrupted run never leaves half a file; and
 * delete the generated files no spec produces any more. When a file to
 * overwrite was edited by hand, nothing at all is written unless forced.
 */
export function applyChanges(changes: PlannedChange[], options: ApplyOptions = {}): void {
  const conflicts = changes.filter((c) => c.conflict !== undefined);
  if (conflicts.length > 0 && !options.force) throw new UserError(describeConflicts(conflicts));
  for (const change of changes) {
    if (change.kind === 'delete') remove(change.target);
    else if (change.kind !== 'unchanged' && change.next !== undefined) writeAtomically(change.target, change.next);
  }
}

export function describeConflicts(conflicts: PlannedChange[]): string {
  const lines = conflicts.map(
    (c) =>
      `  ${relative(c.target)}: ${c.conflict === 'edited' ? 'changed since it was generated (its content no longer matches its hash)' : 'written by hand (no gen-modules header)'}`,
  );
  return [
    `refusing to overwrite ${conflicts.length} file(s) edited by hand; nothing was written:`,
    ...lines,
    'Move the change into the spec (gen-modules diff shows what would be lost), or run again with --force to overwrite.',
  ].join('\n');
}

export function describeKept(kept: KeptFile[]): string {
  return kept
    .map((k) => {
      const why =
        k.state === 'edited' ? 'edited by hand since it was generated' : 'generated without a content hash, so an edit cannot be ruled out';
      return `gen-modules: kept ${relative(k.target)}: no spec generates it any more, but it was ${why}; delete it yourself if it is not needed\n`;
    })
    .join('');
}

function writeAtomically(target: string, content: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, target);
}

/** Delete a file, and its folder once empty (a removed service leaves no empty module folder). */
function remove(target: string): void {
  fs.rmSync(target, { force: true });
  const dir = path.dirname(target);
  if (readDirIfExists(dir).length === 0) fs.rmdirSync(dir);
}
