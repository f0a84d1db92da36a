import fs from 'node:fs';
import path from 'node:path';
import { renderAll, type GeneratedFile } from '../../src/generate/generate';
import { verifyAll } from '../../src/generate/verify';
import { loadSpecs } from '../../src/spec-api/load';
import { tempDir } from '../support/tmp';

/**
 * verify reads each new field back from the HCL: an edit of the generated text
 * that loses a spec value is a mismatch naming the file and the field.
 */
const GOLDEN = path.join(__dirname, 'golden');

async function mismatchesAfter(name: string, file: string, from: string | RegExp, to: string): Promise<string[]> {
  const specs = loadSpecs(path.join(GOLDEN, name, 'specs'));
  const files = renderAll(specs, { modulesDir: 'modules-k8s' });
  const edited = files.map((f) => {
    if (!f.path.endsWith(`/${file}`)) return f;
    const content = f.content.replace(from, to);
    if (content === f.content) throw new Error(`${file} has no ${String(from)}`);
    return { ...f, content };
  });
  expect(await verifyAll(specs, files)).toEqual([]);
  return (await verifyAll(specs, edited)).map((m) => `${m.file}: ${m.what}`);
}

test.each([
  ['minio', 'main.tf', 'node_port   = 30900', 'node_port   = 30901', 'modules-k8s/minio/main.tf: Service minio ports'],
  [
    'minio',
    'main.tf',
    'values   = ["heracles", "nyx"]',
    'values   = ["heracles"]',
    'modules-k8s/minio/main.tf: StatefulSet required node affinity',
  ],
  ['minio', 'main.tf', 'replicas     = var.replicas', 'replicas     = 1', 'modules-k8s/minio/main.tf: StatefulSet replicas'],
  ['renovate', 'main.tf', '"0 * * * *"', '"0 3 * * *"', 'modules-k8s/renovate/main.tf: CronJob schedule'],
  [
    'renovate',
    'main.tf',
    'args              = var.repositories',
    'args              = []',
    'modules-k8s/renovate/main.tf: container "renovate" args',
  ],
  [
    'open-webui',
    'main.tf',
    'type = "ClusterIP"\n    selector = {\n      app       = local.app_name\n      component = "valkey"',
    'type = "ClusterIP"\n    selector = {\n      app       = local.app_name\n      component = "postgres"',
    'modules-k8s/open-webui/main.tf: valkey Service valkey selector',
  ],
  [
    'ollama',
    'main.tf',
    '"nvidia.com/gpu" = "1"',
    '"nvidia.com/gpu" = "2"',
    'modules-k8s/ollama/main.tf: container "ollama" resources.limits nvidia.com/gpu',
  ],
  [
    'ollama',
    'main.tf',
    'runtime_class_name = "nvidia"',
    'runtime_class_name = "runc"',
    'modules-k8s/ollama/main.tf: Deployment runtime class',
  ],
  ['whoami', 'main.tf', 'host = var.hostname', 'host = "whoami.example.org"', 'modules-k8s/whoami/main.tf: Ingress hostname host'],
  [
    'whoami',
    'main.tf',
    'value = "whoami.home.example.net"',
    'value = "whoami.local"',
    'modules-k8s/whoami/main.tf: container "whoami" liveness probe headers',
  ],
  [
    'whoami',
    'objects.tf',
    'min_available = 1',
    'min_available = 2',
    'modules-k8s/whoami/objects.tf: PodDisruptionBudget whoami min_available',
  ],
  [
    'vaultwarden',
    'main.tf',
    'name = "${local.app_name}-secrets"\n',
    'name = "vaultwarden-env"\n',
    'modules-k8s/vaultwarden/main.tf: container "vaultwarden" env_from 0',
  ],
  ['nextcloud', 'objects.tf', 'amount = 20', 'amount = 30', 'modules-k8s/nextcloud/objects.tf: manifest upload-limit spec'],
  [
    'searxng',
    'main.tf',
    'kubernetes_config_map_v1.searxng_config.metadata[0].name',
    '"searxng-settings"',
    'modules-k8s/searxng/main.tf: searxng Deployment volume settings ConfigMap',
  ],
  [
    'minio',
    'outputs.tf',
    'kubernetes_service_v1.minio_console.metadata[0].name',
    'kubernetes_service_v1.minio.metadata[0].name',
    'modules-k8s/minio/outputs.tf: output console_service',
  ],
])('%s: an edit of %s is caught', async (name, file, from, to, expected) => {
  expect(await mismatchesAfter(name, file, from, to)).toContain(expected);
});

describe('a module of manifests only, with their own metadata and top-level fields', () => {
  const dir = tempDir('gen-modules-manifests-');
  fs.writeFileSync(path.join(dir, 'stack.ts'), fs.readFileSync(path.join(GOLDEN, 'stack.ts'), 'utf8'));
  fs.mkdirSync(path.join(dir, 'specs'));
  fs.writeFileSync(
    path.join(dir, 'specs', 'index.ts'),
    "import stack from '../stack';\nimport rbac from './rbac';\n\nexport { stack };\nexport const services = [rbac];\n",
  );
  fs.writeFileSync(
    path.join(dir, 'specs', 'rbac.ts'),
    `export default {
  name: 'rbac',
  description: 'Reader role',
  components: [],
  manifests: [
    {
      name: 'reader',
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      namespaced: false,
      reason: 'test',
      metadata: { name: 'pod-reader', labels: {}, annotations: { team: 'ops' } },
      fields: { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] },
    },
  ],
};
`,
  );

  it('renders them in objects.tf and verify reads each back', async () => {
    const specs = loadSpecs(path.join(dir, 'specs'));
    const files = renderAll(specs, { modulesDir: 'modules-k8s' });
    const objects = files.find((f) => f.path === 'modules-k8s/rbac/objects.tf');
    expect(files.find((f) => f.path === 'modules-k8s/rbac/main.tf')?.content).not.toContain('resource ');
    expect(objects?.content).toContain('resource "kubectl_manifest" "manifest_reader"');
    expect(objects?.content).toContain('name = "pod-reader"');
    expect(objects?.content).not.toContain('local.labels');
    expect(await verifyAll(specs, files)).toEqual([]);
    const edit = (from: string, to: string): GeneratedFile[] =>
      files.map((f) => (f === objects ? { ...f, content: f.content.replace(from, to) } : f));
    const mismatches = async (edited: GeneratedFile[]): Promise<string[]> =>
      (await verifyAll(specs, edited)).map((m) => `${m.file}: ${m.what}`);
    expect(await mismatches(edit('"get"', '"list"'))).toEqual(['modules-k8s/rbac/objects.tf: manifest reader rules']);
    expect(await mismatches(edit('"pod-reader"', '"reader"'))).toEqual(['modules-k8s/rbac/objects.tf: manifest reader name']);
    expect(await mismatches(edit('"ops"', '"dev"'))).toEqual(['modules-k8s/rbac/objects.tf: manifest reader annotations']);
  });
});
