import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { formatFindingLine } from '../../src/formatters/text';
import { resolveConfig, type ResolvedConfig, type RuleSetting } from '../../src/lint/config';
import { PARSE_ERROR } from '../../src/lint/engine-rules';
import type { Constitution } from '../../src/lint/constitution';
import { lintModules } from '../../src/lint/engine';
import { loadSources } from '../../src/terraform/load';
import type { Rule } from '../../src/lint/rule';
import type { Finding } from '../../src/lint/types';
import { compareText } from '../../src/util/compare';
import { checkFix } from './fix-checks';

/**
 * Table-driven rule tests, one test per row, for any test framework that has
 * `describe` and `it` (jest, mocha, vitest, node:test), as ESLint's RuleTester:
 *
 *   new RuleTester({ describe, it }).run(rule, { valid: [...], invalid: [...] });
 *   testRule(rule, { ... });  // the same with the framework's global describe/it
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
 *
 * An invalid row with `output` checks the rule's fix as `lint --fix` applies it
 * (see `checkFix` in ./fix-checks): `output` is the fixed files (a string for
 * `main.tf`, or file → text for the files that change), `null` when no fix is
 * offered; `parsed` lists how hcl2json's reading of the files changes.
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
  /** Lint the files as a repository's root folder (rules that compare modules across the tree judge only then). */
  wholeRepository?: boolean;
  expected?: ExpectedFinding[];
  /** The files after `lint --fix` with the rule alone: a string for `main.tf`, or file → text for each file that changes; `null`: no fix. */
  output?: string | Record<string, string> | null;
  /** With `output`: how hcl2json's tree changes (`+path`, `-path`, `~path`), sorted; nothing else may. */
  parsed?: string[];
}

export interface RuleTests {
  valid: TestCase[];
  invalid: TestCase[];
}

/** Folder the sources of a test case are placed in; nothing is written there. */
export const VIRTUAL_ROOT = path.join(os.tmpdir(), 'gen-modules-lint-case');

/** What the tester needs of a test framework. */
export interface TestFramework {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void>) => void;
}

export class RuleTester {
  constructor(private readonly framework: TestFramework = globalFramework()) {}

  /** Declares one test per row; a table that cannot mean what it says throws at once. */
  run<O extends Record<string, unknown>>(rule: Rule<O>, tests: RuleTests): void {
    checkTable(tests);
    const { describe, it } = this.framework;
    describe(rule.id, () => {
      describe('valid', () => {
        for (const row of tests.valid) it(row.name, () => runTestCase(rule, row, 'valid'));
      });
      describe('invalid', () => {
        for (const row of tests.invalid) it(row.name, () => runTestCase(rule, row, 'invalid'));
      });
    });
  }
}

/** `new RuleTester().run(rule, tests)` with the test framework's global `describe` and `it`. */
export function testRule<O extends Record<string, unknown>>(rule: Rule<O>, tests: RuleTests): void {
  new RuleTester().run(rule, tests);
}

function globalFramework(): TestFramework {
  const scope = globalThis as { describe?: TestFramework['describe']; it?: TestFramework['it'] };
  if (typeof scope.describe !== 'function' || typeof scope.it !== 'function') {
    throw new Error('RuleTester needs a test framework: pass { describe, it } to new RuleTester()');
  }
  return { describe: scope.describe, it: scope.it };
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
    if (valid && row.output !== undefined) throw new Error(`valid test case "${row.name}" has an output; a valid case has nothing to fix`);
    if (row.output !== undefined && row.output !== null && row.parsed === undefined)
      throw new Error(`test case "${row.name}" has an output but no "parsed" changes`);
    const input = inputKey(row);
    const twin = inputs.get(input);
    if (twin !== undefined) throw new Error(`test cases "${twin}" and "${row.name}" have the same input`);
    inputs.set(input, row.name);
  }
}

function inputKey(row: TestCase): string {
  return stableJson({
    files: filesOf(row),
    constitution: row.constitution ?? null,
    options: row.options ?? null,
    whole: row.wholeRepository ?? false,
  });
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => compareText(a, b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export function filesOf(row: TestCase): Record<string, string> {
  return row.files ?? { 'main.tf': row.code ?? '' };
}

/** One row: rejects (with an assertion error) when the findings are not what the row says. */
export async function runTestCase<O extends Record<string, unknown>>(
  rule: Rule<O>,
  row: TestCase,
  kind: 'valid' | 'invalid',
): Promise<void> {
  const findings = await runCase(rule, row);
  if (kind === 'valid') {
    assert.deepStrictEqual(findings.map(describeFinding), [], `valid case "${row.name}" has findings`);
    return;
  }
  // Compare the fields the rows pin: messageId, line and column always, the
  // optional ones when any row of the case gives them.
  const rows = row.expected ?? [];
  const pinned = OPTIONAL_FIELDS.filter((field) => rows.some((e) => e[field] !== undefined));
  const expected = rows.map((e) => pick(e, pinned)).sort(compareExpected);
  const actual = findings.map((finding) => pick(toExpected(finding), pinned)).sort(compareExpected);
  assert.deepStrictEqual(actual, expected, `invalid case "${row.name}": findings differ from the expected ones`);
  for (const finding of findings) assert.doesNotMatch(finding.message, /\{\{/, `a placeholder is left in: ${finding.message}`);
  if (row.output !== undefined) {
    await checkFix(rule, row, { files: filesOf(row), config: configFor(rule, row), root: VIRTUAL_ROOT });
  }
}

function configFor<O extends Record<string, unknown>>(rule: Rule<O>, row: TestCase): ResolvedConfig {
  const setting: RuleSetting = row.options === undefined ? rule.defaultSeverity : { options: row.options };
  return resolveConfig(
    { constitution: row.constitution, rules: { [rule.id]: setting } },
    { file: null, rules: [rule], displayName: `test case "${row.name}"` },
  );
}

/** The rule's findings for one row, sorted; a row whose HCL does not parse is a broken row. */
async function runCase<O extends Record<string, unknown>>(rule: Rule<O>, row: TestCase): Promise<Finding[]> {
  const config = configFor(rule, row);
  const findings = lintModules(await loadSources(filesOf(row), VIRTUAL_ROOT), config, row.wholeRepository);
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
