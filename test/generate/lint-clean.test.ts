import path from 'node:path';
import { loadConfig } from '../../src/lint/config';
import { lintPaths } from '../../src/lint/engine';
import { REPO } from '../support/tmp';

/**
 * The generated stack passes the repository's own constitution: no finding at
 * all with the repository's config (its one exception carries a reason, and the
 * broad Meshery role carries its reason in a suppression).
 */
test('out/ lints clean with the repository configuration', async () => {
  const config = loadConfig({ cwd: REPO });
  const result = await lintPaths({ paths: ['out'], cwd: REPO, config });
  const summary = result.findings.map((f) => `${path.relative(REPO, f.range.file)}:${f.range.line} ${f.ruleId} ${f.message}`);
  expect(summary).toEqual([]);
  expect(result.files.length).toBe(32);
});

test('without the configured exception, the Prometheus claim off the persistent class is reported', async () => {
  const config = loadConfig({ cwd: REPO });
  const bare = { ...config, constitution: { ...config.constitution, exceptions: [] } };
  const result = await lintPaths({ paths: ['out/modules-k8s/prometheus'], cwd: REPO, config: bare });
  expect(result.findings.map((f) => f.ruleId)).toEqual(['storage/persistent-class']);
});
