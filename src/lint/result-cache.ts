import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from './types';

/**
 * The last lint's final findings, for a tree and configuration that have not
 * changed at all. Checked before the configuration is even resolved, so such a
 * run loads neither the rules nor zod: it reads the files, hashes them, and
 * prints. Any difference (a file, the config file or a TypeScript file it
 * imports, the tool version) falls through to the per-folder cache.
 */

const SUMMARY_FILE = 'summary.json';
const FORMAT = 1;

interface Summary {
  key: string;
  tree: string;
  /** Config source file → digest of its content. */
  sources: Record<string, string>;
  findings: Finding[];
}

const digest = (text: string): string => createHash('sha1').update(text).digest('hex');

/** Digest of every file's path and content. */
export function treeDigest(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha1');
  for (const file of [...files.keys()].sort())
    hash
      .update(file)
      .update('\0')
      .update(files.get(file) as string)
      .update('\0');
  return hash.digest('hex');
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The cached findings, when the tree, the config file in force and its sources are exactly as last time. */
export function readSummary(
  location: string,
  key: string,
  configFile: string | null,
  files: ReadonlyMap<string, string>,
): Finding[] | undefined {
  const text = readText(path.join(location, SUMMARY_FILE));
  if (text === undefined) return undefined;
  let summary: Summary;
  try {
    summary = JSON.parse(text) as Summary;
  } catch {
    return undefined;
  }
  if (summary.key !== `${FORMAT}:${key}` || summary.tree !== treeDigest(files)) return undefined;
  const sources = Object.keys(summary.sources);
  if ((configFile === null) !== (sources.length === 0) || (configFile !== null && !sources.includes(configFile))) return undefined;
  for (const source of sources) {
    const content = readText(source);
    if (content === undefined || digest(content) !== summary.sources[source]) return undefined;
  }
  return summary.findings;
}

export function writeSummary(
  location: string,
  key: string,
  sources: readonly string[],
  files: ReadonlyMap<string, string>,
  findings: readonly Finding[],
): void {
  const summary: Summary = {
    key: `${FORMAT}:${key}`,
    tree: treeDigest(files),
    sources: Object.fromEntries(sources.map((source) => [source, digest(readText(source) ?? '')])),
    findings: [...findings],
  };
  mkdirSync(location, { recursive: true });
  const target = path.join(location, SUMMARY_FILE);
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(summary));
  renameSync(temporary, target);
}
