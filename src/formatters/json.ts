import { countSeverities, displayPath, type Formatter } from './types';

/** The JSON report contract; built field by field so internal fields never leak into it. */
export interface JsonReport {
  findings: Array<{
    ruleId: string;
    severity: string;
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    message: string;
    address: string | null;
  }>;
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export const formatJson: Formatter = (findings, context) => {
  const counts = countSeverities(findings);
  const report: JsonReport = {
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      file: displayPath(f.range.file, context.cwd),
      line: f.range.line,
      column: f.range.column,
      endLine: f.range.endLine,
      endColumn: f.range.endColumn,
      message: f.message,
      address: f.address ?? null,
    })),
    errorCount: counts.error,
    warningCount: counts.warning,
    infoCount: counts.info,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
};
