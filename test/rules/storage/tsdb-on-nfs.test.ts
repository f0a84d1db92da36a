import rule from '../../../src/lint/rules/storage/tsdb-on-nfs';
import { testRule } from '../../support/rule-tester';
import { claim, claimVolume, deployment, emptyDirVolume, mount } from './_fixtures';

const prometheus = (image: string, args: string, mounts: string): string => `        container {
          name  = "prometheus"
          image = "${image}"
${args}${mounts}        }
`;

const argsOf = (...items: string[]): string => `          args = [\n${items.map((item) => `            ${item},\n`).join('')}          ]\n`;

const nfs = claim('data', 'prometheus-data', 'glusterfs-nfs');
const local = claim('data', 'prometheus-data', 'local-path');
const on = (pvc: string, podSpec: string): string => `${deployment(podSpec)}\n${pvc}`;

testRule(rule, {
  valid: [
    {
      name: 'TSDB on local-path, as the generated Prometheus module does',
      code: on(
        local,
        prometheus(
          'prom/prometheus:v2.54.1',
          argsOf('"--config.file=/etc/prometheus/prometheus.yml"', '"--storage.tsdb.path=/prometheus"'),
          mount('data', '/prometheus'),
        ) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'TSDB path moved off the NFS mount',
      code: on(
        nfs,
        prometheus(
          'prom/prometheus:v2.54.1',
          argsOf('"--storage.tsdb.path=/tsdb"'),
          mount('rules', '/prometheus') + mount('tsdb', '/tsdb'),
        ) +
          claimVolume('rules', 'data') +
          emptyDirVolume('tsdb'),
      ),
    },
    {
      name: 'TSDB path unknown',
      code: on(
        nfs,
        prometheus('prom/prometheus:v2.54.1', argsOf('"--storage.tsdb.path=${var.tsdb_path}"'), mount('data', '/prometheus')) +
          claimVolume('data', 'data'),
      ),
    },
    {
      name: 'another image without a TSDB flag',
      code: on(nfs, prometheus('grafana/loki:3.1.0', '', mount('data', '/prometheus')) + claimVolume('data', 'data')),
    },
    {
      name: 'dynamic mounts and a multi-container pod with the NFS claim on the sidecar',
      code: on(
        nfs,
        prometheus(
          'prom/prometheus:v2.54.1',
          argsOf('"--storage.tsdb.path=/prometheus"'),
          `          dynamic "volume_mount" {
            for_each = var.extra_mounts
            content {
              name       = volume_mount.value.name
              mount_path = volume_mount.value.path
            }
          }
`,
        ) +
          `        container {
          name  = "config-reloader"
          image = "ghcr.io/prometheus-operator/prometheus-config-reloader:v0.76.0"
${mount('data', '/prometheus')}        }
` +
          claimVolume('data', 'data'),
      ),
    },
    {
      name: 'an exception with a reason',
      code: on(nfs, prometheus('prom/prometheus:v2.54.1', '', mount('data', '/prometheus')) + claimVolume('data', 'data')),
      constitution: {
        exceptions: [
          { rule: 'storage/tsdb-on-nfs', workload: 'prometheus-data', class: 'glusterfs-nfs', reason: 'short retention, tested' },
        ],
      },
    },
    {
      name: 'arguments from a variable may set the TSDB path elsewhere',
      code: on(
        nfs,
        prometheus('prom/prometheus:v2.54.1', '          args = var.args\n', mount('data', '/prometheus')) + claimVolume('data', 'data'),
      ),
    },
    {
      name: 'default image list emptied by options',
      code: on(
        nfs,
        prometheus('prom/prometheus:v2.54.1', argsOf('"--web.enable-lifecycle"'), mount('data', '/prometheus')) +
          claimVolume('data', 'data'),
      ),
      options: { images: [] },
    },
  ],
  invalid: [
    {
      name: 'storage.tsdb.path on an NFS claim',
      code: on(
        nfs,
        prometheus(
          'prom/prometheus:v2.54.1',
          argsOf('"--config.file=/etc/prometheus/prometheus.yml"', '"--storage.tsdb.path=/prometheus"'),
          mount('data', '/prometheus'),
        ) + claimVolume('data', 'data'),
      ),
      expected: [
        {
          messageId: 'tsdb',
          line: 23,
          column: 13,
          message:
            'TSDB directory /prometheus is on volume "data", claim "prometheus-data" of class "glusterfs-nfs", served over NFS, which the TSDB does not support (it can corrupt data): use a class that is not NFS, such as "local-path", with a constitution exception for storage/persistent-class giving this reason',
        },
      ],
    },
    {
      name: 'Prometheus image default path',
      code: on(
        nfs,
        prometheus('quay.io/prometheus/prometheus:v2.54.1', argsOf('"--web.enable-lifecycle"'), mount('data', '/prometheus')) +
          claimVolume('data', 'data'),
      ),
      expected: [{ messageId: 'tsdb', line: 20, column: 11 }],
    },
    {
      name: 'Prometheus image without args keeps its Dockerfile default',
      code: on(nfs, prometheus('prom/prometheus:v2.54.1', '', mount('data', '/prometheus')) + claimVolume('data', 'data')),
      expected: [{ messageId: 'tsdb', line: 20, column: 11 }],
    },
    {
      name: 'flag and value as two arguments, TSDB below the mount',
      code: on(
        nfs,
        prometheus('prom/prometheus:v2.54.1', argsOf('"--storage.tsdb.path"', '"/data/tsdb"'), mount('data', '/data')) +
          claimVolume('data', 'data'),
      ),
      expected: [{ messageId: 'tsdb', line: 23, column: 13 }],
    },
    {
      name: 'Thanos receive tsdb.path',
      code: on(
        nfs,
        prometheus(
          'quay.io/thanos/thanos:v0.36.1',
          argsOf('"receive"', '"--tsdb.path=/var/thanos/receive"'),
          mount('data', '/var/thanos'),
        ) + claimVolume('data', 'data'),
      ),
      expected: [{ messageId: 'tsdb', line: 23, column: 13 }],
    },
    {
      name: 'VictoriaMetrics storageDataPath',
      code: on(
        nfs,
        prometheus(
          'victoriametrics/victoria-metrics:v1.103.0',
          argsOf('"-storageDataPath=/storage"', '"-retentionPeriod=30d"'),
          mount('data', '/storage'),
        ) + claimVolume('data', 'data'),
      ),
      expected: [{ messageId: 'tsdb', line: 22, column: 13 }],
    },
    {
      name: 'an NFS mount inside the TSDB directory',
      code: on(
        nfs,
        prometheus(
          'prom/prometheus:v2.54.1',
          argsOf('"--storage.tsdb.path=/prometheus"'),
          mount('tsdb', '/prometheus') + mount('data', '/prometheus/wal'),
        ) +
          emptyDirVolume('tsdb') +
          claimVolume('data', 'data'),
      ),
      expected: [{ messageId: 'tsdb', line: 22, column: 13 }],
    },
  ],
});
