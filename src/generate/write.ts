import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { relative } from '../util/load-ts';
import type { GeneratedFile } from './generate';
import { fsReason } from '../util/fs-errors';
import { readFolder, readRegularFile, readRegularFileIfExists } from '../util/paths';
import { inspect, withLf, type HeaderState } from './header';
import { BEGIN_MARKER, moduleBlocks, moduleNames, modulesOutsideBlock, readBlock, writeBlock } from './root-block';

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
  /**
   * Set when the change would overwrite what gen-modules cannot vouch for: a file
   * edited since it was generated, one without the header, or one whose hash
   * line is gone. Refused without --force.
   */
  conflict?: Exclude<HeaderState, 'intact'>;
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
    const current = readRegularFile(target);
    const { state, source } = inspect(current);
    // The hand-written files of an adopted module: their resources now come from the spec.
    if (state === 'foreign' && adopted.has(path.dirname(target))) {
      changes.push({ target, kind: 'delete', current, next: undefined, source: '', file: undefined });
      continue;
    }
    // Files without a spec's header were written by someone else (or by `gen-modules docs`): not ours to delete or mention.
    if (state === 'foreign' || source === undefined) continue;
    if (state === 'intact') changes.push({ target, kind: 'delete', current, next: undefined, source: source ?? '', file: undefined });
    else kept.push({ target, state, source });
  }
  return { changes, kept };
}

function planPlacement({ file, target, block }: Placement, adopted: ReadonlySet<string>): PlannedChange {
  const current = readRegularFileIfExists(target);
  if (file.service === undefined) refuseModuleClashes(target, block ? current : undefined, file.content);
  const next = block ? writeBlock(relative(target), current, file.content) : file.content;
  // Line ends are the checkout's business (core.autocrlf): a CRLF copy of the same text is unchanged.
  const kind: ChangeKind = current === undefined ? 'create' : current === next || withLf(current) === next ? 'unchanged' : 'update';
  const change: PlannedChange = { target, kind, current, next, source: file.source, file };
  if (kind !== 'update' || current === undefined) return change;
  const owned = block ? readBlock(relative(target), current) : current;
  // A root file without the block yet: the block is added, nothing of the user's is touched.
  if (owned === undefined) return change;
  const { state } = inspect(owned);
  // Overwriting a hand-written file of the module a spec was imported from is the point of the import.
  if (state === 'foreign' && adopted.has(path.dirname(target))) return change;
  // Without an intact header nothing tells a hand edit apart: the same policy as for orphans.
  if (state !== 'intact') change.conflict = state;
  return change;
}

/**
 * Terraform refuses two `module` blocks of one name in a folder: a module the
 * root file generates must not also be written by hand, around the managed
 * block or in another `.tf` file of the folder.
 */
function refuseModuleClashes(target: string, current: string | undefined, content: string): void {
  const generated = new Set(moduleNames(content));
  const others = readDirIfExists(path.dirname(target))
    .filter((e) => e.isFile() && e.name.endsWith('.tf') && path.join(path.dirname(target), e.name) !== target)
    .map((e) => path.join(path.dirname(target), e.name))
    .sort();
  const sources: Array<[string, string]> = [...(current === undefined ? [] : [[target, current] as [string, string]])];
  for (const other of others) sources.push([other, readRegularFile(other)]);
  for (const [file, text] of sources) {
    const blocks = file === target ? modulesOutsideBlock(relative(file), text) : moduleBlocks(text);
    const clash = blocks.find((m) => generated.has(m.name));
    if (clash === undefined) continue;
    const where = file === target ? `outside the "${BEGIN_MARKER}" block` : `in ${relative(file)}`;
    throw new UserError(
      `${relative(file)}:${clash.line}: module "${clash.name}" is written by hand ${where}, and gen-modules generates a module of the same name in ${relative(target)}; Terraform refuses both: remove or rename the hand-written block; nothing was written`,
    );
  }
}

/** Every `.tf` file and README.md one level inside the modules folder's service folders (`<out>/<service>/*.tf`). */
export function existingModuleFiles(outDir: string, services?: ReadonlySet<string>): string[] {
  const files: string[] = [];
  for (const entry of readDirIfExists(outDir)) {
    if (!entry.isDirectory() || (services && !services.has(entry.name))) continue;
    const dir = path.join(outDir, entry.name);
    for (const file of readDirIfExists(dir)) {
      if (file.isFile() && (file.name.endsWith('.tf') || file.name === 'README.md')) files.push(path.join(dir, file.name));
    }
  }
  return files;
}

function readDirIfExists(dir: string): fs.Dirent[] {
  return fs.existsSync(dir) ? readFolder(dir) : [];
}

export interface ApplyOptions {
  /** Overwrite files edited by hand (or not written by gen-modules). */
  force?: boolean;
}

/**
 * Write the files that changed and delete the generated files no spec produces
 * any more, all or nothing as far as a file system allows: every new file is
 * first written in full beside its target (staged), and only when all are
 * staged are they renamed over their targets, then the orphans deleted. A
 * failure while staging (disk full, read-only, permissions) removes the staged
 * files and leaves every target as it was; a failure after that names the files
 * replaced and not, and a re-run finishes the job. When a file to overwrite was
 * edited by hand, nothing at all is written unless forced.
 */
export function applyChanges(changes: PlannedChange[], options: ApplyOptions = {}): void {
  const conflicts = changes.filter((c) => c.conflict !== undefined);
  if (conflicts.length > 0 && !options.force) throw new UserError(describeConflicts(conflicts));
  const writes = changes.filter((c) => (c.kind === 'create' || c.kind === 'update') && c.next !== undefined);
  const staged = stageAll(writes);
  const done: string[] = [];
  const steps = [
    ...staged.map((s) => ({ target: s.target, run: () => fs.renameSync(s.temporary, s.target) })),
    ...changes.filter((c) => c.kind === 'delete').map((c) => ({ target: c.target, run: () => remove(c.target) })),
  ];
  for (const [i, step] of steps.entries()) {
    try {
      step.run();
    } catch (error) {
      for (const s of staged.slice(i)) fs.rmSync(s.temporary, { force: true });
      throw new UserError(
        describePartialWrite(
          step.target,
          error,
          done,
          steps.slice(i).map((s) => s.target),
        ),
      );
    }
    done.push(step.target);
  }
}

interface Staged {
  target: string;
  temporary: string;
}

/** Write every file's new content beside its target; on failure remove what was staged and the folders made for it. */
function stageAll(writes: PlannedChange[]): Staged[] {
  const staged: Staged[] = [];
  const madeDirs: Array<{ top: string; deepest: string }> = [];
  for (const change of writes) {
    const temporary = temporaryName(change.target);
    try {
      const made = fs.mkdirSync(path.dirname(change.target), { recursive: true });
      if (made !== undefined) madeDirs.push({ top: made, deepest: path.dirname(change.target) });
      staged.push({ target: change.target, temporary });
      fs.writeFileSync(temporary, change.next ?? '', { flag: 'wx' });
    } catch (error) {
      for (const s of staged) fs.rmSync(s.temporary, { force: true });
      for (const { top, deepest } of madeDirs.reverse()) removeEmptyFolders(top, deepest);
      throw new UserError(`${relative(change.target)}: cannot write: ${fsReason(error)}; nothing was written`);
    }
  }
  return staged;
}

/** The folders from `deepest` up to `top` (the first folder mkdir made), each removed if empty. */
function removeEmptyFolders(top: string, deepest: string): void {
  for (let dir = deepest; dir.startsWith(top); dir = path.dirname(dir)) {
    try {
      fs.rmdirSync(dir);
    } catch {
      return;
    }
    if (dir === top) return;
  }
}

function describePartialWrite(target: string, error: unknown, done: string[], left: string[]): string {
  const list = (files: string[]): string => (files.length === 0 ? '  (none)' : files.map((f) => `  ${relative(f)}`).join('\n'));
  return [
    `${relative(target)}: cannot replace: ${fsReason(error)}; ${done.length} of ${done.length + left.length} change(s) made, run gen-modules again to finish.`,
    'Replaced or deleted:',
    list(done),
    'Not replaced or deleted:',
    list(left),
  ].join('\n');
}

export function describeConflicts(conflicts: PlannedChange[]): string {
  const lines = conflicts.map((c) => `  ${relative(c.target)}: ${CONFLICT_REASONS[c.conflict ?? 'foreign']}`);
  return [
    `refusing to overwrite ${conflicts.length} file(s) edited by hand; nothing was written:`,
    ...lines,
    'Move the change into the spec (gen-modules diff shows what would be lost), or run again with --force to overwrite.',
  ].join('\n');
}

const CONFLICT_REASONS: Record<Exclude<HeaderState, 'intact'>, string> = {
  edited: 'changed since it was generated (its content no longer matches its hash)',
  foreign: 'written by hand (no gen-modules header)',
  unsealed: 'its gen-modules content hash line is missing or damaged, so a hand edit cannot be ruled out',
};

export function describeKept(kept: KeptFile[]): string {
  return kept
    .map((k) => {
      const why =
        k.state === 'edited' ? 'edited by hand since it was generated' : 'generated without a content hash, so an edit cannot be ruled out';
      return `gen-modules: kept ${relative(k.target)}: no spec generates it any more, but it was ${why}; delete it yourself if it is not needed\n`;
    })
    .join('');
}

/** Where a file is staged: beside its target, named for the process, so a crashed run's leftovers can be told. */
function temporaryName(target: string): string {
  return `${target}.${process.pid}.tmp`;
}

const TEMPORARY = /^(?:.+\.tf|README\.md)\.(\d+)\.tmp$/;

/**
 * Staged files a run left behind when it was killed before renaming them: in
 * the root folder and in every service folder of the modules folder. A file
 * staged by a process that still runs is not stale (that run may be writing now).
 */
export function staleTemporaries(root: string, outDir: string): string[] {
  const dirs = [
    root,
    ...readDirIfExists(outDir)
      .filter((e) => e.isDirectory())
      .map((e) => path.join(outDir, e.name)),
  ];
  const found: string[] = [];
  for (const dir of dirs) {
    for (const entry of readDirIfExists(dir)) {
      const pid = TEMPORARY.exec(entry.name)?.[1];
      if (entry.isFile() && pid !== undefined && !isRunning(Number(pid))) found.push(path.join(dir, entry.name));
    }
  }
  return found.sort();
}

/** Remove the staged files of killed runs; returns them. */
export function removeStaleTemporaries(root: string, outDir: string): string[] {
  const stale = staleTemporaries(root, outDir);
  for (const file of stale) fs.rmSync(file, { force: true });
  return stale;
}

export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Delete a file, and its folder once empty (a removed service leaves no empty module folder). */
function remove(target: string): void {
  fs.rmSync(target, { force: true });
  const dir = path.dirname(target);
  if (readDirIfExists(dir).length === 0) fs.rmSync(dir, { recursive: true, force: true });
}
