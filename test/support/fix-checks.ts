import assert from 'node:assert/strict';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from '@cdktf/hcl2json';
import { formatFindingLine } from '../../src/formatters/text';
import { formatHcl } from '../../src/hcl/format';
import { resolveConfig, type ResolvedConfig, type RuleSetting } from '../../src/lint/config';
import { lintFiles } from '../../src/lint/engine';
import { fixFiles } from '../../src/lint/fix';
import type { Rule } from '../../src/lint/rule';
import { allRules } from '../../src/lint/rules';
import type { Finding } from '../../src/lint/types';
import type { TestCase } from './rule-tester';

/**
 * What a rule's fix must do, checked on every row with an `output`:
 *
 * - `lint --fix` with the rule alone writes exactly `output` (`null`: nothing);
 * - after it, the rule is silent;
 * - no other rule gains a finding (all rules, before and after);
 * - a file that was `terraform fmt`-exact still is;
 * - hcl2json reads the same tree apart from the changes `parsed` lists.
 */
export async function checkFix<O extends Record<string, unknown>>(
  rule: Rule<O>,
  row: TestCase,
  input: { files: Record<string, string>; config: ResolvedConfig; root: string },
): Promise<void> {
  const { files, config, root } = input;
  const before = new Map(Object.entries(files).map(([name, text]) => [path.join(root, name), text]));
  const wholeRepository = row.wholeRepository ?? false;
  const run = await fixFiles(before, { cwd: root, config, wholeRepository });
  const name = (file: string): string => path.relative(root, file).split(path.sep).join('/');
  const changed = Object.fromEntries(run.changed.map((file) => [name(file), run.texts.get(file)]));
  if (row.output === null) {
    assert.deepStrictEqual(changed, {}, `case "${row.name}": no fix was expected`);
    return;
  }
  const expected = typeof row.output === 'string' ? { 'main.tf': row.output } : (row.output ?? {});
  assert.deepStrictEqual(changed, expected, `case "${row.name}": the fixed files differ from the output`);

  const left = run.findings.filter((f) => f.ruleId === rule.id).map((f) => formatFindingLine(f, { cwd: root, color: false }));
  assert.deepStrictEqual(left, [], `case "${row.name}": the rule still reports after the fix`);

  for (const file of run.changed) {
    const original = before.get(file) ?? '';
    const fixed = run.texts.get(file) ?? '';
    if (formatHcl(original) === original) assert.equal(formatHcl(fixed), fixed, `case "${row.name}": ${name(file)} is no longer fmt-exact`);
  }

  const everyRule = allRulesConfig(rule, row);
  const gained = gainedFindings(
    await lintFiles(before, { cwd: root, config: everyRule, wholeRepository }),
    await lintFiles(run.texts, { cwd: root, config: everyRule, wholeRepository }),
  ).filter((key) => !key.startsWith(`${rule.id}|`));
  assert.deepStrictEqual(gained, [], `case "${row.name}": other rules gained findings after the fix`);

  const changes: string[] = [];
  for (const file of run.changed) {
    const prefix = row.files === undefined ? '' : `${name(file)}: `;
    const a = await parse(name(file), before.get(file) ?? '');
    const b = await parse(name(file), run.texts.get(file) ?? '');
    for (const change of jsonChanges(a, b, '')) changes.push(prefix + change);
  }
  assert.deepStrictEqual(changes.sort(), [...(row.parsed ?? [])].sort(), `case "${row.name}": hcl2json reads other changes than the fix`);
}

function allRulesConfig<O extends Record<string, unknown>>(rule: Rule<O>, row: TestCase): ResolvedConfig {
  const setting: RuleSetting = row.options === undefined ? rule.defaultSeverity : { options: row.options };
  return resolveConfig({ constitution: row.constitution, rules: { [rule.id]: setting } }, { file: null, rules: allRules });
}

/**
 * Keys (rule, message id, address) found more often after than before. The
 * resource type of an address is compared without its version suffix and its
 * underscores, so a finding about a renamed resource (`kubernetes_daemonset.x`
 * → `kubernetes_daemon_set_v1.x`) is the same finding.
 */
function gainedFindings(before: readonly Finding[], after: readonly Finding[]): string[] {
  const type = (address: string): string =>
    address.replace(
      /^(data\.)?([a-z0-9_]+?)(_v\d+)?\./,
      (_, data: string | undefined, name: string) => `${data ?? ''}${name.replace(/_/g, '')}.`,
    );
  const key = (f: Finding): string => `${f.ruleId}|${f.messageId ?? ''}|${type(f.address ?? '')}`;
  const counts = new Map<string, number>();
  for (const f of before) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  const gained: string[] = [];
  for (const f of after) {
    const left = (counts.get(key(f)) ?? 0) - 1;
    counts.set(key(f), left);
    if (left < 0) gained.push(`${key(f)}: ${f.message}`);
  }
  return gained;
}

/** Where two JSON trees differ: `+path` added, `-path` removed, `~path` changed (at the highest key that differs). */
export function jsonChanges(a: unknown, b: unknown, at: string): string[] {
  if (isDeepStrictEqual(a, b)) return [];
  const join = (key: string | number): string => (at === '' ? String(key) : `${at}.${key}`);
  if (isObject(a) && isObject(b)) {
    const out: string[] = [];
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(key in a)) out.push(`+${join(key)}`);
      else if (!(key in b)) out.push(`-${join(key)}`);
      else out.push(...jsonChanges(a[key], b[key], join(key)));
    }
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((item, i) => jsonChanges(item, b[i], join(i)));
  return [`~${at}`];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
