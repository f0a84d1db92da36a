import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from './types';
import { compareText } from '../util/compare';

/**
 * The lint cache: findings per module folder, keyed by content hashes.
 *
 * A folder's entry holds the findings of its module instances and the folders of
 * the callers whose arguments those instances were evaluated with. The entry is
 * reused while the folder and those callers are unchanged, so an unchanged tree
 * is not parsed at all. Folders that call modules decide which instances exist,
 * so any change to one (or a folder added or removed) re-lints everything; other
 * changes re-lint only the changed folders, loaded with their callers.
 *
 * When a rule compares modules across the tree, any change re-lints every folder.
 *
 * The whole cache is dropped when the tool version, the configuration or the
 * cache format changes.
 */

/** Findings of the module instances of one folder, and the folders they were evaluated with. */
export interface DirResult {
  findings: Finding[];
  /** Folders of the callers (recursively) whose arguments the instances used. */
  deps: string[];
}

export type AnalyseFiles = (files: ReadonlyMap<string, string>) => Promise<Map<string, DirResult>>;

const FORMAT = 1;
const CACHE_FILE = 'lint.json';
const MODULE_CALL = /^[ \t]*module[ \t]+"/m;

interface DirEntry {
  /** Digest of the folder's file names and contents. */
  state: string;
  callsModules: boolean;
  deps: string[];
  findings: Finding[];
}

interface CacheData {
  key: string;
  dirs: Record<string, DirEntry>;
}

interface DirState {
  state: string;
  callsModules: boolean;
}

export interface CacheOptions {
  /** Absolute folder of the cache. */
  location: string;
  /** Digest of the configuration. */
  key: string;
  analyse: AnalyseFiles;
  /** Findings of one folder may depend on any other: any change re-lints every folder. */
  wholeTree?: boolean;
}

/** Findings per module folder for `files`, from the cache where it is still valid. */
export async function lintWithCache(files: ReadonlyMap<string, string>, options: CacheOptions): Promise<Map<string, DirResult>> {
  const key = `${FORMAT}:${toolVersion()}:${options.key}`;
  const current = dirStates(files);
  const previous = readCache(options.location, key);
  let stale = previous ? staleDirs(previous, current) : 'all';
  if (options.wholeTree && stale !== 'all' && stale.size > 0) stale = 'all';

  let dirs: Record<string, DirEntry>;
  if (stale === 'all') {
    dirs = toEntries(await options.analyse(files), current);
  } else if (stale.size === 0 && previous) {
    return fromEntries(previous.dirs);
  } else {
    dirs = { ...previous?.dirs };
    const load = new Set(stale);
    for (const dir of stale) for (const dep of previous?.dirs[dir]?.deps ?? []) load.add(dep);
    const results = await options.analyse(filesIn(files, load));
    const fresh = toEntries(results, current);
    for (const dir of stale) {
      const entry = fresh[dir];
      if (entry) dirs[dir] = entry;
    }
  }
  writeCache(options.location, { key, dirs });
  return fromEntries(dirs);
}

/** The folders to re-lint, or `all` when the set of module instances may have changed. */
function staleDirs(previous: CacheData, current: Map<string, DirState>): Set<string> | 'all' {
  const previousDirs = Object.keys(previous.dirs);
  if (previousDirs.length !== current.size || previousDirs.some((dir) => !current.has(dir))) return 'all';
  const stale = new Set<string>();
  for (const [dir, state] of current) {
    const entry = previous.dirs[dir];
    if (!entry) return 'all';
    if (entry.state === state.state) continue;
    if (entry.callsModules || state.callsModules) return 'all';
    stale.add(dir);
  }
  return stale;
}

function dirStates(files: ReadonlyMap<string, string>): Map<string, DirState> {
  const byDir = new Map<string, Array<[string, string]>>();
  for (const [file, text] of files) {
    const dir = path.dirname(path.resolve(file));
    const list = byDir.get(dir);
    if (list) list.push([file, text]);
    else byDir.set(dir, [[file, text]]);
  }
  const states = new Map<string, DirState>();
  for (const [dir, list] of byDir) {
    const hash = createHash('sha1');
    let callsModules = false;
    for (const [file, text] of list.sort(([a], [b]) => compareText(a, b))) {
      hash.update(path.basename(file)).update('\0').update(text).update('\0');
      callsModules ||= MODULE_CALL.test(text);
    }
    states.set(dir, { state: hash.digest('hex'), callsModules });
  }
  return states;
}

function filesIn(files: ReadonlyMap<string, string>, dirs: Set<string>): Map<string, string> {
  const subset = new Map<string, string>();
  for (const [file, text] of files) if (dirs.has(path.dirname(path.resolve(file)))) subset.set(file, text);
  return subset;
}

/** Every folder with files gets an entry, also one for which no instance reported anything. */
function toEntries(results: Map<string, DirResult>, current: Map<string, DirState>): Record<string, DirEntry> {
  const dirs: Record<string, DirEntry> = {};
  for (const [dir, state] of current) {
    const result = results.get(dir);
    dirs[dir] = { ...state, deps: result?.deps ?? [], findings: result?.findings ?? [] };
  }
  return dirs;
}

function fromEntries(dirs: Record<string, DirEntry>): Map<string, DirResult> {
  const results = new Map<string, DirResult>();
  for (const [dir, entry] of Object.entries(dirs)) results.set(dir, { findings: entry.findings, deps: entry.deps });
  return results;
}

function readCache(location: string, key: string): CacheData | null {
  let text: string;
  try {
    text = readFileSync(path.join(location, CACHE_FILE), 'utf8');
  } catch {
    return null;
  }
  try {
    const data = JSON.parse(text) as Partial<CacheData>;
    // A cache written by another version or configuration, or damaged, is only a miss.
    return data.key === key && typeof data.dirs === 'object' && data.dirs !== null ? (data as CacheData) : null;
  } catch {
    return null;
  }
}

function writeCache(location: string, data: CacheData): void {
  mkdirSync(location, { recursive: true });
  const target = path.join(location, CACHE_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(data));
  renameSync(temporary, target);
}

let version: string | undefined;

/** The version in the package's manifest: the nearest package.json named gen-modules above this file. */
export function toolVersion(): string {
  version ??= findVersion(__dirname);
  return version;
}

function findVersion(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (manifest.name === 'gen-modules' && typeof manifest.version === 'string') return manifest.version;
    } catch {
      // No (readable) manifest here; keep climbing.
    }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
