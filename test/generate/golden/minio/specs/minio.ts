import { defineService, tpl, variable } from 'gen-modules';

/**
 * MinIO: the S3 API and the web console are two Services and two routes. The
 * API is also a NodePort for backup clients on the LAN; the replica count is a
 * variable, and the S3 endpoint an output other modules read.
 */
export default defineService({
  name: 'minio',
  description: 'MinIO: S3-compatible object storage for backups and litestream replicas.',
  workload: { kind: 'StatefulSet', replicas: variable('replicas') },
  containers: [
    {
      name: 'minio',
      image: { registry: 'quay.io', name: 'minio/minio', tag: 'RELEASE.2025-01-20T14-49-07Z' },
      args: ['server', '/data', '--console-address', ':9001'],
      env: {
        MINIO_ROOT_USER: { secret: 'MINIO_ROOT_USER' },
        MINIO_ROOT_PASSWORD: { secret: 'MINIO_ROOT_PASSWORD' },
        MINIO_BROWSER_REDIRECT_URL: tpl`https://${variable('console_hostname')}`,
      },
      ports: [
        { name: 'api', containerPort: 9000 },
        { name: 'console', containerPort: 9001 },
      ],
      resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '2000m', memory: '2Gi' } },
      probes: {
        liveness: { http: { path: '/minio/health/live', port: 'api' } },
        readiness: { http: { path: '/minio/health/ready', port: 'api' } },
      },
      volumeMounts: [{ volume: 'data', mountPath: '/data' }],
    },
  ],
  persistence: { data: { size: '200Gi' } },
  secrets: { keys: ['MINIO_ROOT_USER', 'MINIO_ROOT_PASSWORD'] },
  services: [
    { type: 'NodePort', externalTrafficPolicy: 'Local', ports: [{ name: 'api', port: 9000, targetPort: 'api', nodePort: 30900 }] },
    { name: 'console', ports: [{ name: 'console', port: 9001, targetPort: 'console' }] },
  ],
  ingresses: [
    { port: 'api', host: 's3.home.example.net' },
    { service: 'console', port: 'console', host: 'minio.home.example.net', hostVariable: 'console_hostname' },
  ],
  scheduling: { requireHosts: ['heracles', 'nyx'], preferArch: [{ arch: 'arm64', weight: 10 }] },
  variables: {
    replicas: { description: 'Number of MinIO pods', type: 'number', default: 1 },
  },
  objects: [{ kind: 'PodDisruptionBudget', maxUnavailable: 1 }],
  outputs: {
    s3_endpoint: { description: 'S3 endpoint of MinIO', value: tpl`https://${variable('hostname')}` },
    console_service: { description: 'Service of the MinIO console', value: { serviceOf: 'minio', service: 'console' } },
  },
});
