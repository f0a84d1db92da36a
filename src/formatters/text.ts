import { styleText } from 'node:util';
import type { Finding, Severity } from '../lint/types';
import { countSeverities, displayPath, groupByFile, type FormatContext, type Formatter } from './types';

/**
 * `file:line:col  severity  rule-id  message`, one line per finding, files
 * separated by a blank line, then a summary line. Nothing at all when clean,
 * except at a terminal, where the summary line is always printed.
 */
export const formatText: Formatter = (findings, context) => {
  if (findings.length === 0) return context.terminal ? `${summaryLine(findings, context)}\n` : '';
  const blocks = [...groupByFile(findings).values()].map((group) => group.map((f) => formatFindingLine(f, context)).join('\n'));
  return `${blocks.join('\n\n')}\n\n${summaryLine(findings, context)}\n`;
};

const SEVERITY_STYLE: Record<Severity, Parameters<typeof styleText>[0]> = { error: 'red', warning: 'yellow', info: 'blue' };

export function formatFindingLine(finding: Finding, context: Pick<FormatContext, 'cwd' | 'color'>): string {
  const paint = painter(context.color);
  const location = `${displayPath(finding.range.file, context.cwd)}:${finding.range.line}:${finding.range.column}`;
  return [
    paint('underline', location),
    paint(SEVERITY_STYLE[finding.severity], finding.severity),
    paint('dim', finding.ruleId),
    finding.message,
  ].join('  ');
}

/**
 * `3 problems (1 error, 2 warnings, 0 info)`; at a terminal led by ✓ or ✗ (the
 * run's outcome: warnings alone pass unless --max-warnings is exceeded) and the
 * number of files: `✓ 31 files, 0 problems` when clean.
 */
function summaryLine(findings: readonly Finding[], context: Pick<FormatContext, 'color' | 'files' | 'terminal'>): string {
  const counts = countSeverities(findings);
  const breakdown = ` (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info)`;
  const problems = `${plural(findings.length, 'problem')}${findings.length > 0 ? breakdown : ''}`;
  const failed = counts.error > 0 || context.terminal?.passed === false;
  const style = failed ? 'red' : counts.warning > 0 ? 'yellow' : context.terminal ? 'green' : 'blue';
  const text = context.terminal
    ? `${context.terminal.passed ? '✓' : '✗'} ${plural(context.files?.length ?? 0, 'file')}, ${problems}`
    : problems;
  return painter(context.color)(['bold', style], text);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function painter(color: boolean): (style: Parameters<typeof styleText>[0], text: string) => string {
  // The caller decided already (TTY, NO_COLOR); styleText must not second-guess it from process.stdout.
  return color ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}
