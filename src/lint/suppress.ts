import type { ResolvedRuleSetting } from './config';
import { engineRules, invalidSuppressionRule, unusedSuppressionRule } from './engine-rules';
import { formatMessage, type Rule } from './rule';
import type { Range } from '../hcl/syntax';
import type { Finding } from './types';

/**
 * Inline suppressions:
 *
 *   # gen-modules:ignore <rule-id>[, <rule-id>] -- <reason>        (also `//`)
 *   # gen-modules:ignore-file <rule-id> -- <reason>
 *
 * A line suppression at the end of a line covers that line; on a line of its own
 * it covers the next line. A file suppression must sit in the file's first
 * comment block and covers the whole file. Findings match by their start line.
 * A suppression without a reason silences nothing and is itself reported, and so
 * is one that silenced nothing.
 */

const MARKER = 'gen-modules:ignore';
const DIRECTIVE = /(#|\/\/)\s*gen-modules:(ignore-file|ignore)(?![\w-])(.*)$/;
const COMMENT_ONLY = /^\s*(#|\/\/)/;

export interface Suppression {
  scope: 'line' | 'file';
  ruleIds: string[];
  /** Empty when the comment gives none. */
  reason: string;
  /** The comment, from its marker to the end of the line. */
  range: Range;
  /** The line a line suppression covers. */
  targetLine: number;
  /** A file suppression below the first comment block. */
  misplaced: boolean;
}

/** Every suppression comment of a file, valid or not. */
export function parseSuppressions(file: string, text: string): Suppression[] {
  if (!text.includes(MARKER)) return [];
  const lines = text.split(/\r?\n/);
  const headerEnd = firstCodeLine(lines);
  const found: Suppression[] = [];
  lines.forEach((line, index) => {
    if (!line.includes(MARKER)) return;
    const match = DIRECTIVE.exec(line);
    if (!match) return;
    const lineNumber = index + 1;
    const standalone = line.slice(0, match.index).trim() === '';
    const [idsPart = '', ...reasonParts] = (match[3] ?? '').split('--');
    const scope = match[2] === 'ignore-file' ? 'file' : 'line';
    found.push({
      scope,
      ruleIds: idsPart.split(/[\s,]+/).filter((id) => id !== ''),
      reason: reasonParts.join('--').trim(),
      range: { file, line: lineNumber, column: match.index + 1, endLine: lineNumber, endColumn: line.length + 1 },
      targetLine: standalone ? lineNumber + 1 : lineNumber,
      misplaced: scope === 'file' && lineNumber >= headerEnd,
    });
  });
  return found;
}

/** 1-based number of the first line that is neither blank nor a comment. */
function firstCodeLine(lines: string[]): number {
  const index = lines.findIndex((line) => line.trim() !== '' && !COMMENT_ONLY.test(line));
  return index === -1 ? lines.length + 1 : index + 1;
}

interface Directive {
  suppression: Suppression;
  ruleId: string;
  used: boolean;
}

/**
 * Drop the findings that a valid suppression covers and add a finding for every
 * suppression that is invalid or silenced nothing.
 */
export function applySuppressions(
  findings: readonly Finding[],
  files: ReadonlyMap<string, string>,
  settings: ReadonlyMap<string, ResolvedRuleSetting>,
): Finding[] {
  const byLine = new Map<string, Directive[]>();
  const byFile = new Map<string, Directive[]>();
  const problems: Finding[] = [];
  const all: Directive[] = [];

  for (const [file, text] of files) {
    for (const suppression of parseSuppressions(file, text)) {
      const directives = validDirectives(suppression, settings, problems);
      all.push(...directives);
      for (const directive of directives) {
        const [map, key] = suppression.scope === 'file' ? [byFile, file] : [byLine, lineKey(file, suppression.targetLine)];
        const list = map.get(key);
        if (list) list.push(directive);
        else map.set(key, [directive]);
      }
    }
  }
  if (all.length === 0) return [...findings, ...problems];

  const kept = findings.filter((finding) => {
    let silenced = false;
    for (const list of [byLine.get(lineKey(finding.range.file, finding.range.line)), byFile.get(finding.range.file)]) {
      for (const directive of list ?? []) {
        if (directive.ruleId !== finding.ruleId) continue;
        directive.used = true;
        silenced = true;
      }
    }
    return !silenced;
  });

  for (const directive of all) {
    // A rule that is off did not run, so its suppressions cannot be judged unused.
    if (directive.used || settings.get(directive.ruleId)?.severity === 'off') continue;
    report(problems, settings, unusedSuppressionRule, 'unused', directive.suppression.range, { ruleId: directive.ruleId });
  }
  return [...kept, ...problems];
}

const unsuppressible = new Set(engineRules.map((rule) => rule.id));

/** The (suppression, rule) pairs that may silence findings; problems with the comment go to `problems`. */
function validDirectives(suppression: Suppression, settings: ReadonlyMap<string, ResolvedRuleSetting>, problems: Finding[]): Directive[] {
  const range = suppression.range;
  if (suppression.ruleIds.length === 0) return report(problems, settings, invalidSuppressionRule, 'missingRule', range);
  if (suppression.reason === '') return report(problems, settings, invalidSuppressionRule, 'missingReason', range);
  if (suppression.misplaced) return report(problems, settings, invalidSuppressionRule, 'misplacedFileIgnore', range);
  const directives: Directive[] = [];
  for (const ruleId of suppression.ruleIds) {
    const setting = settings.get(ruleId);
    if (!setting) report(problems, settings, invalidSuppressionRule, 'unknownRule', range, { ruleId });
    else if (unsuppressible.has(ruleId)) report(problems, settings, invalidSuppressionRule, 'cannotSuppress', range, { ruleId });
    else if (!setting.ignorable) report(problems, settings, invalidSuppressionRule, 'notIgnorable', range, { ruleId });
    else directives.push({ suppression, ruleId, used: false });
  }
  return directives;
}

function report(
  problems: Finding[],
  settings: ReadonlyMap<string, ResolvedRuleSetting>,
  rule: Rule,
  messageId: string,
  range: Range,
  data: Record<string, string> = {},
): [] {
  const severity = settings.get(rule.id)?.severity ?? rule.defaultSeverity;
  if (severity !== 'off') {
    problems.push({ ruleId: rule.id, severity, messageId, message: formatMessage(rule.messages[messageId] ?? messageId, data), range });
  }
  return [];
}

function lineKey(file: string, line: number): string {
  return `${file}\0${line}`;
}
