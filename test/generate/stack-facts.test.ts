import { dig, module, podSpec, read, variableDefault, type Json } from '../support/out';

/** What the rest of the observability stack must carry, read back from out/. */

describe('node-exporter', () => {
  let m: Json;
  beforeAll(async () => (m = await module('node-exporter')));
  const pod = (): unknown => podSpec(m, 'kubernetes_daemon_set_v1', 'node_exporter');

  test('is a DaemonSet on every node, control plane included, on the host network and PID namespace', () => {
    expect(dig(pod(), 'toleration')).toEqual([{ operator: 'Exists' }]);
    expect(dig(pod(), 'host_network')).toBe(true);
    expect(dig(pod(), 'host_pid')).toBe(true);
    expect(dig(pod(), 'node_selector')).toBeUndefined();
  });

  test('reads /proc, /sys and / read-only through the path flags', () => {
    const container = dig(pod(), 'container', 0);
    const mounts = dig(container, 'volume_mount') as Json[];
    expect(mounts.map((v) => [v['mount_path'], v['read_only']])).toEqual([
      ['/host/proc', true],
      ['/host/sys', true],
      ['/host/root', true],
    ]);
    const volumes = dig(pod(), 'volume') as Json[];
    expect(volumes.map((v) => dig(v, 'host_path', 0, 'path'))).toEqual(['/proc', '/sys', '/']);
    expect(dig(container, 'args')).toEqual(
      expect.arrayContaining(['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--path.rootfs=/host/root']),
    );
  });

  test('skips network and FUSE filesystems (GlusterFS, NFS)', () => {
    const args = dig(pod(), 'container', 0, 'args') as string[];
    const fsTypes = new RegExp(args.find((a) => a.startsWith('--collector.filesystem.fs-types-exclude='))!.split('=')[1]!);
    for (const type of ['nfs', 'nfs4', 'fuse.glusterfs', 'glusterfs', 'overlay']) expect(fsTypes.test(type)).toBe(true);
    for (const type of ['ext4', 'xfs', 'btrfs']) expect(fsTypes.test(type)).toBe(false);
    const mountPoints = new RegExp(args.find((a) => a.startsWith('--collector.filesystem.mount-points-exclude='))!.split('=')[1]!);
    expect(mountPoints.test('/storage/v/glusterfs_grafana_plugins')).toBe(true);
    expect(mountPoints.test('/')).toBe(false);
    expect(mountPoints.test('/var/lib/rancher')).toBe(false);
  });

  test('is scraped through its annotations, has probes and resources, and no ingress', () => {
    expect(
      dig(m, 'resource', 'kubernetes_daemon_set_v1', 'node_exporter', 0, 'spec', 0, 'template', 0, 'metadata', 0, 'annotations'),
    ).toEqual({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': '9100',
      'prometheus.io/job': 'node-exporter',
    });
    expect(dig(pod(), 'container', 0, 'liveness_probe', 0, 'http_get', 0, 'port')).toBe('metrics');
    expect(dig(pod(), 'container', 0, 'resources', 0, 'limits', 'memory')).toBe('128Mi');
    expect(dig(m, 'resource', 'kubectl_manifest')).toBeUndefined();
  });
});

describe('kube-state-metrics', () => {
  test('lists and watches the kinds it exports, nothing more, and never Secrets or ConfigMaps', async () => {
    const m = await module('kube-state-metrics');
    const rules = dig(m, 'resource', 'kubernetes_cluster_role_v1', 'kube_state_metrics', 0, 'rule') as Json[];
    expect(rules.every((r) => JSON.stringify(r['verbs']) === '["list","watch"]')).toBe(true);
    const resources = rules.flatMap((r) => r['resources'] as string[]).sort();
    const args = dig(podSpec(m, 'kubernetes_deployment_v1', 'kube_state_metrics'), 'container', 0, 'args') as string[];
    expect(args.find((a) => a.startsWith('--resources='))).toBe(`--resources=${resources.join(',')}`);
    expect(resources).not.toContain('secrets');
    expect(resources).not.toContain('configmaps');
    expect(dig(m, 'resource', 'kubernetes_service_v1', 'kube_state_metrics')).toBeDefined();
    expect(dig(m, 'resource', 'kubernetes_cluster_role_binding_v1', 'kube_state_metrics')).toBeDefined();
  });
});

describe('alertmanager', () => {
  let m: Json;
  beforeAll(async () => (m = await module('alertmanager')));

  test('renders its configuration from the typed object; the SMTP password is a file from the ExternalSecret', () => {
    const main = read('alertmanager', 'main.tf');
    expect(main).toContain('auth_password_file = "/etc/alertmanager/secrets/SMTP_PASSWORD"');
    expect(main).toMatch(/receiver\s+= "email"/);
    expect(read('alertmanager', 'secrets.tf')).toContain('secretKey = "SMTP_PASSWORD"');
    const volumes = dig(podSpec(m, 'kubernetes_deployment_v1', 'alertmanager'), 'volume') as Json[];
    const secret = volumes.find((v) => v['name'] === 'secrets');
    expect(dig(secret, 'secret', 0, 'secret_name')).toBe('${local.app_name}-secrets');
  });

  test('keeps silences on a persistent claim and is served on alertmanager.brmartin.co.uk behind auth', () => {
    expect(dig(m, 'resource', 'kubernetes_persistent_volume_claim_v1', 'alertmanager_data', 0, 'spec', 0, 'storage_class_name')).toBe(
      'glusterfs-nfs',
    );
    expect(variableDefault(m, 'hostname')).toBe('alertmanager.brmartin.co.uk');
    expect(read('alertmanager', 'main.tf')).toContain('--storage.path=/alertmanager');
  });
});

describe('prometheus wiring', () => {
  const main = (): string => read('prometheus', 'main.tf');

  test('sends alerts to Alertmanager and loads the rules ConfigMap', () => {
    expect(main()).toContain('targets = ["alertmanager.${var.namespace}.svc.cluster.local:9093"]');
    expect(main()).toContain('rule_files = ["/etc/prometheus/rules/*.yml"]');
    expect(main()).toMatch(/"alerts.yml" = yamlencode\(\{\n\s+groups = \[/);
    for (const alert of [
      'TargetDown',
      'NodeDown',
      'NodeFilesystemAlmostFull',
      'NodeMemoryPressure',
      'PodCrashLooping',
      'PersistentVolumeClaimAlmostFull',
      'PrometheusTSDBCompactionsFailing',
    ]) {
      expect(main()).toContain(`alert = "${alert}"`);
    }
  });

  test('scrapes node-exporter and kube-state-metrics in jobs of their own, once', () => {
    expect(main()).toMatch(/job_name\s+= "node-exporter"/);
    expect(main()).toMatch(/job_name\s+= "kube-state-metrics"\n\s+honor_labels = true/);
    // The generic pods job leaves pods with a job annotation to their own job.
    expect(main()).toMatch(
      /job_name = "kubernetes-pods"[\s\S]+?source_labels = \["__meta_kubernetes_pod_annotation_prometheus_io_job"\]\n\s+action\s+= "drop"/,
    );
  });
});

describe('grafana', () => {
  test('provisions the two dashboards from ConfigMaps', async () => {
    const m = await module('grafana');
    const data = dig(m, 'resource', 'kubernetes_config_map_v1', 'grafana_dashboards', 0, 'data') as Json;
    expect(Object.keys(data).sort()).toEqual(['cluster-overview.json', 'node-exporter.json']);
    expect(String(data['node-exporter.json'])).toMatch(/^\$\{jsonencode\(/);
    expect(read('grafana', 'main.tf')).toContain('path = "/etc/grafana/dashboards"');
  });
});

describe('authentication in front of admin UIs', () => {
  test.each(['prometheus', 'alertmanager', 'meshery'])('%s: basic auth middleware, password from Vault', (service) => {
    const main = read(service, 'main.tf');
    expect(main).toMatch(/basicAuth = \{\n\s+secret = "\$\{local.app_name\}-basic-auth"/);
    expect(main).toMatch(/middlewares = \[\n\s+\{\n\s+name\s+= "\$\{local.app_name\}-auth"/);
    expect(read(service, 'secrets.tf')).toContain('property = "BASIC_AUTH_PASSWORD"');
  });

  test('grafana keeps its own OAuth, without a middleware', () => {
    expect(read('grafana', 'main.tf')).not.toContain('auth_middleware');
  });
});

test('the root block lists every module with its comment line', async () => {
  const root = (await import('node:fs')).readFileSync(`${__dirname}/../../out/kubernetes.tf`, 'utf8');
  const modules = [...root.matchAll(/# .+\nmodule "(k8s_[a-z_]+)"/g)].map((match) => match[1]);
  expect(modules).toEqual([
    'k8s_prometheus',
    'k8s_node_exporter',
    'k8s_kube_state_metrics',
    'k8s_alertmanager',
    'k8s_grafana',
    'k8s_meshery',
  ]);
});
