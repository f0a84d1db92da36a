import path from 'node:path';
import { discoverFiles } from '../../src/terraform/load';
import { loadConfig } from '../../src/lint/config';
import { lintFiles, lintPaths } from '../../src/lint/engine';
import { lintRendered } from '../../src/lint/rendered';
import { REPO, tempDir } from '../support/tmp';

/**
 * The generated stack passes the constitution wherever it lands: with the
 * repository's config and with the built-in one alike, because the exceptions its
 * specs rely on travel in the generated files as inline suppressions with their
 * reasons (the Prometheus claim on local-path, the broad Meshery role).
 */
const summary = (findings: Array<{ range: { file: string; line: number }; ruleId: string; message: string }>): string[] =>
  findings.map((f) => `${path.relative(REPO, f.range.file)}:${f.range.line} ${f.ruleId} ${f.message}`);

test('out/ lints clean with the repository configuration', async () => {
  const config = loadConfig({ cwd: REPO });
  const result = await lintPaths({ paths: ['out'], cwd: REPO, config });
  expect(summary(result.findings)).toEqual([]);
  expect(result.files.length).toBe(32);
});

test('out/ lints clean with the built-in configuration, as in a repository without a config file', async () => {
  const elsewhere = tempDir();
  const config = loadConfig({ cwd: elsewhere });
  expect(config.file).toBeNull();
  const result = await lintPaths({ paths: [path.join(REPO, 'out')], cwd: elsewhere, config });
  expect(summary(result.findings)).toEqual([]);
});

test('the Prometheus claim carries its exception as a suppression with the spec reason; without it the claim is reported', async () => {
  const { files } = await discoverFiles([path.join(REPO, 'out', 'modules-k8s', 'prometheus')], REPO);
  const main = path.join(REPO, 'out', 'modules-k8s', 'prometheus', 'main.tf');
  const text = files.get(main)!;
  expect(text).toMatch(
    /# gen-modules:ignore storage\/persistent-class -- The plan puts the TSDB on glusterfs-nfs, but Prometheus does not support NFS for its TSDB .+\n\s+storage_class_name = "local-path"/,
  );
  const stripped = new Map(files).set(main, text.replace(/^\s*# gen-modules:ignore storage\/persistent-class .*\n/m, ''));
  const findings = await lintFiles(stripped, { cwd: REPO, config: loadConfig({ cwd: tempDir() }) });
  expect(findings.map((f) => f.ruleId)).toEqual(['storage/persistent-class']);
});

test('lintRendered lints files that exist only in memory, with the configuration of the folder', async () => {
  const { files } = await discoverFiles([path.join(REPO, 'out', 'modules-k8s', 'grafana')], REPO);
  const cwd = tempDir();
  const moved = new Map([...files].map(([file, text]) => [path.join(cwd, 'modules-k8s', 'grafana', path.basename(file)), text]));
  expect(await lintRendered(moved, cwd)).toEqual({ findings: [], errors: 0 });
  const main = path.join(cwd, 'modules-k8s', 'grafana', 'main.tf');
  moved.set(
    main,
    moved
      .get(main)!
      .replace(
        'empty_dir {}',
        'persistent_volume_claim {\n claim_name = kubernetes_persistent_volume_claim_v1.grafana_plugins.metadata[0].name\n }',
      ),
  );
  const lint = await lintRendered(moved, cwd);
  expect(lint.errors).toBeGreaterThan(0);
  expect(lint.findings.map((f) => f.ruleId)).toContain('storage/sqlite-on-network');
  expect(lint.findings.find((f) => f.ruleId === 'storage/sqlite-on-network')?.range.file).toBe(main);
});
