import { PARSE_ERROR } from '../lint/types';
import type { Finding } from '../lint/types';
import { fingerprints } from './fingerprint';
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
 * GitLab Code Quality JSON (the fields GitLab reads: description, check_name,
 * fingerprint, severity, location.path relative to the repository root and
 * location.lines.begin). The fingerprint does not depend on the line, so a
 * finding moved by an edit above it is the same issue in the merge request.
 */
export const formatGitlab: Formatter = (findings, context) => {
  const prints = fingerprints(findings, context.cwd);
  const issues: CodeQualityIssue[] = findings.map((finding, index) => ({
    description: finding.message,
    check_name: finding.ruleId,
    fingerprint: prints[index]!,
    severity: severityOf(finding),
    location: { path: displayPath(finding.range.file, context.cwd), lines: { begin: finding.range.line } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
};
