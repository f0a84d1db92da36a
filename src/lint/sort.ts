import type { Finding } from './types';
import { compareText } from '../util/compare';

/**
 * The one order of findings everywhere: file, line, column, rule id; the other
 * fields break the remaining ties so that the order is total and output is
 * byte-for-byte reproducible.
 */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareText(a.range.file, b.range.file) ||
    a.range.line - b.range.line ||
    a.range.column - b.range.column ||
    compareText(a.ruleId, b.ruleId) ||
    a.range.endLine - b.range.endLine ||
    a.range.endColumn - b.range.endColumn ||
    compareText(a.message, b.message) ||
    compareText(a.address ?? '', b.address ?? '') ||
    compareText(a.messageId ?? '', b.messageId ?? '')
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}
