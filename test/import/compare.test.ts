import fs from 'node:fs';
import path from 'node:path';
import { loadSources } from '../../src/terraform/load';
import { compareModules, describeComparison, isEquivalent, type Comparison } from '../../src/terraform/compare';
import { canonicalQuantity } from '../../src/terraform/objects';
import { runCli } from '../support/cli';
import { REPO } from '../support/tmp';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import', 'modules-k8s');

function filesOf(name: string): Record<string, string> {
  const dir = path.join(FIXTURES, name);
  return Object.fromEntries(fs.readdirSync(dir).map((file) => [file, fs.readFileSync(path.join(dir, file), 'utf8')]));
}

async function compare(before: Record<string, string>, after: Record<string, string>): Promise<Comparison> {
  const [a] = await loadSources(before, '/a');
  const [b] = await loadSources(after, '/b');
  return compareModules(a!, b!);
}

/** The fixture with one replacement made in one file (the text must occur). */
function planted(name: string, file: string, from: string, to: string): Record<string, string> {
  const files = filesOf(name);
  expect(files[file]).toContain(from);
  return { ...files, [file]: files[file]!.replace(from, to) };
}

function changedPaths(comparison: Comparison): Array<[string, string, unknown, unknown]> {
  return comparison.changed.flatMap((object) =>
    object.fields.map((f) => [object.label, f.path, f.before, f.after] as [string, string, unknown, unknown]),
  );
}

describe('compare finds planted differences with their field path', () => {
  it('an image tag', async () => {
    const result = await compare(filesOf('whoami'), planted('whoami', 'main.tf', 'default = "v1.10.1"', 'default = "v1.11.0"'));
    expect(changedPaths(result)).toEqual([
      [
        'Deployment ${var.namespace}/whoami',
        'spec.template.spec.containers[whoami].image',
        'traefik/whoami:v1.10.1',
        'traefik/whoami:v1.11.0',
      ],
    ]);
  });

  it('a container port and a service port', async () => {
    const result = await compare(
      filesOf('minio'),
      planted(
        'minio',
        'main.tf',
        'name           = "console"\n            container_port = 9001',
        'name           = "console"\n            container_port = 9002',
      ),
    );
    expect(changedPaths(result)).toEqual([
      ['Deployment storage/minio', 'spec.template.spec.containers[minio].ports[9001]', { name: 'console', containerPort: 9001 }, undefined],
      ['Deployment storage/minio', 'spec.template.spec.containers[minio].ports[9002]', undefined, { name: 'console', containerPort: 9002 }],
    ]);
    const service = await compare(filesOf('whoami'), planted('whoami', 'main.tf', 'target_port = "80"', 'target_port = "8080"'));
    expect(changedPaths(service)).toEqual([['Service ${var.namespace}/whoami', 'spec.ports[80].targetPort', undefined, 8080]]);
  });

  it('a label set through a merged locals map', async () => {
    const result = await compare(
      filesOf('vaultwarden'),
      planted('vaultwarden', 'main.tf', '"app.kubernetes.io/component" = "server"', '"app.kubernetes.io/component" = "web"'),
    );
    const paths = changedPaths(result)
      .map(([label, field]) => `${label} ${field}`)
      .sort();
    expect(paths).toEqual([
      'Service default/vaultwarden metadata.labels["app.kubernetes.io/component"]',
      'StatefulSet default/vaultwarden metadata.labels["app.kubernetes.io/component"]',
      'StatefulSet default/vaultwarden spec.template.metadata.labels["app.kubernetes.io/component"]',
    ]);
  });

  it('an env value', async () => {
    const result = await compare(filesOf('media'), planted('media', 'main.tf', 'value = "1000"', 'value = "1001"'));
    expect(changedPaths(result)).toEqual([
      ['Deployment media/sonarr', 'spec.template.spec.containers[sonarr].env[PUID].value', '1000', '1001'],
    ]);
  });

  it('a volume', async () => {
    const result = await compare(filesOf('media'), planted('media', 'main.tf', 'path = "/srv/radarr"', 'path = "/srv/radarr2"'));
    expect(changedPaths(result)).toEqual([
      ['Deployment media/radarr', 'spec.template.spec.volumes[config].hostPath.path', '/srv/radarr', '/srv/radarr2'],
    ]);
    const nfs = await compare(
      filesOf('backups'),
      planted('backups', 'cronjobs.tf', 'path   = "/export/data"', 'path   = "/export/backup"'),
    );
    expect(changedPaths(nfs)).toEqual([
      ['CronJob default/backup-nightly', 'spec.jobTemplate.spec.template.spec.volumes[data].nfs.path', '/export/data', '/export/backup'],
    ]);
  });

  it('an extra object, and a removed one', async () => {
    const extra = `resource "kubernetes_config_map_v1" "extra" {\n  metadata {\n    name = "extra"\n  }\n  data = { a = "b" }\n}\n`;
    const result = await compare(filesOf('whoami'), { ...filesOf('whoami'), 'extra.tf': extra });
    expect(result.added).toEqual([{ label: 'ConfigMap default/extra', after: 'kubernetes_config_map_v1.extra' }]);
    const reverse = await compare({ ...filesOf('whoami'), 'extra.tf': extra }, filesOf('whoami'));
    expect(reverse.removed).toEqual([{ label: 'ConfigMap default/extra', before: 'kubernetes_config_map_v1.extra' }]);
  });

  it('a value inside a YAML manifest body and inside a yamlencode ConfigMap file', async () => {
    const route = await compare(filesOf('whoami'), planted('whoami', 'main.tf', 'port: 80', 'port: 81'));
    expect(changedPaths(route)).toEqual([
      ['IngressRoute ${var.namespace}/whoami', 'spec.routes[Host(`whoami.home.example.org`)].services[whoami].port', 80, 81],
    ]);
    const config = await compare(filesOf('searxng'), planted('searxng', 'main.tf', 'safe_search = 1', 'safe_search = 2'));
    expect(changedPaths(config)).toContainEqual(['ConfigMap default/searxng-config', 'data["settings.yml"].search.safe_search', 1, 2]);
  });
});

describe('compare ignores what Kubernetes ignores', () => {
  const deployment = (body: string, type = 'kubernetes_deployment'): Record<string, string> => ({
    'main.tf': `resource "${type}" "app" {
  metadata {
    name = "app"
  }
  spec {
    selector {
      match_labels = { app = "app" }
    }
    template {
      metadata {
        labels = { app = "app" }
      }
      spec {
${body}
      }
    }
  }
}
`,
  });

  it('versioned and unversioned types, defaults written or omitted, quantities, key order and list order', async () => {
    const a = deployment(`        container {
          name  = "a"
          image = "nginx:1.27"
          port {
            container_port = 80
          }
          port {
            container_port = 443
          }
          resources {
            limits = { memory = "1Gi", cpu = "0.5" }
          }
          env {
            name  = "B"
            value = "2"
          }
          env {
            name  = "A"
            value = "1"
          }
        }`);
    const b = deployment(
      `        restart_policy = "Always"
        dns_policy     = "ClusterFirst"
        container {
          image             = "nginx:1.27"
          name              = "a"
          image_pull_policy = "IfNotPresent"
          env {
            name  = "A"
            value = "1"
          }
          env {
            name  = "B"
            value = "2"
          }
          port {
            container_port = 443
            protocol       = "TCP"
          }
          port {
            container_port = 80
          }
          resources {
            limits = { cpu = "500m", memory = "1024Mi" }
          }
        }`,
      'kubernetes_deployment_v1',
    );
    const result = await compare(a, b);
    expect(isEquivalent(result)).toBe(true);
    expect(result.moved).toEqual([
      { label: 'Deployment default/app', before: 'kubernetes_deployment.app', after: 'kubernetes_deployment_v1.app' },
    ]);
  });

  it('a typed resource and a kubectl_manifest of the same object are the same object', async () => {
    const typed = {
      'main.tf': `resource "kubernetes_config_map" "c" {
  metadata {
    name      = "c"
    namespace = "apps"
  }
  data = { "config.yaml" = yamlencode({ a = 1, b = ["x"] }) }
}
`,
    };
    const manifest = {
      'main.tf': `resource "kubectl_manifest" "config" {
  yaml_body = <<-YAML
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: c
      namespace: apps
    data:
      config.yaml: |
        b:
          - x
        a: 1
  YAML
}
`,
    };
    const result = await compare(typed, manifest);
    expect(isEquivalent(result)).toBe(true);
  });

  it('an unknown value never equals a literal one', async () => {
    const a = { 'main.tf': 'resource "kubernetes_config_map" "c" {\n  metadata {\n    name = "c"\n  }\n  data = { a = timestamp() }\n}\n' };
    const b = {
      'main.tf': 'resource "kubernetes_config_map" "c" {\n  metadata {\n    name = "c"\n  }\n  data = { a = "$${timestamp()}" }\n}\n',
    };
    const result = await compare(a, b);
    expect(changedPaths(result)).toEqual([['ConfigMap default/c', 'data.a', { $unknown: 'timestamp()' }, '${timestamp()}']]);
    expect(describeComparison(result, { a: 'a', b: 'b' })).toContain('data.a: ${timestamp()} -> "${timestamp()}"');
  });

  it('canonical quantities', () => {
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity('0.5')).toBe('500m');
    expect(canonicalQuantity('1000m')).toBe('1');
    expect(canonicalQuantity('1.5Gi')).toBe('1536Mi');
    expect(canonicalQuantity('2G')).toBe('2G');
    expect(canonicalQuantity('big')).toBeUndefined();
  });
});

describe('gen-modules compare (CLI)', () => {
  it('exits 0 on equivalent modules, 1 with the differences, 2 on bad input', () => {
    const same = runCli(['compare', path.join(FIXTURES, 'whoami'), path.join(FIXTURES, 'whoami')], REPO);
    expect(same.status).toBe(0);
    expect(same.stdout).toMatch(/equivalent\n$/);
    const different = runCli(['compare', path.join(FIXTURES, 'whoami'), path.join(FIXTURES, 'minio'), '--format', 'json'], REPO);
    expect(different.status).toBe(1);
    const report = JSON.parse(different.stdout) as { equivalent: boolean; added: unknown[]; removed: unknown[] };
    expect(report.equivalent).toBe(false);
    expect(report.removed).toHaveLength(3);
    const missing = runCli(['compare', path.join(FIXTURES, 'nope'), path.join(FIXTURES, 'whoami')], REPO);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope: no such file or directory/);
  });
});
