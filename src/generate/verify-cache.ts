import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { toolVersion } from '../lint/cache';
import type { Service, Stack } from '../spec-api/schema';
import type { GeneratedFile } from './generate';

/**
 * The round trips that passed, by (verifier, stack, spec, rendered text): a
 * service whose spec and rendered files are exactly as in a passed round trip
 * passes again, so it is not parsed back a second time. Any change to the spec,
 * the stack, any of its rendered files (so any template change that alters the
 * output), the package version or the verifier's code gives a new key, and that
 * service is verified with hcl2json again. Failures are never recorded.
 *
 * One JSON file, `verify.json`, in the cache folder (`.gen-modules-cache/` of the
 * working folder by default, beside the lint cache). Reading or writing it never
 * fails a run: an unreadable cache is an empty one.
 */

const FILE = 'verify.json';
const FORMAT = 1;
/** Keys kept: enough for several stacks and their recent edits, small enough to read in a millisecond. */
const LIMIT = 2000;

interface Stored {
  format: number;
  passed: string[];
}

export interface VerifyCache {
  /** True when this exact round trip passed before. */
  passed(key: string): boolean;
  /** Record a round trip that passed. */
  record(key: string): void;
  /** Write the keys back (newest first), when anything was recorded. */
  save(): void;
  /** True when no round trip is known: every service will be parsed back. */
  empty(): boolean;
}

/** The identity of the verifier: the package version and the file its code was loaded from. */
export function verifierIdentity(codeFile: string): string {
  let stamp = '';
  try {
    const stat = statSync(codeFile);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    // Not a file on disk: the version alone identifies it.
  }
  return `${toolVersion()}:${stamp}`;
}

/** The key of one service's round trip. */
export function verifyKey(identity: string, stack: Stack, service: Service, files: readonly GeneratedFile[]): string {
  const hash = createHash('sha256').update(`${FORMAT}\0${identity}\0${JSON.stringify(stack)}\0${JSON.stringify(service)}\0`);
  for (const file of files) hash.update(file.path).update('\0').update(file.content).update('\0');
  return hash.digest('hex');
}

/** Open the cache in `location`; an absent or unreadable file is an empty cache. */
export function openVerifyCache(location: string): VerifyCache {
  const file = path.join(location, FILE);
  const known = new Set(readKeys(file));
  const recorded: string[] = [];
  return {
    passed: (key) => known.has(key),
    empty: () => known.size === 0,
    record: (key) => {
      if (!known.has(key)) recorded.push(key);
      known.add(key);
    },
    save: () => {
      if (recorded.length === 0) return;
      const recent = new Set([...recorded.reverse(), ...readKeys(file)]);
      writeKeys(file, [...recent].slice(0, LIMIT));
    },
  };
}

function readKeys(file: string): string[] {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Stored>;
    return stored.format === FORMAT && Array.isArray(stored.passed) ? stored.passed.filter((k) => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

function writeKeys(file: string, passed: string[]): void {
  const stored: Stored = { format: FORMAT, passed };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, JSON.stringify(stored));
    renameSync(temporary, file);
  } catch {
    // A read-only or full disk costs the next run a full verification, nothing more.
  }
}
