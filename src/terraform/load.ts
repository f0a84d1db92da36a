/**
 * From paths on disk to module instances: find the `.tf` files, parse them, group
 * them by folder, and instantiate each folder once per local `module` call (with
 * the caller's arguments, as tflint does) or standalone when nothing calls it.
 */
import fs from 'node:fs';
import * as path from 'node:path';
import { UserError } from '../errors';
import { fsReason } from '../util/fs-errors';
import { kindOf, readFolder, readRegularBytes } from '../util/paths';
import { buildModule, type ParsedFile } from './model';
import { parseFile } from '../hcl/parser';
import { decodeSource } from '../hcl/source';
import { type FileSyntax } from '../hcl/syntax';
import type { TfFile, TfModule } from './types';

const SKIPPED_DIRS = new Set(['.terraform', 'node_modules', '.git']);

// Reading is synchronous: a thousand small files read in turn cost more in promise round trips than in I/O.
function statOrFail(target: string): fs.Stats {
  let stats: fs.Stats;
  try {
    stats = fs.statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`${target}: no such file or directory`);
    throw new UserError(`${target}: ${fsReason(error)}`);
  }
  // A FIFO or a device would block the read or never end: refused before it is opened.
  if (!stats.isFile() && !stats.isDirectory()) throw new UserError(`${target}: not a regular file or folder, but ${kindOf(stats)}`);
  return stats;
}

/**
 * What a folder entry is once symbolic links are followed, as Terraform reads
 * it: a shared file linked into each root module is that module's file. A
 * dangling link, or one that loops (ELOOP), is neither.
 */
function entryKind(dir: string, entry: fs.Dirent): 'file' | 'directory' | undefined {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  if (!entry.isSymbolicLink()) return undefined;
  try {
    const stats = fs.statSync(path.join(dir, entry.name));
    return stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : undefined;
  } catch {
    return undefined;
  }
}

const isTfFile = (dir: string, entry: fs.Dirent): boolean => entry.name.endsWith('.tf') && entryKind(dir, entry) === 'file';

function tfFilesIn(dir: string): string[] {
  const entries = readFolder(dir);
  return entries.filter((entry) => isTfFile(dir, entry)).map((entry) => path.join(dir, entry.name));
}

/**
 * Every .tf file below `dir`. Linked folders are followed like any other,
 * except a link back to a folder that is being walked (a loop), passed over.
 */
function tfFilesBelow(dir: string, walking: ReadonlySet<string> = new Set()): string[] {
  const real = fs.realpathSync(dir);
  if (walking.has(real)) return [];
  const inside = new Set(walking).add(real);
  const found: string[] = [];
  for (const entry of readFolder(dir)) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const kind = entryKind(dir, entry);
    if (kind === 'directory') found.push(...tfFilesBelow(path.join(dir, entry.name), inside));
    else if (kind === 'file' && entry.name.endsWith('.tf')) found.push(path.join(dir, entry.name));
  }
  return found;
}

/** Whether `dir` is the root folder of a git repository or worktree (it holds `.git`, a folder or a file). */
function isRepositoryRoot(dir: string): boolean {
  return fs.existsSync(path.join(dir, '.git'));
}

/** The root folder of the git repository `dir` is in (the nearest folder upwards holding `.git`), if any. */
export function repositoryRootOf(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (isRepositoryRoot(current)) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

/** Find the .tf files for the given paths, and whether one of them is a repository's root folder (it holds `.git`) (directories: every folder with .tf files below it is a module, skipping .terraform/, node_modules/, .git/; a file: its whole folder is loaded, and the file is recorded in reportFiles; symbolic links are followed). Returns absolute paths → contents, decoded as UTF-8 (see `decodeSource`). */
export function discoverFiles(paths: string[], cwd: string): Promise<Discovered> {
  // A missing path rejects the promise rather than throwing.
  return new Promise((resolve) => resolve(readGivenPaths(paths, cwd)));
}

interface Discovered {
  files: Map<string, string>;
  reportFiles: Set<string> | null;
  repositoryRoot: boolean;
}

function readGivenPaths(paths: string[], cwd: string): Discovered {
  let repositoryRoot = false;
  const loaded = new Set<string>();
  const dirFiles = new Set<string>();
  const givenFiles = new Set<string>();
  for (const given of paths) {
    const target = path.resolve(cwd, given);
    const stats = statOrFail(target);
    if (stats.isDirectory()) {
      repositoryRoot ||= isRepositoryRoot(target);
      for (const file of tfFilesBelow(target)) {
        loaded.add(file);
        dirFiles.add(file);
      }
    } else {
      givenFiles.add(target);
      for (const file of tfFilesIn(path.dirname(target))) loaded.add(file);
      loaded.add(target);
    }
  }
  const files = new Map<string, string>();
  for (const file of [...loaded].sort()) files.set(file, decodeSource(readRegularBytes(file)));
  // Findings are limited to the named files only when files were named; files under named directories stay reported.
  const reportFiles = givenFiles.size > 0 ? new Set([...givenFiles, ...dirFiles]) : null;
  return { files, reportFiles, repositoryRoot };
}

function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Folder → its parsed files, sorted by path. */
async function parseByFolder(files: Map<string, string>): Promise<Map<string, ParsedFile[]>> {
  const folders = new Map<string, ParsedFile[]>();
  for (const filePath of [...files.keys()].sort()) {
    const text = files.get(filePath)!;
    const syntax: FileSyntax = await parseFile(filePath, text);
    const file: TfFile = {
      path: filePath,
      text,
      lines: splitLines(text),
      comments: syntax.comments.map(({ text: comment, range }) => ({ text: comment, range })),
    };
    const dir = path.dirname(filePath);
    const list = folders.get(dir) ?? [];
    list.push({ file, syntax });
    folders.set(dir, list);
  }
  return folders;
}

/** Local `source` directories a folder's `module` blocks call, read from syntax alone. */
function calledDirs(dir: string, files: ParsedFile[]): string[] {
  const called: string[] = [];
  for (const { syntax } of files) {
    for (const block of syntax.body.blocks) {
      if (block.type !== 'module') continue;
      const source = block.body.attributes.find((attribute) => attribute.name === 'source')?.expr;
      if (source?.t === 'literal' && typeof source.value === 'string' && /^\.\.?\//.test(source.value))
        called.push(path.resolve(dir, source.value));
    }
  }
  return called;
}

/** Build module instances from file contents (absolute path → text). Each folder is one module. A module called from another folder's `module` block with a local `source` (./ or ../) is built as an instance evaluated with the caller's arguments (as tflint does) instead of standalone; called several times → one instance per call. Never throws on bad HCL: parse errors go into `TfModule.parseErrors` with their position, and the rest of the file is still modelled as far as the parser recovered it. */
export async function buildModules(files: Map<string, string>): Promise<TfModule[]> {
  const folders = await parseByFolder(files);
  const called = new Set<string>();
  for (const [dir, parsed] of folders)
    for (const target of calledDirs(dir, parsed)) if (target !== dir && folders.has(target)) called.add(target);

  const modules: TfModule[] = [];
  const instantiated = new Set<string>();
  const instantiate = (dir: string, caller: TfModule['caller'], chain: readonly string[]): void => {
    const module = buildModule(dir, folders.get(dir)!, caller);
    modules.push(module);
    instantiated.add(dir);
    for (const call of module.moduleCalls) {
      // A module that (indirectly) calls itself is instantiated once per chain, never recursively.
      if (call.localDir && folders.has(call.localDir) && !chain.includes(call.localDir))
        instantiate(call.localDir, { module, call }, [...chain, call.localDir]);
    }
  };
  const dirs = [...folders.keys()].sort();
  for (const dir of dirs) if (!called.has(dir)) instantiate(dir, undefined, [dir]);
  // Folders only reachable through a cycle of calls still get linted, standalone.
  for (const dir of dirs) if (!instantiated.has(dir)) instantiate(dir, undefined, [dir]);
  return modules;
}

/** Convenience for tests: keys are paths relative to `root` (e.g. "main.tf", "modules-k8s/web/main.tf"). */
export async function loadSources(files: Record<string, string>, root = path.resolve('/project')): Promise<TfModule[]> {
  const absolute = new Map<string, string>();
  for (const [relative, text] of Object.entries(files)) absolute.set(path.resolve(root, relative), text);
  return buildModules(absolute);
}

/**
 * One module folder, for commands that read a single module (compare, import):
 * its `.tf` files (not the folders below it), evaluated standalone or, with
 * `rootFile`, with the arguments of the `module` block of that root file whose
 * local source is the folder. Bad input (no folder, no `.tf` file, HCL that
 * does not parse, no such call in the root) is a `UserError` naming the file.
 */
export async function loadModuleDir(dir: string, rootFile?: string): Promise<TfModule> {
  const target = path.resolve(dir);
  if (!statOrFail(target).isDirectory()) throw new UserError(`${dir}: not a folder`);
  const files = new Map<string, string>();
  for (const file of tfFilesIn(target).sort()) files.set(file, fs.readFileSync(file, 'utf8'));
  if (files.size === 0) throw new UserError(`${dir}: not a Terraform module (no .tf files)`);
  if (rootFile !== undefined) {
    const root = path.resolve(rootFile);
    if (!fs.existsSync(root)) throw new UserError(`${rootFile}: no such file`);
    files.set(root, fs.readFileSync(root, 'utf8'));
  }
  const modules = await buildModules(files);
  const module = modules.find((candidate) => candidate.dir === target);
  if (!module) throw new UserError(`${dir}: not a Terraform module`);
  const error = module.parseErrors[0] ?? module.caller?.module.parseErrors[0];
  if (error) throw new UserError(`${path.relative(process.cwd(), error.file) || error.file}:${error.range.line}: ${error.message}`);
  if (rootFile !== undefined && !module.caller)
    throw new UserError(`${rootFile}: no module block with source "${path.relative(path.dirname(path.resolve(rootFile)), target)}"`);
  return module;
}
