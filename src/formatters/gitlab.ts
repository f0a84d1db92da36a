import { createHash } from 'node:crypto';
import { PARSE_ERROR } from '../lint/types';
import type { Finding } from '../lint/types';
import { displayPath, type Formatter } from './types';

/** GitLab Code Quality severities: errors fail the pipeline, so they rank as critical; a file that does not parse blocks everything. */
type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: CodeQualitySeverity;
  location: { path: string; lines: { begin: number } };
}

function severityOf(finding: Finding): CodeQualitySeverity {
  if (finding.ruleId === PARSE_ERROR) return 'blocker';
  return finding.severity === 'error' ? 'critical' : finding.severity === 'warning' ? 'minor' : 'info';
}

/**
 * GitLab Code Quality JSON. A fingerprint identifies an issue across commits, so
 * it is made of what survives edits around it: the path, the Terraform address
 * (the message when there is none), the rule id and the message; findings that
 * still collide are numbered in order.
 */
export const formatGitlab: Formatter = (findings, context) => {
  const seen = new Map<string, number>();
  const issues: CodeQualityIssue[] = findings.map((finding) => {
    const file = displayPath(finding.range.file, context.cwd);
    const identity = [file, finding.address ?? '', finding.ruleId, finding.message].join('\0');
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    return {
      description: finding.message,
      check_name: finding.ruleId,
      fingerprint: createHash('sha256').update(`${identity}\0${occurrence}`).digest('hex').slice(0, 32),
      severity: severityOf(finding),
      location: { path: file, lines: { begin: finding.range.line } },
    };
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};
