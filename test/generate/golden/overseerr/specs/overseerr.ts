import { defineService, tpl, variable } from 'gen-modules';

const litestreamImage = { name: 'litestream/litestream', tag: '0.3.13', tagVariable: 'litestream_image_tag' };
const litestreamResources = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } };

/**
 * Overseerr keeps SQLite on an emptyDir; litestream restores it before start
 * and replicates it to MinIO while it runs. The restore and the replication
 * share one tag variable: they must run the same litestream release.
 */
export default defineService({
  name: 'overseerr',
  description: 'Overseerr: media requests for Plex, its SQLite database replicated to MinIO by litestream.',
  workload: { kind: 'Deployment', replicas: 1, strategy: 'Recreate' },
  initContainers: [
    {
      name: 'litestream-restore',
      image: litestreamImage,
      args: ['restore', '-if-db-not-exists', '-if-replica-exists', '/app/config/db/db.sqlite3'],
      envFrom: [{ secret: true }],
      resources: litestreamResources,
      volumeMounts: [
        { volume: 'config', mountPath: '/app/config' },
        { volume: 'litestream', mountPath: '/etc/litestream.yml', subPath: 'litestream.yml', readOnly: true },
      ],
    },
  ],
  containers: [
    {
      name: 'overseerr',
      image: { registry: 'ghcr.io', name: 'sct/overseerr', tag: '1.33.2' },
      env: { TZ: variable('timezone'), PORT: '5055' },
      ports: [{ name: 'http', containerPort: 5055 }],
      resources: { requests: { cpu: '50m', memory: '256Mi' }, limits: { cpu: '1000m', memory: '768Mi' } },
      probes: {
        liveness: { http: { path: '/api/v1/status', port: 'http' }, initialDelaySeconds: 30 },
        readiness: { http: { path: '/api/v1/status', port: 'http' } },
      },
      volumeMounts: [{ volume: 'config', mountPath: '/app/config' }],
    },
    {
      name: 'litestream',
      image: litestreamImage,
      args: ['replicate'],
      envFrom: [{ secret: true }],
      ports: [{ name: 'metrics', containerPort: 9090 }],
      resources: litestreamResources,
      probes: { liveness: { tcp: { port: 'metrics' } }, readiness: { tcp: { port: 'metrics' } } },
      volumeMounts: [
        { volume: 'config', mountPath: '/app/config' },
        { volume: 'litestream', mountPath: '/etc/litestream.yml', subPath: 'litestream.yml', readOnly: true },
      ],
    },
  ],
  configMaps: {
    litestream: {
      files: {
        'litestream.yml': {
          yaml: {
            addr: ':9090',
            dbs: [
              {
                path: '/app/config/db/db.sqlite3',
                replicas: [
                  {
                    type: 's3',
                    bucket: 'litestream',
                    path: 'overseerr',
                    endpoint: tpl`${variable('s3_endpoint')}`,
                    'force-path-style': true,
                  },
                ],
              },
            ],
          },
        },
      },
    },
  },
  volumes: [{ name: 'config', emptyDir: {} }],
  secrets: { keys: ['LITESTREAM_ACCESS_KEY_ID', 'LITESTREAM_SECRET_ACCESS_KEY'] },
  service: { ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  ingress: { port: 'http' },
  variables: {
    timezone: { description: 'Time zone of the server', type: 'string', default: 'Europe/London' },
    s3_endpoint: { description: 'MinIO endpoint litestream replicates to', type: 'string', default: 'http://minio.default.svc:9000' },
  },
  podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9090' },
});
