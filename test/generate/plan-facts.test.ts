import fs from 'node:fs';
import path from 'node:path';
import { dig, module, read, variableDefault, type Json } from '../support/out';
import { REPO } from '../support/tmp';

/** The facts `plan.md` (and the conventions' known fixes) asks of each module, read back from out/. */
describe('prometheus', () => {
  test('scrapes every 15s: pods, nodes, annotated services, cAdvisor and the API server', () => {
    const main = read('prometheus', 'main.tf');
    expect(main).toMatch(/scrape_interval\s+= "15s"/);
    for (const job of [
      'kubernetes-pods',
      'kubernetes-nodes',
      'kubernetes-service-endpoints',
      'kubernetes-cadvisor',
      'kubernetes-apiservers',
    ]) {
      expect(main).toMatch(new RegExp(`job_name\\s+= "${job}"`));
    }
    // Relabel replacements keep Prometheus' own ${1} syntax, escaped for HCL.
    expect(main).toContain('replacement   = "$${1}:$${2}"');
  });

  test('keeps 30 days on a 10Gi volume, prefers Hestia, and has discovery RBAC', async () => {
    const m = await module('prometheus');
    expect(variableDefault(m, 'retention_time')).toBe('30d');
    expect(variableDefault(m, 'storage_size')).toBe('10Gi');
    expect(read('prometheus', 'main.tf')).toMatch(/values\s+= \["hestia"\]/);
    const rules = dig(m, 'resource', 'kubernetes_cluster_role_v1', 'prometheus', 0, 'rule') as Json[];
    expect(rules[0]).toMatchObject({
      resources: ['nodes', 'nodes/metrics', 'services', 'endpoints', 'pods'],
      verbs: ['get', 'list', 'watch'],
    });
  });

  test('has probes, the plan resource table and its hostname', async () => {
    const m = await module('prometheus');
    const container = dig(m, 'resource', 'kubernetes_deployment_v1', 'prometheus', 0, 'spec', 0, 'template', 0, 'spec', 0, 'container', 0);
    expect(dig(container, 'liveness_probe', 0, 'http_get', 0, 'path')).toBe('/-/healthy');
    expect(dig(container, 'readiness_probe', 0, 'http_get', 0, 'path')).toBe('/-/ready');
    expect(dig(container, 'resources', 0)).toEqual({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '2000m', memory: '2Gi' } });
    expect(variableDefault(m, 'hostname')).toBe('prometheus.brmartin.co.uk');
  });
});

describe('grafana', () => {
  test('signs in through Keycloak with the client secret from Vault at nomad/default/grafana', () => {
    const main = read('grafana', 'main.tf');
    expect(main).toContain('"https://sso.brmartin.co.uk/realms/prod/protocol/openid-connect/auth"');
    expect(main).toContain('"https://sso.brmartin.co.uk/realms/prod/protocol/openid-connect/token"');
    expect(main).toContain('"https://sso.brmartin.co.uk/realms/prod/protocol/openid-connect/userinfo"');
    const secrets = read('grafana', 'secrets.tf');
    expect(secrets).toContain('key      = "nomad/default/grafana"');
    expect(secrets).toContain('secretKey = "OAUTH_CLIENT_SECRET"');
    expect(secrets).toContain('secretKey = "GF_SECURITY_ADMIN_PASSWORD"');
  });

  test('provisions the Prometheus data source and keeps SQLite off network storage', () => {
    const main = read('grafana', 'main.tf');
    expect(main).toContain('url       = "http://prometheus.default.svc.cluster.local:9090"');
    expect(main).toMatch(/name = "data"\n\n\s+empty_dir \{\}/);
    expect(main).toMatch(/"restore",\n\s+"-if-db-not-exists",\n\s+"-if-replica-exists",/);
  });

  test('has the plan resource table and its hostname', async () => {
    const m = await module('grafana');
    const container = dig(m, 'resource', 'kubernetes_deployment_v1', 'grafana', 0, 'spec', 0, 'template', 0, 'spec', 0, 'container', 0);
    expect(dig(container, 'resources', 0)).toEqual({
      requests: { cpu: '100m', memory: '256Mi' },
      limits: { cpu: '500m', memory: '512Mi' },
    });
    expect(variableDefault(m, 'hostname')).toBe('grafana.brmartin.co.uk');
  });
});

describe('meshery', () => {
  test('runs on amd64 with 2Gi, listens on 8080 behind a 9081 Service, with the Cilium adapter', async () => {
    const m = await module('meshery');
    const pod = dig(m, 'resource', 'kubernetes_deployment_v1', 'meshery', 0, 'spec', 0, 'template', 0, 'spec', 0);
    expect(dig(pod, 'node_selector')).toEqual({ 'kubernetes.io/arch': 'amd64' });
    expect(dig(pod, 'container', 0, 'resources', 0, 'limits', 'memory')).toBe('2Gi');
    expect(dig(pod, 'container', 0, 'port', 0, 'container_port')).toBe(8080);
    expect(dig(pod, 'container', 1, 'name')).toBe('meshery-cilium');
    expect(dig(m, 'resource', 'kubernetes_service_v1', 'meshery', 0, 'spec', 0, 'port', 0, 'port')).toBe(9081);
    expect(dig(m, 'resource', 'kubernetes_cluster_role_binding_v1', 'meshery')).toBeDefined();
  });
});

test('the root block lists each module with its comment line', () => {
  const root = fs.readFileSync(path.join(REPO, 'out', 'kubernetes.tf'), 'utf8');
  for (const service of ['prometheus', 'grafana', 'meshery']) {
    expect(root).toMatch(new RegExp(`# .+\\nmodule "k8s_${service}" \\{\\n  source = "./modules-k8s/${service}"\\n\\}`));
  }
});
