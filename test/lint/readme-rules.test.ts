import { readFileSync } from 'node:fs';
import path from 'node:path';
import { engineRules } from '../../src/lint/engine-rules';
import { allRules } from '../../src/lint/rules';

/** The README's rule table lists every rule the linter has, with its default severity, and no other. */
test('README lists every rule with its default severity', () => {
  const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
  const listed = [...readme.matchAll(/^\| \[`([^`]+)`\]\([^)]*\) \| (\w+) \|/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
  const known = [...allRules, ...engineRules].map((rule) => `${rule.id} ${rule.defaultSeverity}`).sort();
  expect(listed).toEqual(known);
});
