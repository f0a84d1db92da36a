import { defineService, tpl, variable } from 'gen-modules';
import stack from './stack';

const oidc = `${stack.keycloak.url}/realms/${stack.keycloak.realm}/protocol/openid-connect`;
const database = '/var/lib/grafana/grafana.db';
const litestreamImage = { name: 'litestream/litestream', tag: '0.3.13' };
const litestreamCredentials = {
  LITESTREAM_ACCESS_KEY_ID: { secret: 'LITESTREAM_ACCESS_KEY_ID' },
  LITESTREAM_SECRET_ACCESS_KEY: { secret: 'LITESTREAM_SECRET_ACCESS_KEY' },
};
const litestreamMounts = [
  { volume: 'data', mountPath: '/var/lib/grafana' },
  { volume: 'litestream', mountPath: '/etc/litestream', readOnly: true },
];

export default defineService({
  name: 'grafana',
  description: 'Grafana: dashboards for Prometheus, Keycloak single sign-on with a local admin fallback.',
  workload: {
    kind: 'Deployment',
    replicas: 1,
    // One SQLite writer: the old pod's litestream must stop before the new one restores.
    strategy: 'Recreate',
  },
  // The plan keeps Grafana's SQLite database on glusterfs-nfs; the constitution forbids SQLite on
  // network storage. The database lives on an emptyDir, restored from MinIO before Grafana starts
  // and replicated back continuously by litestream, the repository's established pattern.
  initContainers: [
    {
      name: 'litestream-restore',
      image: litestreamImage,
      // Fails (and so holds Grafana back) when a replica exists but cannot be restored;
      // starts empty only when there is no replica at all.
      args: ['restore', '-if-db-not-exists', '-if-replica-exists', '-config', '/etc/litestream/litestream.yml', database],
      env: litestreamCredentials,
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
      volumeMounts: litestreamMounts,
    },
  ],
  containers: [
    {
      name: 'grafana',
      image: { name: 'grafana/grafana', tag: '11.4.0' },
      ports: [{ name: 'http', containerPort: 3000 }],
      env: {
        GF_SERVER_ROOT_URL: tpl`https://${variable('hostname')}`,
        GF_DATABASE_TYPE: 'sqlite3',
        GF_DATABASE_PATH: database,
        GF_PATHS_PLUGINS: '/var/lib/grafana-plugins',
        GF_SECURITY_ADMIN_USER: 'admin',
        // Local admin login stays on as the fallback when Keycloak is down (plan's risk table).
        GF_SECURITY_ADMIN_PASSWORD: { secret: 'GF_SECURITY_ADMIN_PASSWORD' },
        GF_AUTH_DISABLE_LOGIN_FORM: 'false',
        GF_AUTH_GENERIC_OAUTH_ENABLED: 'true',
        GF_AUTH_GENERIC_OAUTH_NAME: 'Keycloak',
        GF_AUTH_GENERIC_OAUTH_ALLOW_SIGN_UP: 'true',
        GF_AUTH_GENERIC_OAUTH_CLIENT_ID: 'grafana',
        GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: { secret: 'OAUTH_CLIENT_SECRET' },
        GF_AUTH_GENERIC_OAUTH_SCOPES: 'openid email profile',
        GF_AUTH_GENERIC_OAUTH_AUTH_URL: `${oidc}/auth`,
        GF_AUTH_GENERIC_OAUTH_TOKEN_URL: `${oidc}/token`,
        GF_AUTH_GENERIC_OAUTH_API_URL: `${oidc}/userinfo`,
      },
      resources: {
        requests: { cpu: '100m', memory: '256Mi' },
        limits: { cpu: '500m', memory: '512Mi' },
      },
      probes: {
        liveness: { http: { path: '/api/health', port: 'http' }, initialDelaySeconds: 30, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
        readiness: { http: { path: '/api/health', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      },
      volumeMounts: [
        { volume: 'data', mountPath: '/var/lib/grafana' },
        { volume: 'plugins', mountPath: '/var/lib/grafana-plugins' },
        { volume: 'provisioning', mountPath: '/etc/grafana/provisioning/datasources', readOnly: true },
      ],
    },
    {
      name: 'litestream',
      image: litestreamImage,
      args: ['replicate', '-config', '/etc/litestream/litestream.yml'],
      ports: [{ name: 'metrics', containerPort: 9091 }],
      env: litestreamCredentials,
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
      probes: {
        liveness: { http: { path: '/metrics', port: 'metrics' }, initialDelaySeconds: 10, periodSeconds: 30, timeoutSeconds: 5, failureThreshold: 3 },
        readiness: { http: { path: '/metrics', port: 'metrics' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      },
      volumeMounts: litestreamMounts,
    },
  ],
  securityContext: { runAsUser: 472, runAsGroup: 472, fsGroup: 472 },
  volumes: [{ name: 'data', emptyDir: {} }],
  persistence: {
    // Plugins are files, not a database: they may stay on GlusterFS.
    plugins: { size: '1Gi' },
  },
  configMaps: {
    provisioning: {
      files: {
        'datasources.yaml': {
          yaml: {
            apiVersion: 1,
            datasources: [
              {
                name: 'Prometheus',
                type: 'prometheus',
                uid: 'prometheus',
                access: 'proxy',
                url: `http://prometheus.${stack.namespace}.svc.cluster.local:9090`,
                isDefault: true,
                editable: false,
              },
            ],
          },
        },
      },
    },
    litestream: {
      files: {
        'litestream.yml': {
          yaml: {
            addr: ':9091',
            dbs: [
              {
                path: database,
                replicas: [
                  {
                    type: 's3',
                    bucket: variable('litestream_bucket'),
                    path: 'grafana',
                    endpoint: variable('litestream_endpoint'),
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
  service: {
    ports: [{ name: 'http', port: 3000, targetPort: 'http' }],
  },
  ingress: { port: 'http' },
  secrets: {
    keys: ['GF_SECURITY_ADMIN_PASSWORD', 'OAUTH_CLIENT_SECRET', 'LITESTREAM_ACCESS_KEY_ID', 'LITESTREAM_SECRET_ACCESS_KEY'],
  },
  variables: {
    litestream_bucket: { description: 'MinIO bucket that holds the litestream replica of the database', type: 'string', default: 'litestream' },
    litestream_endpoint: {
      description: 'S3 endpoint of MinIO for litestream',
      type: 'string',
      default: 'http://minio.default.svc.cluster.local:9000',
    },
  },
});
