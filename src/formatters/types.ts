import path from 'node:path';
import type { Finding, Severity } from '../lint/types';

export const OUTPUT_FORMATS = ['text', 'json', 'sarif', 'junit', 'checkstyle', 'gitlab'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What a report says about a rule. */
export interface RuleInfo {
  id: string;
  defaultSeverity: Severity;
  summary: string;
  docsUrl: string;
}

export interface FormatContext {
  /** Paths are shown relative to this folder: `--relative-to`, by default the repository root (else the working folder). */
  cwd: string;
  /** ANSI colours (text format only). */
  color: boolean;
  /** Every rule that can appear, for formats that describe rules (SARIF). */
  rules: readonly RuleInfo[];
  toolVersion: string;
  /** Every file linted, also those without findings (JUnit, Checkstyle). */
  files?: readonly string[];
  /**
   * Set when the report goes to a person at a terminal (text format): the
   * summary line then leads with a mark for the run's outcome and the number of
   * files, and is printed when clean too (`✓ 31 files, 0 problems`).
   */
  terminal?: { passed: boolean };
}

/** A report format: a pure function of the (sorted) findings. */
export type Formatter = (findings: readonly Finding[], context: FormatContext) => string;

/** `file` relative to `cwd`, with `/` separators on every platform. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file) || path.basename(file);
  return relative.split(path.sep).join('/');
}

export function countSeverities(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Findings grouped by file, in the order the findings come. */
export function groupByFile(findings: readonly Finding[]): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    const group = groups.get(finding.range.file);
    if (group) group.push(finding);
    else groups.set(finding.range.file, [finding]);
  }
  return groups;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for an XML attribute or element; characters XML 1.0 cannot carry are dropped. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- XML 1.0 cannot carry these control characters
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c)
  );
}
