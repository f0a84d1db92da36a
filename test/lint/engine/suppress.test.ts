import { lintModules } from '../../../src/lint/engine';
import { loadSources } from '../../../src/terraform/load';
import { parseSuppressions } from '../../../src/lint/suppress';
import type { GenModulesConfig } from '../../../src/lint/config';
import { config } from './fixtures';

const ROOT = '/virtual/suppress';

/** `line:col rule-id messageId` of every finding. */
async function lint(code: string, input: GenModulesConfig = {}, extra: Record<string, string> = {}): Promise<string[]> {
  const findings = lintModules(await loadSources({ 'main.tf': code, ...extra }, ROOT), config(input));
  return findings.map((f) => `${f.range.file.slice(ROOT.length + 1)}:${f.range.line}:${f.range.column} ${f.ruleId} ${f.messageId ?? ''}`);
}

describe('line suppressions', () => {
  test('on the line above the finding', async () => {
    expect(
      await lint(
        '# gen-modules:ignore test/no-null -- kept for the migration\nresource "null_resource" "a" {}\nresource "null_resource" "b" {}\n',
      ),
    ).toEqual(['main.tf:3:1 test/no-null found']);
  });

  test('at the end of the finding line, with // too', async () => {
    expect(
      await lint(
        'resource "null_resource" "a" {} # gen-modules:ignore test/no-null -- why\nresource "null_resource" "b" {} // gen-modules:ignore test/no-null -- why\n',
      ),
    ).toEqual([]);
  });

  test('an end-of-line suppression does not cover the next line', async () => {
    expect(await lint('locals { a = 1 } # gen-modules:ignore test/no-null -- why\nresource "null_resource" "a" {}\n')).toEqual([
      'main.tf:1:18 suppression/unused unused',
      'main.tf:2:1 test/no-null found',
    ]);
  });

  test('two lines above does not count', async () => {
    expect(await lint('# gen-modules:ignore test/no-null -- why\n\nresource "null_resource" "a" {}\n')).toEqual([
      'main.tf:1:1 suppression/unused unused',
      'main.tf:3:1 test/no-null found',
    ]);
  });

  test('several rule ids in one comment', async () => {
    expect(
      await lint(
        '# gen-modules:ignore test/no-null, test/described-variable -- generated\nvariable "null_resource" {}\n',
        {},
        { 'b.tf': 'resource "null_resource" "x" {}\n' },
      ),
    ).toEqual(['b.tf:1:1 test/no-null found', 'main.tf:1:1 suppression/unused unused']);
  });

  test('findings match by their start line only', async () => {
    const code = 'resource "null_resource" "a" {\n  triggers = {} # gen-modules:ignore test/no-null -- inside the block\n}\n';
    expect(await lint(code)).toEqual(['main.tf:1:1 test/no-null found', 'main.tf:2:17 suppression/unused unused']);
  });
});

describe('file suppressions', () => {
  test('in the first comment block, they cover the whole file', async () => {
    const code =
      '# Module for tests.\n\n# gen-modules:ignore-file test/no-null -- fixtures need them\n\nresource "null_resource" "a" {}\nresource "null_resource" "b" {}\n';
    expect(await lint(code, {}, { 'other.tf': 'resource "null_resource" "c" {}\n' })).toEqual(['other.tf:1:1 test/no-null found']);
  });

  test('below the first code line, it is invalid and silences nothing', async () => {
    expect(await lint('resource "null_resource" "a" {}\n# gen-modules:ignore-file test/no-null -- too late\n')).toEqual([
      'main.tf:1:1 test/no-null found',
      'main.tf:2:1 suppression/invalid misplacedFileIgnore',
    ]);
  });

  test('unused file suppressions are reported', async () => {
    expect(await lint('# gen-modules:ignore-file test/no-null -- none here\nlocals {}\n')).toEqual([
      'main.tf:1:1 suppression/unused unused',
    ]);
  });
});

describe('invalid suppressions silence nothing', () => {
  test('without a reason', async () => {
    expect(await lint('# gen-modules:ignore test/no-null\nresource "null_resource" "a" {}\n')).toEqual([
      'main.tf:1:1 suppression/invalid missingReason',
      'main.tf:2:1 test/no-null found',
    ]);
    expect(await lint('# gen-modules:ignore test/no-null --   \nresource "null_resource" "a" {}\n')).toEqual([
      'main.tf:1:1 suppression/invalid missingReason',
      'main.tf:2:1 test/no-null found',
    ]);
  });

  test('without a rule id', async () => {
    expect(await lint('# gen-modules:ignore -- because\nlocals {}\n')).toEqual(['main.tf:1:1 suppression/invalid missingRule']);
  });

  test('for a rule configured ignorable: false, while the other ids of the comment still apply', async () => {
    const code =
      '# gen-modules:ignore test/no-null, test/described-variable -- why\nresource "null_resource" "variable" {}\nvariable "v" {} # gen-modules:ignore test/described-variable -- why\n';
    expect(await lint(code, { rules: { 'test/no-null': { ignorable: false } } })).toEqual([
      'main.tf:1:1 suppression/invalid notIgnorable',
      'main.tf:1:1 suppression/unused unused',
      'main.tf:2:1 test/no-null found',
    ]);
  });

  test('for an unknown rule or one of the engine itself', async () => {
    expect(await lint('# gen-modules:ignore test/nope, hcl/parse-error -- why\nlocals {}\n')).toEqual([
      'main.tf:1:1 suppression/invalid unknownRule',
      'main.tf:1:1 suppression/invalid cannotSuppress',
    ]);
  });
});

describe('severity of the suppression findings', () => {
  test('a suppression of a rule that is off is not reported as unused', async () => {
    expect(
      await lint('# gen-modules:ignore test/no-null -- why\nresource "null_resource" "a" {}\n', { rules: { 'test/no-null': 'off' } }),
    ).toEqual([]);
  });

  test('suppression/unused can be turned off and suppression/invalid raised or lowered', async () => {
    const findings = lintModules(
      await loadSources({ 'main.tf': '# gen-modules:ignore test/no-null -- why\nlocals {}\n# gen-modules:ignore test/no-null\n' }, ROOT),
      config({ rules: { 'suppression/unused': 'off', 'suppression/invalid': 'warning' } }),
    );
    expect(findings.map((f) => [f.ruleId, f.severity, f.range.line])).toEqual([['suppression/invalid', 'warning', 3]]);
  });
});

describe('parseSuppressions', () => {
  test('reads scope, ids, reason (which may contain --), the comment range and the covered line', () => {
    const text = 'locals {\n  a = 1 # gen-modules:ignore x/y,a/b -- reason -- with dashes\n}\n';
    expect(parseSuppressions('/f.tf', text)).toEqual([
      {
        scope: 'line',
        ruleIds: ['x/y', 'a/b'],
        reason: 'reason -- with dashes',
        range: { file: '/f.tf', line: 2, column: 9, endLine: 2, endColumn: 62 },
        targetLine: 2,
        misplaced: false,
      },
    ]);
  });

  test('ignores look-alikes and files without the marker', () => {
    expect(parseSuppressions('/f.tf', 'locals {}\n')).toEqual([]);
    expect(parseSuppressions('/f.tf', '# gen-modules:ignored x/y -- no\n# gen-modules:ignore-files x/y -- no\n')).toEqual([]);
  });
});
