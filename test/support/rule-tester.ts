import os from 'node:os';
import path from 'node:path';
import { formatFindingLine } from '../../src/formatters/text';
import { resolveConfig, type ResolvedConfig, type RuleSetting } from '../../src/lint/config';
import { PARSE_ERROR } from '../../src/lint/engine-rules';
import type { Constitution } from '../../src/lint/constitution';
import { lintModules } from '../../src/lint/engine';
import { loadSources } from '../../src/terraform/load';
import { hasOptions, type Rule } from '../../src/lint/rule';
import type { Finding } from '../../src/lint/types';
import { byKey, compareText } from '../../src/util/compare';

/**
 * Table-driven rule tests, one jest test per row:
 *
 *   testRule(rule, {
 *     valid: [{ name: 'probes set', code: '...' }],
 *     invalid: [{ name: 'no probe', code: '...', expected: [{ messageId: 'missing', line: 3, column: 5 }] }],
 *   });
 *
 * Each row runs the one rule through the engine as the CLI does (configuration
 * resolved and validated, severity applied, suppressions matched). Rows with the
 * same name or the same input are refused when the table is declared. The rule's
 * findings are compared, sorted, with the expected ones on messageId, line and
 * column, plus `file`, `endLine`, `endColumn` or `message` when any expected row
 * of the case gives that field.
 */

export interface ExpectedFinding {
  messageId: string;
  /** Relative to the module folder, like the keys of `files`. */
  file?: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  message?: string;
}

export interface TestCase {
  name: string;
  /** File name (relative to the module folder) → content. */
  files?: Record<string, string>;
  /** Shorthand for `files: { 'main.tf': code }`. */
  code?: string;
  constitution?: Partial<Constitution>;
  options?: Record<string, unknown>;
  expected?: ExpectedFinding[];
}

export interface RuleTests {
  valid: TestCase[];
  invalid: TestCase[];
}

/** Folder the sources of a test case are placed in; nothing is written there. */
export const VIRTUAL_ROOT = path.join(os.tmpdir(), 'gen-modules-lint-case');

export function testRule<O extends Record<string, unknown>>(rule: Rule<O>, tests: RuleTests): void {
  checkTable(tests);
  describe(rule.id, () => {
    describe('valid', () => {
      for (const row of tests.valid) test(row.name, () => runTestCase(rule, row, 'valid'));
    });
    describe('invalid', () => {
      for (const row of tests.invalid) test(row.name, () => runTestCase(rule, row, 'invalid'));
    });
  });
}

/** Throw on a table that cannot mean what it says. */
export function checkTable(tests: RuleTests): void {
  const names = new Set<string>();
  const inputs = new Map<string, string>();
  const rows = [...tests.valid.map((row) => ({ row, valid: true })), ...tests.invalid.map((row) => ({ row, valid: false }))];
  for (const { row, valid } of rows) {
    if (names.has(row.name)) throw new Error(`duplicate test case name "${row.name}"`);
    names.add(row.name);
    if ((row.code === undefined) === (row.files === undefined))
      throw new Error(`test case "${row.name}": give exactly one of "code" and "files"`);
    if (valid && row.expected !== undefined && row.expected.length > 0)
      throw new Error(`valid test case "${row.name}" lists expected findings; move it to invalid`);
    if (!valid && (row.expected === undefined || row.expected.length === 0))
      throw new Error(`invalid test case "${row.name}" lists no expected findings`);
    const input = inputKey(row);
    const twin = inputs.get(input);
    if (twin !== undefined) throw new Error(`test cases "${twin}" and "${row.name}" have the same input`);
    inputs.set(input, row.name);
  }
}

function inputKey(row: TestCase): string {
  return stableJson({ files: filesOf(row), constitution: row.constitution ?? null, options: row.options ?? null });
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function filesOf(row: TestCase): Record<string, string> {
  return row.files ?? { 'main.tf': row.code ?? '' };
}

/** One row: rejects (with a jest assertion error) when the findings are not what the row says. */
export async function runTestCase<O extends Record<string, unknown>>(
  rule: Rule<O>,
  row: TestCase,
  kind: 'valid' | 'invalid',
): Promise<void> {
  const findings = await runCase(rule, row);
  if (kind === 'valid') {
    expect(findings.map(describeFinding)).toEqual([]);
    return;
  }
  // Compare the fields the rows pin: messageId, line and column always, the
  // optional ones when any row of the case gives them.
  const rows = row.expected ?? [];
  const pinned = OPTIONAL_FIELDS.filter((field) => rows.some((e) => e[field] !== undefined));
  const expected = rows.map((e) => pick(e, pinned)).sort(compareExpected);
  const actual = findings.map((finding) => pick(toExpected(finding), pinned)).sort(compareExpected);
  expect(actual).toEqual(expected);
  for (const finding of findings) expect(finding.message).not.toMatch(/\{\{/);
}

/** The rule's findings for one row, sorted; a row whose HCL does not parse is a broken row. */
async function runCase<O extends Record<string, unknown>>(rule: Rule<O>, row: TestCase): Promise<Finding[]> {
  const setting: RuleSetting = row.options === undefined ? rule.defaultSeverity : { options: row.options };
  const config = resolveConfig(
    { constitution: row.constitution, rules: { [rule.id]: setting } },
    { file: null, rules: [rule], displayName: `test case "${row.name}"` },
  );
  const findings = lintModules(await loadSources(filesOf(row), VIRTUAL_ROOT), config);
  const parseErrors = findings.filter((f) => f.ruleId === PARSE_ERROR);
  if (parseErrors.length > 0 && rule.id !== PARSE_ERROR) {
    throw new Error(`test case "${row.name}" does not parse:\n${parseErrors.map(describeFinding).join('\n')}`);
  }
  for (const finding of findings) {
    if (finding.ruleId === rule.id && finding.severity !== config.settings.get(rule.id)?.severity) {
      throw new Error(`finding ${describeFinding(finding)} has severity ${finding.severity}, not the configured one`);
    }
  }
  return findings.filter((f) => f.ruleId === rule.id);
}

const OPTIONAL_FIELDS = ['file', 'endLine', 'endColumn', 'message'] as const;

function toExpected(finding: Finding): Required<ExpectedFinding> {
  return {
    messageId: finding.messageId ?? '',
    line: finding.range.line,
    column: finding.range.column,
    file: path.relative(VIRTUAL_ROOT, finding.range.file).split(path.sep).join('/'),
    endLine: finding.range.endLine,
    endColumn: finding.range.endColumn,
    message: finding.message,
  };
}

function pick(finding: ExpectedFinding, fields: ReadonlyArray<(typeof OPTIONAL_FIELDS)[number]>): ExpectedFinding {
  const out: ExpectedFinding = { messageId: finding.messageId, line: finding.line, column: finding.column };
  for (const field of fields) Object.assign(out, { [field]: finding[field] });
  return out;
}

function compareExpected(a: ExpectedFinding, b: ExpectedFinding): number {
  return compareText(a.file ?? '', b.file ?? '') || a.line - b.line || a.column - b.column || compareText(a.messageId, b.messageId);
}

function describeFinding(finding: Finding): string {
  return formatFindingLine(finding, { cwd: VIRTUAL_ROOT, color: false });
}

// ---------------------------------------------------------------------------
// Rule docs

export interface DocSnippet {
  name: string;
  code: string;
}

export interface ParsedRuleDoc {
  title: string;
  severity: string | undefined;
  sections: Map<string, string>;
  example: DocSnippet[];
  exampleOutput: string[] | undefined;
  fix: DocSnippet[];
}

const FENCE = /^```(\w*)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
const FILE_LINE = /^#\s*file:\s*(\S+)\s*$/;

export function parseRuleDoc(markdown: string): ParsedRuleDoc {
  const normalised = markdown.replace(/\r\n/g, '\n');
  const [head = '', ...rest] = normalised.split(/^## /m);
  const sections = new Map<string, string>();
  for (const section of rest) {
    const newline = section.indexOf('\n');
    sections.set((newline === -1 ? section : section.slice(0, newline)).trim(), newline === -1 ? '' : section.slice(newline + 1));
  }
  const exampleBlocks = fences(sections.get('Example') ?? '');
  const output = exampleBlocks.find((block) => block.lang === 'text');
  return {
    title: /^# (.+)$/m.exec(head)?.[1]?.trim() ?? '',
    severity: /^Default severity: `([^`]+)`/m.exec(head)?.[1],
    sections,
    example: snippets(exampleBlocks),
    exampleOutput: output?.body.split('\n').filter((line) => line.trim() !== ''),
    fix: snippets(fences(sections.get('How to fix') ?? '')),
  };
}

function fences(text: string): Array<{ lang: string; body: string }> {
  return [...text.matchAll(FENCE)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '' }));
}

/** HCL blocks as files: a first line `# file: x.tf` names the file (kept, so line numbers match what the reader sees). */
function snippets(blocks: Array<{ lang: string; body: string }>): DocSnippet[] {
  return blocks
    .filter((block) => block.lang === 'hcl')
    .map((block) => ({ name: FILE_LINE.exec(block.body.split('\n', 1)[0] ?? '')?.[1] ?? 'main.tf', code: block.body }));
}

const REQUIRED_SECTIONS = ['Why', 'Example', 'How to fix'];

/**
 * Everything wrong with a rule's doc: its shape, and whether its examples do what
 * it claims when linted with the built-in configuration. Empty when all is well.
 */
export async function checkRuleDoc<O extends Record<string, unknown>>(
  rule: Rule<O>,
  markdown: string,
  rules: readonly Rule[],
): Promise<string[]> {
  const doc = parseRuleDoc(markdown);
  const problems: string[] = [];
  if (doc.title !== rule.id) problems.push(`title is "${doc.title}", expected "${rule.id}"`);
  if (doc.severity !== rule.defaultSeverity)
    problems.push(`"Default severity" is ${String(doc.severity)}, expected ${rule.defaultSeverity}`);
  for (const section of REQUIRED_SECTIONS) if (!doc.sections.has(section)) problems.push(`missing section "## ${section}"`);
  if (hasOptions(rule) !== doc.sections.has('Options')) {
    problems.push(
      hasOptions(rule) ? 'the rule has options but the doc has no "## Options"' : 'the doc has "## Options" but the rule has none',
    );
  }
  if (doc.example.length === 0) problems.push('Example has no ```hcl block');
  if (doc.exampleOutput === undefined) problems.push('Example has no ```text block with the output');
  if (doc.fix.length === 0) problems.push('How to fix has no ```hcl block');
  if (problems.length > 0) return problems;

  const known = rules.some((r) => r.id === rule.id) ? rules : [...rules, rule];
  const config = resolveConfig({}, { file: null, rules: known });
  const exampleLines = (await lintSnippets(rule.id, doc.example, config, problems, 'Example'))
    .filter((f) => f.ruleId === rule.id)
    .map(describeFinding);
  if (JSON.stringify(exampleLines) !== JSON.stringify(doc.exampleOutput)) {
    problems.push(
      `Example output differs.\n  doc:\n    ${(doc.exampleOutput ?? []).join('\n    ')}\n  actual:\n    ${exampleLines.join('\n    ')}`,
    );
  }
  const fixLines = (await lintSnippets(rule.id, doc.fix, config, problems, 'How to fix'))
    .filter((f) => f.ruleId === rule.id)
    .map(describeFinding);
  if (fixLines.length > 0) problems.push(`How to fix still has findings:\n    ${fixLines.join('\n    ')}`);
  return problems;
}

async function lintSnippets(
  ruleId: string,
  snippets: DocSnippet[],
  config: ResolvedConfig,
  problems: string[],
  section: string,
): Promise<Finding[]> {
  const files: Record<string, string> = {};
  for (const snippet of snippets) {
    if (snippet.name in files) problems.push(`${section} has two blocks for ${snippet.name}`);
    files[snippet.name] = snippet.code;
  }
  const findings = lintModules(await loadSources(files, VIRTUAL_ROOT), config);
  const parseErrors = findings.filter((f) => f.ruleId === PARSE_ERROR);
  if (parseErrors.length > 0 && !(section === 'Example' && ruleId === PARSE_ERROR)) {
    problems.push(`${section} does not parse:\n    ${parseErrors.map(describeFinding).join('\n    ')}`);
  }
  return findings;
}
