import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { engineRules } from '../../src/lint/engine-rules';
import { createRule, type Rule, type RuleContext } from '../../src/lint/rule';
import { allRules } from '../../src/lint/rules';
import { checkRuleDoc, parseRuleDoc } from '../support/rule-docs';

/**
 * Every rule has its source file, test and doc, is registered, and its doc's
 * examples do what the doc says (the doc format is in docs/rules/README.md).
 */

const ROOT = path.resolve(__dirname, '../..');
const RULES_DIR = path.join(ROOT, 'src/lint/rules');
const RULE_ID = /^[a-z][a-z0-9]*(-[a-z0-9]+)*\/[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const KNOWN_RULES: readonly Rule[] = [...allRules, ...engineRules];

const readDoc = (id: string) => readFileSync(path.join(ROOT, 'docs/rules', `${id}.md`), 'utf8');

/** Rule source files: every `.ts` below src/lint/rules but index.ts files and `_` helpers. */
function ruleSourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('_')) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ruleSourceFiles(full);
    return entry.name.endsWith('.ts') && entry.name !== 'index.ts' ? [full] : [];
  });
}

test('every rule source file under src/lint/rules is registered in allRules', () => {
  const registered = new Set(allRules.map((rule) => rule.id));
  const unregistered = ruleSourceFiles(RULES_DIR)
    .map((file) => path.relative(RULES_DIR, file).replace(/\.ts$/, '').split(path.sep).join('/'))
    .filter((id) => !registered.has(id));
  expect(unregistered).toEqual([]);
});

test('rule ids are unique, also against the linter’s own ids', () => {
  const ids = KNOWN_RULES.map((rule) => rule.id);
  expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([]);
});

// `describe.each` refuses an empty table, and there may be no rules yet.
if (allRules.length > 0) {
  describe.each(allRules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    test('id is category/name in kebab case', () => expect(id).toMatch(RULE_ID));
    test('source file exists', () => expect(existsSync(path.join(RULES_DIR, `${id}.ts`))).toBe(true));
    test('test file exists', () => expect(existsSync(path.join(ROOT, 'test/rules', `${id}.test.ts`))).toBe(true));
    test('doc exists', () => expect(existsSync(path.join(ROOT, 'docs/rules', `${id}.md`))).toBe(true));
    test('summary and messages are not empty', () => {
      expect(rule.summary.trim()).not.toBe('');
      expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
      for (const message of Object.values(rule.messages)) expect(message.trim()).not.toBe('');
    });
    test('the doc has a Fix line when the rule is fixable', () => {
      const doc = existsSync(path.join(ROOT, 'docs/rules', `${id}.md`)) ? readDoc(id) : '';
      expect(/^Fix: `gen-modules lint --fix` /m.test(doc)).toBe(rule.fixable === true);
    });
    test('doc examples do what the doc says', async () => {
      if (!existsSync(path.join(ROOT, 'docs/rules', `${id}.md`))) throw new Error(`no doc at docs/rules/${id}.md to check`);
      expect(await checkRuleDoc(rule, readDoc(id), allRules)).toEqual([]);
    });
  });
}

describe('docs of the linter’s own findings', () => {
  const known = new Set(KNOWN_RULES.map((rule) => rule.id));
  for (const rule of engineRules) {
    const doc = readDoc(rule.id);
    // Suppression examples name real rules; until those are registered the example cannot be run.
    const parsed = parseRuleDoc(doc);
    const named = [...parsed.example, ...parsed.fix].flatMap((s) =>
      [...s.code.matchAll(/gen-modules:ignore(?:-file)?\s+([^-\n]+?)\s+--/g)].flatMap((m) => (m[1] ?? '').split(/[\s,]+/)),
    );
    const missing = named.filter((id) => !known.has(id));
    if (missing.length > 0) {
      test.todo(`${rule.id} doc examples (they name ${missing.join(', ')}, not registered yet)`);
      continue;
    }
    test(`${rule.id} doc examples do what the doc says`, async () => {
      expect(await checkRuleDoc(rule, doc, allRules)).toEqual([]);
    });
  }
});

describe('the doc checker itself', () => {
  const reportNulls = ({ module, report }: RuleContext<Record<string, unknown>>): void => {
    for (const r of module.resourcesOf('null_resource')) report({ messageId: 'found', data: { name: r.name }, range: r.block.headerRange });
  };
  const fake = createRule({
    id: 'test/no-null',
    defaultSeverity: 'warning',
    summary: 'No null_resource.',
    messages: { found: 'Remove null_resource "{{name}}"' },
    check: reportNulls,
  });
  const withOptions = createRule({
    id: fake.id,
    defaultSeverity: fake.defaultSeverity,
    summary: fake.summary,
    messages: fake.messages,
    options: z
      .object({ allow: z.array(z.string()).default([]) })
      .strict()
      .default({ allow: [] }),
    check: reportNulls,
  });

  const doc = (parts: { severity?: string; output?: string; fix?: string; options?: boolean } = {}) =>
    [
      '# test/no-null',
      '',
      `Default severity: \`${parts.severity ?? 'warning'}\``,
      '',
      'Reports null_resource.',
      '',
      '## Why',
      '',
      'Because.',
      '',
      '## Example',
      '',
      '```hcl',
      'locals {}',
      'resource "null_resource" "a" {}',
      '```',
      '',
      '```hcl',
      '# file: rbac.tf',
      '',
      '  resource "null_resource" "b" {}',
      '```',
      '',
      '```text',
      parts.output ??
        'main.tf:2:1  warning  test/no-null  Remove null_resource "a"\nrbac.tf:3:3  warning  test/no-null  Remove null_resource "b"',
      '```',
      '',
      '## How to fix',
      '',
      '```hcl',
      parts.fix ?? 'resource "terraform_data" "a" {}',
      '```',
      ...(parts.options ? ['', '## Options', '', '`allow`: names to allow.'] : []),
      '',
    ].join('\n');

  test('accepts a doc whose examples do what it says, with a named second file', async () => {
    expect(await checkRuleDoc(fake, doc(), [])).toEqual([]);
    expect(await checkRuleDoc(withOptions, doc({ options: true }), [])).toEqual([]);
  });

  test('reports an Example output that differs from the actual finding lines', async () => {
    const problems = await checkRuleDoc(fake, doc({ output: 'main.tf:2:1  warning  test/no-null  Remove null_resource "a"' }), []);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Example output differs/);
  });

  test('reports a fix that still has findings, or does not parse', async () => {
    expect(await checkRuleDoc(fake, doc({ fix: 'resource "null_resource" "c" {}' }), [])).toEqual([
      'How to fix still has findings:\n    main.tf:1:1  warning  test/no-null  Remove null_resource "c"',
    ]);
    expect((await checkRuleDoc(fake, doc({ fix: 'resource "null_resource" "c" {' }), []))[0]).toMatch(/^How to fix does not parse/);
  });

  test('reports the wrong severity, a missing section and an Options section that does not match the rule', async () => {
    expect(await checkRuleDoc(fake, doc({ severity: 'error' }), [])).toEqual(['"Default severity" is error, expected warning']);
    expect(await checkRuleDoc(fake, doc().replace('## Why', '## Reasons'), [])).toEqual(['missing section "## Why"']);
    expect(await checkRuleDoc(fake, doc({ options: true }), [])).toEqual(['the doc has "## Options" but the rule has none']);
    expect(await checkRuleDoc(withOptions, doc(), [])).toEqual(['the rule has options but the doc has no "## Options"']);
  });
});
