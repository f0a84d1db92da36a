import { readdirSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../src/lint/config';
import { lintPaths } from '../../src/lint/engine';
import { allRules } from '../../src/lint/rules';
import type { Finding } from '../../src/lint/types';
import { REPO } from '../support/tmp';

/**
 * The precision corpus: hand-written modules in the shapes real repositories
 * have (StatefulSets with claim templates, merged label maps, several apps in
 * one module, routes to charts' Services, key-name maps, placeholders in config
 * templates, commented-out blocks, unversioned types) give no error with the
 * default configuration; next to them, one fixture per class of mistake gives
 * that error.
 */
const config = resolveConfig({}, { file: null, rules: allRules });
const ROOT = path.join(REPO, 'test/fixtures/precision');

const describeFinding = (f: Finding): string =>
  `${path.relative(ROOT, f.range.file)}:${f.range.line}:${f.range.column} ${f.ruleId} ${f.messageId ?? ''} ${f.message}`;

const validModules = readdirSync(path.join(ROOT, 'valid'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

test('the corpus holds at least 15 modules', () => {
  expect(validModules.length).toBeGreaterThanOrEqual(15);
});

test.each(validModules)('valid/%s gives no error', async (name) => {
  const result = await lintPaths({ paths: [path.join('valid', name)], cwd: ROOT, config });
  expect(result.files.length).toBeGreaterThan(0);
  expect(result.findings.filter((f) => f.severity === 'error').map(describeFinding)).toEqual([]);
});

interface Expected {
  ruleId: string;
  messageId: string;
  /** `main.tf:line` relative to the fixture folder. */
  at: string;
}

/** Each fixture gives exactly these findings of the rule it is about (other rules may report their own). */
const invalid: Record<string, Expected[]> = {
  'claim-template-mount': [{ ruleId: 'consistency/volume-mounts', messageId: 'undeclared', at: 'main.tf:31' }],
  'partial-labels': [{ ruleId: 'consistency/service-selector', messageId: 'none', at: 'main.tf:40' }],
  'config-credentials': [
    { ruleId: 'secrets/hardcoded', messageId: 'embedded', at: 'main.tf:8' },
    { ruleId: 'secrets/hardcoded', messageId: 'namedLiteral', at: 'main.tf:19' },
  ],
  'owned-namespace-route': [{ ruleId: 'consistency/ingress-backend', messageId: 'unknownService', at: 'main.tf:45' }],
  'multi-app-volume': [{ ruleId: 'storage/volume-name', messageId: 'pattern', at: 'main.tf:5' }],
  'rejected-move': [{ ruleId: 'terraform/deprecated-resource', messageId: 'move', at: 'main.tf:8' }],
  'sqlite-claim': [{ ruleId: 'storage/persistent-class', messageId: 'sqliteClass', at: 'main.tf:8' }],
};

test('every invalid fixture has a row', () => {
  expect(readdirSync(path.join(ROOT, 'invalid')).sort()).toEqual(Object.keys(invalid).sort());
});

test.each(Object.entries(invalid))('invalid/%s', async (name, expected) => {
  const dir = path.join(ROOT, 'invalid', name);
  const result = await lintPaths({ paths: [dir], cwd: ROOT, config });
  const rules = new Set(expected.map((e) => e.ruleId));
  const actual = result.findings
    .filter((f) => rules.has(f.ruleId))
    .map((f) => ({ ruleId: f.ruleId, messageId: f.messageId, at: `${path.relative(dir, f.range.file)}:${f.range.line}` }));
  expect(actual).toEqual(expected);
  const severities = result.findings.filter((f) => rules.has(f.ruleId)).map((f) => f.severity);
  // The rejected move is a warning (its rule's default); every other class is an error.
  expect(severities).toEqual(expected.map((e) => (e.ruleId === 'terraform/deprecated-resource' ? 'warning' : 'error')));
});
