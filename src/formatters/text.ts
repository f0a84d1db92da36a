import { styleText } from 'node:util';
import type { Finding, Severity } from '../lint/types';
import { countSeverities, displayPath, groupByFile, type FormatContext, type Formatter } from './types';

/**
 * `file:line:col  severity  rule-id  message`, one line per finding, files
 * separated by a blank line, then a summary line. Nothing at all when clean.
 */
export const formatText: Formatter = (findings, context) => {
  if (findings.length === 0) return '';
  const blocks = [...groupByFile(findings).values()].map((group) => group.map((f) => formatFindingLine(f, context)).join('\n'));
  return `${blocks.join('\n\n')}\n\n${summaryLine(findings, context.color)}\n`;
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

function summaryLine(findings: readonly Finding[], color: boolean): string {
  const counts = countSeverities(findings);
  const text = `${plural(findings.length, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info)`;
  const style = counts.error > 0 ? 'red' : counts.warning > 0 ? 'yellow' : 'blue';
  return painter(color)(['bold', style], text);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function painter(color: boolean): (style: Parameters<typeof styleText>[0], text: string) => string {
  // The caller decided already (TTY, NO_COLOR); styleText must not second-guess it from process.stdout.
  return color ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}
