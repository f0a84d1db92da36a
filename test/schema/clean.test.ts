import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveConfig } from '../../src/lint/config';
import { lintModules, lintPaths } from '../../src/lint/engine';
import { loadSources } from '../../src/terraform/load';
import { moduleRules } from '../../src/lint/rules/module';
import { schemaRules } from '../../src/lint/rules/schema';
import type { Finding } from '../../src/lint/types';
import { REPO } from '../support/tmp';

/**
 * The schema and module rules on whole trees: the generated stack (root module
 * and every generated module), the linter's fixtures and a hand-written module
 * with `dynamic` blocks, `for_each`, `count` and meta-arguments have no
 * finding; the same hand-written module with planted mistakes has one at each.
 */
const config = resolveConfig({}, { file: null, rules: [...schemaRules, ...moduleRules] });
const HANDWRITTEN = path.join(REPO, 'test/fixtures/schema/handwritten');

/** The engine adds its own findings (parse errors, suppressions naming rules not in this config); only these rules count here. */
const OURS = /^(schema|module)\//;

const describeFinding = (f: Finding): string => `${path.relative(REPO, f.range.file)}:${f.range.line}:${f.range.column} ${f.ruleId} ${f.message}`;

test.each(['out', 'test/fixtures/hcl', 'test/fixtures/schema'])('%s has no schema or module finding', async (dir) => {
  const result = await lintPaths({ paths: [dir], cwd: REPO, config });
  expect(result.files.length).toBeGreaterThan(3);
  expect(result.findings.filter((f) => OURS.test(f.ruleId)).map(describeFinding)).toEqual([]);
});

function readTree(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) Object.assign(files, readTree(path.join(dir, entry.name), relative));
    else if (entry.name.endsWith('.tf')) files[relative] = readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return files;
}

/** Replace `from` (which must occur exactly once) in one file of the tree. */
function plant(files: Record<string, string>, file: string, from: string, to: string): void {
  const text = files[file]!;
  expect(text.split(from)).toHaveLength(2);
  files[file] = text.replace(from, to);
}

test('planted mistakes in the hand-written module are each found at their line', async () => {
  const files = readTree(HANDWRITTEN);
  plant(files, 'main.tf', 'replicas  = "2"', 'replicas  = "two"');
  plant(files, 'main.tf', '  hostname  = "app.brmartin.co.uk"\n  ports', '  hostnme   = "app.brmartin.co.uk"\n  ports');
  plant(files, 'main.tf', 'source   = "./modules/app"', 'source   = "./modules/ap"');
  plant(files, 'main.tf', 'resource "kubernetes_namespace" "apps"', 'resource "kubernetes_namspace" "apps"');
  plant(files, 'modules/app/main.tf', 'container_port = port.value', 'container_prot = port.value');
  plant(files, 'modules/app/main.tf', '          liveness_probe {', '          livenes_probe {');
  plant(files, 'modules/app/main.tf', 'initial_delay_seconds = "10"', 'initial_delay_seconds = "ten"');
  plant(files, 'modules/app/main.tf', '  timeouts {\n    create = "5m"\n  }\n', '  timeouts {\n    create = "5m"\n  }\n\n  timeouts {\n    delete = "5m"\n  }\n');
  plant(files, 'modules/app/main.tf', 'secretKey = key', 'secretkey = key');
  plant(files, 'modules/app/main.tf', 'apiVersion = "external-secrets.io/v1"', 'apiVersion = "external-secrets.io/v1beta1"');
  const findings = lintModules(await loadSources(files, HANDWRITTEN), config).filter((f) => OURS.test(f.ruleId));
  const where = findings.map((f) => `${path.relative(HANDWRITTEN, f.range.file)}:${f.range.line} ${f.ruleId}`);
  expect(where).toEqual([
    'main.tf:21 module/missing-required-variable',
    'main.tf:25 module/type-mismatch',
    'main.tf:26 module/unknown-argument',
    'main.tf:42 module/missing-source',
    'main.tf:54 schema/unknown-resource-type',
    'modules/app/main.tf:49 schema/missing-required',
    'modules/app/main.tf:53 schema/unknown-attribute',
    'modules/app/main.tf:85 schema/unknown-block',
    'modules/app/main.tf:124 schema/too-many-blocks',
    'modules/app/main.tf:204 schema/crd-body',
  ]);
});
