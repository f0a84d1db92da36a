import fs from 'node:fs';
import path from 'node:path';
import { compareModules, isEquivalent } from '../../src/terraform/compare';
import { loadModuleDir } from '../../src/terraform/load';
import { importModule } from '../../src/scaffold/import';
import { runCli } from '../support/cli';
import { readTree, REPO, tempDir } from '../support/tmp';

const FIXTURE_ROOT = path.join(REPO, 'test', 'fixtures', 'import');
const MODULES = ['whoami', 'vaultwarden', 'backups', 'media', 'searxng', 'postgres', 'node-agent', 'minio'];

/** A repository with the hand-written fixture modules and a specs folder beside it. */
function project(): string {
  const dir = tempDir('gen-modules-import-');
  fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
  fs.cpSync(FIXTURE_ROOT, path.join(dir, 'repo'), { recursive: true });
  return dir;
}

describe('import -> generate -> compare round trip of eight hand-written modules', () => {
  const dir = project();
  const repo = path.join(dir, 'repo');
  const specs = path.join(dir, 'specs');
  let generated: ReturnType<typeof runCli>;

  beforeAll(async () => {
    for (const name of MODULES) await importModule({ moduleDir: path.join(repo, 'modules-k8s', name), specsDir: specs, root: repo });
    generated = runCli(['generate', '--out', 'repo/modules-k8s', '--root', 'repo'], dir);
  }, 120_000);

  it('generates over the hand-written modules the specs were imported from', () => {
    // generate lints what it renders: the originals' objects carry no labels, which it reports as warnings, and writes.
    expect(generated.stderr).not.toMatch(/\berror\b/);
    expect(
      generated.stderr
        .split('\n')
        .filter((line) => /^\S+:\d+:\d+ /.test(line))
        .every((line) => line.includes('warning  conventions/labels')),
    ).toBe(true);
    expect(generated.status).toBe(0);
    // The hand-written files no generated file replaces are deleted: their objects now come from the specs.
    expect(fs.existsSync(path.join(repo, 'modules-k8s', 'backups', 'cronjobs.tf'))).toBe(false);
    expect(fs.existsSync(path.join(repo, 'modules-k8s', 'postgres', 'postgres.tf'))).toBe(false);
  });

  it.each(MODULES)('%s: the generated module declares the same objects as the original', async (name) => {
    const original = await loadModuleDir(path.join(FIXTURE_ROOT, 'modules-k8s', name), path.join(FIXTURE_ROOT, 'kubernetes.tf'));
    const result = compareModules(original, await loadModuleDir(path.join(repo, 'modules-k8s', name)));
    expect({ added: result.added, removed: result.removed, changed: result.changed }).toEqual({ added: [], removed: [], changed: [] });
    expect(isEquivalent(result)).toBe(true);
    // Only the documented normalisation remains: every Terraform address changes (each object is a manifest of the spec now).
    expect(result.moved.map((entry) => entry.before).sort()).toEqual(original.resources.map((resource) => resource.address).sort());
  });

  it('writes moved, removed and import blocks into the managed block of the root, and Terraform >= 1.7', () => {
    const root = fs.readFileSync(path.join(repo, 'kubernetes.tf'), 'utf8');
    const managed = root.slice(root.indexOf('# BEGIN gen-modules'));
    expect(managed).toContain('required_version = ">= 1.7"');
    expect(managed).toMatch(
      /moved \{\n {2}from = module\.whoami\.kubectl_manifest\.whoami_route\n {2}to {3}= module\.k8s_whoami\.kubectl_manifest\.manifest_whoami_route\n\}/,
    );
    expect(managed).toContain(
      'removed {\n  from = module.whoami.kubernetes_deployment.whoami\n\n  lifecycle {\n    destroy = false\n  }\n}\n\nimport {\n  to = module.k8s_whoami.kubectl_manifest.manifest_whoami_deployment\n  id = "apps/v1//Deployment//whoami//web"\n}',
    );
    expect(managed).toContain('id = "rbac.authorization.k8s.io/v1//ClusterRole//node-agent"');
    expect(managed).toContain('id = "apps/v1//DaemonSet//node-agent//monitoring"');
    // Everything before the managed block is the user's, byte for byte.
    expect(root.slice(0, root.indexOf('# BEGIN gen-modules'))).toBe(
      `${fs.readFileSync(path.join(FIXTURE_ROOT, 'kubernetes.tf'), 'utf8')}\n`,
    );
  });

  it('the spec says where each object came from, with a comment on each value import chose', () => {
    const spec = fs.readFileSync(path.join(specs, 'media.ts'), 'utf8');
    expect(spec).toContain("import { defineService } from 'gen-modules';");
    expect(spec).toContain('// Chosen by import: a placeholder, say what the service is.');
    expect(spec).toContain("'kubernetes_deployment_v1.sonarr': {");
    expect(spec).toContain("server: '192.168.1.20',");
    expect(fs.readFileSync(path.join(specs, 'index.ts'), 'utf8')).toMatch(/import nodeAgent from '\.\/node-agent';/);
  });

  it('once the record is dropped, the adoption blocks go away', () => {
    const file = path.join(specs, 'whoami.ts');
    const text = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, text.replace(/ {2}importedFrom: \{[\s\S]*?\n {2}\},\n/, ''));
    const run = runCli(['generate', '--out', 'repo/modules-k8s', '--root', 'repo'], dir);
    expect(run.status).toBe(0);
    const root = fs.readFileSync(path.join(repo, 'kubernetes.tf'), 'utf8');
    expect(root).not.toContain('module.k8s_whoami.kubectl_manifest');
    expect(root).toContain('module.k8s_minio.kubectl_manifest');
  });
});

describe('gen-modules import (CLI)', () => {
  it('prints where each resource went and exits 0; a taken name, a folder without .tf files and bad HCL exit 2 and write nothing', () => {
    const dir = project();
    const run = runCli(['import', 'repo/modules-k8s/postgres', '--root', 'repo'], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 5)).toEqual([
      expect.stringMatching(/^resource +spec$/),
      expect.stringMatching(/^kubernetes_config_map\.postgres_conf +manifests\[0\] \(escape hatch: ConfigMap databases\/postgres-conf\)$/),
      expect.stringMatching(/^kubernetes_stateful_set\.postgres +manifests\[1\] \(escape hatch: StatefulSet databases\/postgres\)$/),
      expect.stringMatching(/^kubernetes_service\.postgres +manifests\[2\] \(escape hatch: Service databases\/postgres\)$/),
      expect.stringMatching(
        /^kubectl_manifest\.postgres_secrets +manifests\[3\] \(escape hatch: ExternalSecret databases\/postgres-secrets\)$/,
      ),
    ]);
    const before = readTree(path.join(dir, 'specs'));
    const taken = runCli(['import', 'repo/modules-k8s/postgres'], dir);
    expect(taken.status).toBe(2);
    expect(taken.stderr).toMatch(/specs\/postgres\.ts: the service name "postgres" is taken; pass --name/);
    fs.mkdirSync(path.join(dir, 'empty'));
    const empty = runCli(['import', 'empty', '--name', 'empty'], dir);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/empty: not a Terraform module \(no \.tf files\)/);
    fs.mkdirSync(path.join(dir, 'broken'));
    fs.writeFileSync(path.join(dir, 'broken', 'main.tf'), 'resource "kubernetes_config_map" "x" {\n  data = {\n');
    const broken = runCli(['import', 'broken'], dir);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/broken\/main\.tf:\d+: /);
    expect(readTree(path.join(dir, 'specs'))).toEqual(before);
  });
});
