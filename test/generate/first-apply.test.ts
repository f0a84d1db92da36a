import { parse } from '@cdktf/hcl2json';
import path from 'node:path';
import alertmanager from '../../specs/alertmanager';
import { grafana } from '../../specs/grafana';
import prometheus from '../../specs/prometheus';
import builtinStack from '../../specs/stack';
import { renderService } from '../../src/generate/generate';
import { schemaConstraint } from '../../src/lint/rules/terraform/required-providers';
import { defaults } from '../../src/spec-api/defaults';
import { loadSpecs, normalizeStrings, parseService } from '../../src/spec-api/load';
import { stackSchema, type ServiceInput } from '../../src/spec-api/schema';
import { dig, module, podSpec, read, variableDefault, type Json } from '../support/out';
import { REPO } from '../support/tmp';

/** What the generated stack needs to work on the real cluster at the first apply, and after configs change. */
const specs = loadSpecs(path.join(REPO, 'specs'));
const layout = { modulesDir: 'modules-k8s' };
const SERVICES = ['prometheus', 'node-exporter', 'kube-state-metrics', 'alertmanager', 'grafana', 'meshery'];

async function rendered(input: ServiceInput, stack = specs.stack): Promise<{ text: string; json: Json }> {
  const spec = parseService(normalizeStrings(input));
  const files = renderService(stack, { spec, file: `specs/${spec.name}.ts` }, layout);
  const text = files
    .filter((f) => f.path.endsWith('.tf'))
    .map((f) => f.content)
    .join('\n');
  return { text, json: (await parse(`${spec.name}.tf`, text)) as Json };
}

describe('basic auth (External Secrets templates)', () => {
  test.each(['prometheus', 'alertmanager', 'meshery'])('%s: the htpasswd line uses bcrypt, which every ESO since v0.16 has', (service) => {
    const secrets = read(service, 'secrets.tf');
    expect(secrets).toContain('users = "admin:{{ .password | bcrypt }}"');
    // ESO v2.1's htpasswd takes three arguments: the two-argument call fails to template there.
    expect(secrets).not.toContain('htpasswd');
  });

  test('a basic-auth user that would break the htpasswd line is refused', () => {
    const parsed = stackSchema.safeParse({ ...specs.stack, auth: { basic: { user: 'ad:min', passwordProperty: 'P' } } });
    expect(parsed.success).toBe(false);
  });
});

describe('config changes reach the running pods', () => {
  test('every mounted ConfigMap has a checksum annotation of its data on the pod template', async () => {
    const cases: Array<[string, string, string[]]> = [
      ['prometheus', 'prometheus', ['config', 'rules']],
      ['alertmanager', 'alertmanager', ['config']],
      ['grafana', 'grafana', ['datasources', 'dashboard-providers', 'dashboards', 'litestream']],
    ];
    for (const [service, resource, keys] of cases) {
      const m = await module(service);
      const annotations = dig(
        m,
        'resource',
        'kubernetes_deployment_v1',
        resource,
        0,
        'spec',
        0,
        'template',
        0,
        'metadata',
        0,
        'annotations',
      ) as Json;
      for (const key of keys) {
        const configMap = `${resource}_${key.replace(/-/g, '_')}`;
        expect(annotations[`checksum/${key}`]).toBe(`\${sha256(jsonencode(kubernetes_config_map_v1.${configMap}.data))}`);
      }
    }
  });

  test('changing a config value in the spec changes the data the annotation hashes', async () => {
    const changed = JSON.parse(JSON.stringify(prometheus)) as typeof prometheus;
    const config = changed.configMaps!['config']!.files['prometheus.yml'] as { yaml: { global: { scrape_interval: string } } };
    config.yaml.global.scrape_interval = '30s';
    const before = await rendered(prometheus);
    const after = await rendered(changed);
    const data = (r: { json: Json }): unknown => dig(r.json, 'resource', 'kubernetes_config_map_v1', 'prometheus_config', 0, 'data');
    const annotation = (r: { json: Json }): unknown =>
      dig(
        r.json,
        'resource',
        'kubernetes_deployment_v1',
        'prometheus',
        0,
        'spec',
        0,
        'template',
        0,
        'metadata',
        0,
        'annotations',
        'checksum/config',
      );
    expect(data(after)).not.toEqual(data(before));
    // Terraform hashes the ConfigMap's own data: a different value is a different pod template, and a rollout.
    expect(annotation(after)).toBe('${sha256(jsonencode(kubernetes_config_map_v1.prometheus_config.data))}');
  });
});

describe('config checksums on the pod templates of components, Jobs and CronJobs', () => {
  const image = { name: 'busybox', tag: '1.37.0' };
  const resources = { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } };
  const input = (settings: string): ServiceInput => ({
    name: 'tasks',
    description: 'Scheduled and one-off tasks that read one configuration.',
    configMaps: {
      settings: { files: { 'settings.ini': { text: settings } } },
      unused: { files: { 'unused.ini': { text: 'a = 1\n' } } },
    },
    components: [
      {
        name: 'web',
        containers: [{ name: 'web', image, resources, volumeMounts: [{ volume: 'settings', mountPath: '/etc/tasks' }] }],
      },
      {
        name: 'migrate',
        workload: { kind: 'Job' },
        containers: [
          {
            name: 'migrate',
            image,
            resources,
            volumeMounts: [{ volume: 'config', mountPath: '/etc/tasks/settings.ini', subPath: 'settings.ini' }],
          },
        ],
        volumes: [{ name: 'config', configMap: { key: 'settings' } }],
      },
      {
        name: 'nightly',
        workload: { kind: 'CronJob', schedule: '0 3 * * *' },
        containers: [{ name: 'nightly', image, resources, volumeMounts: [{ volume: 'settings', mountPath: '/etc/tasks' }] }],
      },
      {
        name: 'idle',
        workload: { kind: 'CronJob', schedule: '0 4 * * *' },
        containers: [{ name: 'idle', image, resources }],
      },
    ],
  });
  const checksum = '${sha256(jsonencode(kubernetes_config_map_v1.tasks_settings.data))}';
  const templateOf = (json: Json, type: string, name: string): Json =>
    type === 'kubernetes_cron_job_v1'
      ? (dig(json, 'resource', type, name, 0, 'spec', 0, 'job_template', 0, 'spec', 0, 'template', 0, 'metadata', 0) as Json)
      : (dig(json, 'resource', type, name, 0, 'spec', 0, 'template', 0, 'metadata', 0) as Json);

  test.each([
    ['kubernetes_deployment_v1', 'web'],
    ['kubernetes_job_v1', 'migrate'],
    ['kubernetes_cron_job_v1', 'nightly'],
  ])('%s.%s carries the checksum of the ConfigMap it mounts, and only of that one', async (type, name) => {
    const { json } = await rendered(input('level = info\n'));
    expect(templateOf(json, type, name)['annotations']).toEqual({ 'checksum/settings': checksum });
  });

  test('a component that mounts no ConfigMap gets no checksum', async () => {
    const { json } = await rendered(input('level = info\n'));
    expect(templateOf(json, 'kubernetes_cron_job_v1', 'idle')['annotations']).toBeUndefined();
  });

  test('changing the configuration changes the data the checksums hash', async () => {
    const data = (r: { json: Json }): unknown => dig(r.json, 'resource', 'kubernetes_config_map_v1', 'tasks_settings', 0, 'data');
    expect(data(await rendered(input('level = debug\n')))).not.toEqual(data(await rendered(input('level = info\n'))));
  });
});

describe('Alertmanager inhibition', () => {
  type Labels = Record<string, string>;
  const rules = (alertmanager.configMaps!['config']!.files['alertmanager.yml'] as { yaml: { inhibit_rules: Json[] } }).yaml
    .inhibit_rules as Array<{ source_matchers: string[]; target_matchers: string[]; equal: string[] }>;

  /** Alertmanager's matcher syntax, the forms the stack uses: `name="value"`, `name=~"regex"`, `!=`, `!~`. */
  const matches = (labels: Labels, matcher: string): boolean => {
    const [, name = '', op, value = ''] = /^(\w+)(=~|!~|!=|=)"(.*)"$/.exec(matcher) ?? [];
    const actual = labels[name] ?? '';
    if (op === '=') return actual === value;
    if (op === '!=') return actual !== value;
    const full = new RegExp(`^(?:${value})$`).test(actual);
    return op === '=~' ? full : !full;
  };
  /** An alert is inhibited when a firing source matches, it matches the target, and the `equal` labels agree (missing = empty). */
  const inhibited = (target: Labels, firing: Labels[]): boolean =>
    rules.some(
      (rule) =>
        rule.target_matchers.every((m) => matches(target, m)) &&
        firing.some(
          (source) =>
            source !== target &&
            rule.source_matchers.every((m) => matches(source, m)) &&
            rule.equal.every((label) => (source[label] ?? '') === (target[label] ?? '')),
        ),
    );

  const nodeDown = {
    alertname: 'NodeDown',
    severity: 'critical',
    job: 'node-exporter',
    node: 'nyx',
    namespace: 'default',
    pod: 'node-exporter-x1',
  };
  const kubeletDown = { alertname: 'TargetDown', severity: 'warning', job: 'kubernetes-nodes', node: 'nyx', instance: 'nyx' };
  const cadvisorDown = { alertname: 'TargetDown', severity: 'warning', job: 'kubernetes-cadvisor', node: 'nyx', instance: 'nyx' };
  const exporterDown = { alertname: 'TargetDown', severity: 'warning', job: 'node-exporter', node: 'nyx', namespace: 'default' };
  const podDown = {
    alertname: 'TargetDown',
    severity: 'warning',
    job: 'kubernetes-pods',
    node: 'nyx',
    namespace: 'media',
    pod: 'jellyfin-0',
  };
  const memory = { alertname: 'NodeMemoryPressure', severity: 'warning', node: 'nyx', namespace: 'default' };
  const elsewhere = {
    alertname: 'TargetDown',
    severity: 'warning',
    job: 'kubernetes-pods',
    node: 'hestia',
    namespace: 'default',
    pod: 'grafana-1',
  };
  const crashLoop = { alertname: 'PodCrashLooping', severity: 'warning', namespace: 'default', pod: 'grafana-1', container: 'grafana' };
  const firing = [nodeDown, kubeletDown, cadvisorDown, exporterDown, podDown, memory, elsewhere, crashLoop];

  test('a dead node sends NodeDown alone: the warnings about that node are silenced', () => {
    for (const warning of [kubeletDown, cadvisorDown, exporterDown, podDown, memory] as Labels[])
      expect([warning, inhibited(warning, firing)]).toEqual([warning, true]);
    expect(inhibited(nodeDown, firing)).toBe(false);
  });

  test('warnings about other nodes, and warnings without a node, still go out', () => {
    expect(inhibited(elsewhere, firing)).toBe(false);
    expect(inhibited(crashLoop, firing)).toBe(false);
    // A critical alert without a node label silences nothing (a missing label would equal every other missing one).
    const critical = { alertname: 'SomethingCritical', severity: 'critical', namespace: 'default' };
    expect(inhibited(crashLoop, [critical, crashLoop])).toBe(false);
  });
});

describe('in-cluster addresses', () => {
  test('no module writes the namespace literally: stack services are reached through var.namespace', () => {
    for (const service of SERVICES) expect([service, read(service, 'main.tf').match(/[a-z-]+\.default\.svc/g)]).toEqual([service, null]);
    expect(read('prometheus', 'main.tf')).toContain('targets = ["alertmanager.${var.namespace}.svc.cluster.local:9093"]');
    expect(read('grafana', 'main.tf')).toContain('url       = "http://prometheus.${var.namespace}.svc.cluster.local:9090"');
  });

  test("litestream's endpoint is MinIO's S3 API Service, a stack setting", async () => {
    expect(defaults.stack.objectStore.endpoint).toBe('http://minio-api.default.svc.cluster.local:9000');
    expect(variableDefault(await module('grafana'), 'litestream_endpoint')).toBe('http://minio-api.default.svc.cluster.local:9000');
    expect(builtinStack.objectStore.endpoint).toBe(defaults.stack.objectStore.endpoint);
  });
});

describe('Meshery RBAC', () => {
  test('has what its operator, MeshSync and Cilium adapter need, each rule with its reason, and reads no Secret', async () => {
    const m = await module('meshery');
    const rules = dig(m, 'resource', 'kubernetes_cluster_role_v1', 'meshery', 0, 'rule') as Array<{
      api_groups: string[];
      resources: string[];
      verbs: string[];
    }>;
    const grants = (group: string, resource: string, verb: string): boolean =>
      rules.some(
        (r) =>
          (r.api_groups.includes(group) || r.api_groups.includes('*')) &&
          (r.resources.includes(resource) || r.resources.includes('*')) &&
          (r.verbs.includes(verb) || r.verbs.includes('*')),
      );
    expect(grants('', 'secrets', 'get') || grants('', 'secrets', 'list')).toBe(false);
    for (const [group, resource, verb] of [
      ['', 'namespaces', 'create'],
      ['', 'serviceaccounts', 'create'],
      ['rbac.authorization.k8s.io', 'clusterroles', 'create'],
      ['rbac.authorization.k8s.io', 'rolebindings', 'create'],
      ['apiextensions.k8s.io', 'customresourcedefinitions', 'create'],
      ['meshery.io', 'meshsyncs', 'create'],
      ['apps', 'deployments', 'create'],
      ['cilium.io', 'ciliumnetworkpolicies', 'update'],
      ['', 'pods', 'watch'],
    ] as const)
      expect([group, resource, verb, grants(group, resource, verb)]).toEqual([group, resource, verb, true]);
    // Nothing the plan's features do not use: no pods or jobs to write, no wildcard verbs.
    expect(grants('', 'pods', 'delete')).toBe(false);
    expect(grants('batch', 'jobs', 'create')).toBe(false);
    expect(rules.some((r) => r.verbs.includes('*'))).toBe(false);
    const comments = read('meshery', 'rbac.tf').match(/\n {2}# .+\n(?: {2}# .+\n)* {2}rule \{/g) ?? [];
    expect(comments.length).toBe(rules.length);
  });
});

describe('Prometheus', () => {
  test('does not serve the lifecycle API (/-/quit, /-/reload) through the ingress', async () => {
    const args = dig(podSpec(await module('prometheus'), 'kubernetes_deployment_v1', 'prometheus'), 'container', 0, 'args') as string[];
    expect(args).not.toContain('--web.enable-lifecycle');
  });
});

describe('Grafana on SQLite under litestream', () => {
  test('runs the database in WAL mode, which litestream replication requires', async () => {
    const env = dig(podSpec(await module('grafana'), 'kubernetes_deployment_v1', 'grafana'), 'container', 0, 'env') as Json[];
    expect(env).toContainEqual({ name: 'GF_DATABASE_WAL', value: 'true' });
    const postgres = await rendered(grafana({ database: 'postgres' }));
    expect(postgres.text).not.toContain('GF_DATABASE_WAL');
  });
});

describe('provider constraints', () => {
  test('modules, the stack defaults and the built-in stack constrain kubernetes to the schema the rules check', () => {
    expect(schemaConstraint()).toBe('~> 2.38');
    expect(defaults.stack.providers.kubernetes.version).toBe(schemaConstraint());
    expect(specs.stack.providers.kubernetes.version).toBe(schemaConstraint());
    for (const service of SERVICES)
      expect(read(service, 'versions.tf')).toContain(`source  = "hashicorp/kubernetes"\n      version = "~> 2.38"`);
  });
});

describe("Kubernetes' defaults", () => {
  const base = (container: Record<string, unknown>): ServiceInput => ({
    name: 'probe-test',
    description: 'A service to read the defaults from.',
    containers: [
      {
        name: 'app',
        image: { name: 'traefik/whoami', tag: 'v1.10.3' },
        ports: [{ name: 'http', containerPort: 8080 }],
        resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
        ...container,
      },
    ],
  });
  const container = (r: { json: Json }): Json =>
    dig(r.json, 'resource', 'kubernetes_deployment_v1', 'probe_test', 0, 'spec', 0, 'template', 0, 'spec', 0, 'container', 0) as Json;

  test('a probe without timings gets the timings Kubernetes would apply', async () => {
    const r = await rendered(base({ probes: { liveness: { http: { path: '/', port: 'http' } } } }));
    expect(dig(container(r), 'liveness_probe', 0)).toMatchObject({
      initial_delay_seconds: 0,
      period_seconds: 10,
      timeout_seconds: 1,
      failure_threshold: 3,
    });
  });

  test('a latest tag pulls Always, any other IfNotPresent, and the spec can say otherwise', async () => {
    const policy = async (extra: Record<string, unknown>): Promise<unknown> =>
      dig(container(await rendered(base(extra))), 'image_pull_policy');
    expect(await policy({ image: { name: 'traefik/whoami', tag: 'latest' } })).toBe('Always');
    expect(await policy({})).toBe('IfNotPresent');
    expect(await policy({ image: { name: 'traefik/whoami', tag: 'latest' }, imagePullPolicy: 'IfNotPresent' })).toBe('IfNotPresent');
  });
});
