import path from 'node:path';
import { resolveConfig } from '../../../src/lint/config';
import { lintModules } from '../../../src/lint/engine';
import { allRules } from '../../../src/lint/rules';
import { loadSources } from '../../../src/terraform/load';

/** Constitution exceptions are the engine's business: they work for every rule and report themselves when stale. */

const ROOT = path.resolve('/virtual/exceptions');
const CONFIG_FILE = path.join(ROOT, 'gen-modules.config.json');

const NO_PROBES = `resource "kubernetes_deployment_v1" "web" {
  metadata {
    name = "web"
    labels = {
      app = "web"
    }
  }
  spec {
    selector {
      match_labels = {
        app = "web"
      }
    }
    template {
      metadata {
        labels = {
          app = "web"
        }
      }
      spec {
        container {
          name  = "web"
          image = "nginx:1.27"
          resources {
            requests = {
              cpu    = "10m"
              memory = "16Mi"
            }
            limits = {
              memory = "64Mi"
            }
          }
        }
      }
    }
  }
}
`;

async function lint(exceptions: unknown[], files: Record<string, string>) {
  const config = resolveConfig({ constitution: { exceptions } }, { file: CONFIG_FILE, rules: allRules });
  const findings = lintModules(await loadSources(files, ROOT), config);
  return findings.map((f) => `${path.relative(ROOT, f.range.file)}:${f.range.line} ${f.ruleId}`);
}

describe('constitution exceptions', () => {
  test('without an exception, the rule reports', async () => {
    expect(await lint([], { 'web/main.tf': NO_PROBES })).toContain('web/main.tf:21 health/probes');
  });

  test('an exception covers the findings of any rule, by module folder', async () => {
    const findings = await lint([{ rule: 'health/probes', workload: 'web', reason: 'batch job' }], { 'web/main.tf': NO_PROBES });
    expect(findings.filter((f) => f.includes('health/probes'))).toEqual([]);
    expect(findings.filter((f) => f.includes('constitution/unused-exception'))).toEqual([]);
  });

  test('an exception names the resource or the Kubernetes object as well', async () => {
    const files = { 'apps/main.tf': NO_PROBES };
    expect((await lint([{ rule: 'health/probes', workload: 'web', reason: 'r' }], files)).filter((f) => f.includes('probes'))).toEqual([]);
  });

  test('an exception of another rule covers nothing and is reported as unused', async () => {
    const findings = await lint([{ rule: 'rbac/least-privilege', workload: 'web', reason: 'old' }], { 'web/main.tf': NO_PROBES });
    expect(findings).toContain('web/main.tf:21 health/probes');
    expect(findings).toContain('gen-modules.config.json:1 constitution/unused-exception');
  });

  test('an exception for a module outside the linted tree is not judged', async () => {
    const findings = await lint([{ rule: 'health/probes', workload: 'elsewhere', reason: 'r' }], { 'web/main.tf': NO_PROBES });
    expect(findings.filter((f) => f.includes('unused-exception'))).toEqual([]);
  });

  test('an exception that names a class covers only findings about that class', async () => {
    const claim = (cls: string) => `resource "kubernetes_persistent_volume_claim_v1" "data" {
  metadata {
    name = "db-data"
    annotations = {
      "volume-name" = "db_data"
    }
  }
  spec {
    access_modes       = ["ReadWriteOnce"]
    storage_class_name = "${cls}"
    resources {
      requests = {
        storage = "1Gi"
      }
    }
  }
  wait_until_bound = false
}
`;
    const exception = { rule: 'storage/persistent-class', workload: 'db', class: 'local-path', reason: 'node-local cache' };
    expect((await lint([exception], { 'db/main.tf': claim('local-path') })).filter((f) => f.includes('storage/'))).toEqual([]);
    const other = await lint([exception], { 'db/main.tf': claim('fast-ssd') });
    expect(other).toContain('db/main.tf:10 storage/persistent-class');
    expect(other).toContain('gen-modules.config.json:1 constitution/unused-exception');
  });
});
