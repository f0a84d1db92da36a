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
import { parseFileSync } from '../hcl/parser';
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

/** A file's syntax and its model-side record (lines are split on first use). */
function parseOne(filePath: string, text: string): ParsedFile {
  const syntax: FileSyntax = parseFileSync(filePath, text);
  let lines: string[] | undefined;
  const file: TfFile = {
    path: filePath,
    text,
    get lines() {
      return (lines ??= splitLines(text));
    },
    comments: syntax.comments.map(({ text: comment, range }) => ({ text: comment, range })),
  };
  return { file, syntax };
}

/**
 * One module from files in memory (absolute path → text, all in `dir`),
 * evaluated standalone; parse errors are in `parseErrors`. For files that were
 * just rendered.
 */
export function moduleFromSources(dir: string, files: ReadonlyMap<string, string>): TfModule {
  const parsed = [...files.keys()].sort().map((filePath) => parseOne(filePath, files.get(filePath)!));
  return buildModule(dir, parsed, undefined);
}

/** Folder → its files (path and text), sorted by path; nothing parsed yet. */
function groupByFolder(files: ReadonlyMap<string, string>): Map<string, Array<[string, string]>> {
  const folders = new Map<string, Array<[string, string]>>();
  for (const filePath of [...files.keys()].sort()) {
    const dir = path.dirname(filePath);
    let list = folders.get(dir);
    if (!list) folders.set(dir, (list = []));
    list.push([filePath, files.get(filePath)!]);
  }
  return folders;
}

/** Local `source` directories a file's `module` blocks call, read from syntax alone. */
function calledDirs(dir: string, syntax: FileSyntax): string[] {
  const called: string[] = [];
  for (const block of syntax.body.blocks) {
    if (block.type !== 'module') continue;
    const source = block.body.attributes.find((attribute) => attribute.name === 'source')?.expr;
    if (source?.t === 'literal' && typeof source.value === 'string' && /^\.\.?\//.test(source.value))
      called.push(path.resolve(dir, source.value));
  }
  return called;
}

/**
 * Where a top-level `module` block may start: the word at the start of a line
 * (or after a block comment). Files without one call no module.
 */
const MAY_CALL = /(?:^|\n|\*\/)[ \t\ufeff]*module(?![\w-])/;

/**
 * The order module instances are built in, and how many instances each folder
 * gets: every folder nothing calls, standalone, in path order, each followed
 * depth first by the instances of the local modules it calls (once per call;
 * a module that (indirectly) calls itself is instantiated once per chain,
 * never recursively); then folders only reachable through a cycle of calls,
 * standalone.
 */
class InstancePlan {
  /** Local folders each folder's `module` blocks call. */
  private readonly calls = new Map<string, string[]>();
  private readonly called = new Set<string>();
  /** Instances still to be built per folder, as the syntax foretells them. */
  private readonly uses = new Map<string, number>();
  /** Files parsed to learn the calls (a few small root files, mostly), until their folder is built. */
  private readonly ahead = new Map<string, ParsedFile>();

  constructor(private readonly folders: ReadonlyMap<string, Array<[string, string]>>) {
    for (const [dir, list] of folders) {
      const calls = list.flatMap(([file, text]) => (MAY_CALL.test(text) ? calledDirs(dir, this.readAhead(file, text).syntax) : []));
      if (calls.length === 0) continue;
      this.calls.set(dir, calls);
      for (const target of calls) if (target !== dir && folders.has(target)) this.called.add(target);
    }
    const planned = new Set<string>();
    const visit = (dir: string, chain: readonly string[]): void => {
      this.uses.set(dir, (this.uses.get(dir) ?? 0) + 1);
      planned.add(dir);
      for (const target of this.calls.get(dir) ?? []) if (folders.has(target) && !chain.includes(target)) visit(target, [...chain, target]);
    };
    for (const dir of this.roots()) visit(dir, [dir]);
    for (const dir of [...folders.keys()].sort()) if (!planned.has(dir)) visit(dir, [dir]);
  }

  private readAhead(file: string, text: string): ParsedFile {
    const parsed = parseOne(file, text);
    this.ahead.set(file, parsed);
    return parsed;
  }

  private takeAhead(file: string): ParsedFile | undefined {
    const parsed = this.ahead.get(file);
    this.ahead.delete(file);
    return parsed;
  }

  /** Folders nothing calls, in path order. */
  *roots(): Generator<string> {
    for (const dir of [...this.folders.keys()].sort()) if (!this.called.has(dir)) yield dir;
  }

  /** A folder's parsed files, held only while instances still to come need them. */
  take(dir: string, cache: Map<string, ParsedFile[]>): ParsedFile[] {
    const parsed = cache.get(dir) ?? this.folders.get(dir)!.map(([file, text]) => this.takeAhead(file) ?? parseOne(file, text));
    const left = (this.uses.get(dir) ?? 0) - 1;
    this.uses.set(dir, left);
    if (left > 0) cache.set(dir, parsed);
    else cache.delete(dir);
    return parsed;
  }
}

/**
 * Module instances built one at a time from file contents (absolute path →
 * text), in the order `buildModules` returns them. A folder is parsed when its
 * first instance is built and let go after its last, so a consumer that drops
 * each instance once done holds one module's trees and views at a time.
 */
export function* moduleInstances(files: ReadonlyMap<string, string>): Generator<TfModule, void, undefined> {
  const folders = groupByFolder(files);
  const plan = new InstancePlan(folders);
  const cache = new Map<string, ParsedFile[]>();
  const instantiated = new Set<string>();
  function* instantiate(dir: string, caller: TfModule['caller'], chain: readonly string[]): Generator<TfModule, void, undefined> {
    const module = buildModule(dir, plan.take(dir, cache), caller);
    instantiated.add(dir);
    yield module;
    for (const call of module.moduleCalls) {
      // A module that (indirectly) calls itself is instantiated once per chain, never recursively.
      if (call.localDir && folders.has(call.localDir) && !chain.includes(call.localDir))
        yield* instantiate(call.localDir, { module, call }, [...chain, call.localDir]);
    }
  }
  for (const dir of plan.roots()) yield* instantiate(dir, undefined, [dir]);
  // Folders only reachable through a cycle of calls still get linted, standalone.
  for (const dir of [...folders.keys()].sort()) if (!instantiated.has(dir)) yield* instantiate(dir, undefined, [dir]);
}

/** Build module instances from file contents (absolute path → text). Each folder is one module. A module called from another folder's `module` block with a local `source` (./ or ../) is built as an instance evaluated with the caller's arguments (as tflint does) instead of standalone; called several times → one instance per call. Never throws on bad HCL: parse errors go into `TfModule.parseErrors` with their position, and the rest of the file is still modelled as far as the parser recovered it. */
export function buildModules(files: ReadonlyMap<string, string>): Promise<TfModule[]> {
  return new Promise((resolve) => resolve([...moduleInstances(files)]));
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
