import { PARSE_ERROR } from './types';
import type { discoverFiles } from '../terraform/load';
import type { Finding } from './types';

/** The last steps of a lint run, kept light so a cached run loads nothing else. */

export interface LintResult {
  findings: Finding[];
  /** The files findings are reported for, sorted. */
  files: string[];
}

export type Discovered = Awaited<ReturnType<typeof discoverFiles>>;

/** Findings and files to report: the named files only when files were named. */
export function reportOn(findings: readonly Finding[], discovered: Discovered): LintResult {
  const { files, reportFiles } = discovered;
  const reported = reportFiles ? findings.filter((finding) => reportFiles.has(finding.range.file)) : [...findings];
  return { findings: reported, files: (reportFiles ? [...reportFiles] : [...files.keys()]).sort() };
}

export interface ExitCodeOptions {
  maxWarnings?: number;
}

/** 2 when a file did not parse, 1 for error findings or too many warnings, else 0. */
export function exitCodeFor(findings: readonly Finding[], options: ExitCodeOptions = {}): number {
  if (findings.some((f) => f.ruleId === PARSE_ERROR)) return 2;
  if (findings.some((f) => f.severity === 'error')) return 1;
  if (options.maxWarnings !== undefined && findings.filter((f) => f.severity === 'warning').length > options.maxWarnings) return 1;
  return 0;
}
