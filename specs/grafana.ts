import { defineService, tpl, variable, type ServiceInput } from 'gen-modules';
import clusterOverview from './dashboards/cluster-overview';
import nodeExporter from './dashboards/node-exporter';
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
const probe = { initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };

export interface GrafanaOptions {
  /**
   * Where Grafana keeps its state. `sqlite-litestream` (the default): SQLite on an
   * emptyDir, restored from and replicated to MinIO by litestream, the
   * repository's established pattern. `postgres`: an external PostgreSQL through
   * `GF_DATABASE_*`, credentials from Vault.
   */
  database: 'sqlite-litestream' | 'postgres';
}

type Container = NonNullable<ServiceInput['containers']>[number];

/** What the database choice adds to the service. */
interface DatabaseSettings {
  env: NonNullable<Container['env']>;
  secretKeys: string[];
  initContainers: NonNullable<ServiceInput['initContainers']>;
  sidecars: Container[];
  configMaps: NonNullable<ServiceInput['configMaps']>;
  variables: NonNullable<ServiceInput['variables']>;
  podAnnotations: Record<string, string>;
}

/**
 * The plan keeps Grafana's SQLite database on glusterfs-nfs; the constitution
 * forbids SQLite on network storage, so either choice above keeps it off.
 */
function databaseSettings(options: GrafanaOptions): DatabaseSettings {
  if (options.database === 'postgres') {
    return {
      env: {
        GF_DATABASE_TYPE: 'postgres',
        GF_DATABASE_HOST: variable('database_host'),
        GF_DATABASE_NAME: variable('database_name'),
        GF_DATABASE_USER: { secret: 'GF_DATABASE_USER' },
        GF_DATABASE_PASSWORD: { secret: 'GF_DATABASE_PASSWORD' },
        GF_DATABASE_SSL_MODE: 'require',
      },
      secretKeys: ['GF_DATABASE_USER', 'GF_DATABASE_PASSWORD'],
      initContainers: [],
      sidecars: [],
      configMaps: {},
      variables: {
        database_host: {
          description: 'PostgreSQL host:port for Grafana',
          type: 'string',
          default: `postgres.${stack.namespace}.svc.cluster.local:5432`,
        },
        database_name: { description: 'PostgreSQL database of Grafana', type: 'string', default: 'grafana' },
      },
      podAnnotations: {},
    };
  }
  return {
    // WAL mode, which litestream replication requires.
    env: { GF_DATABASE_TYPE: 'sqlite3', GF_DATABASE_PATH: database, GF_DATABASE_WAL: 'true' },
    secretKeys: ['LITESTREAM_ACCESS_KEY_ID', 'LITESTREAM_SECRET_ACCESS_KEY'],
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
    sidecars: [
      {
        name: 'litestream',
        image: litestreamImage,
        args: ['replicate', '-config', '/etc/litestream/litestream.yml'],
        ports: [{ name: 'metrics', containerPort: 9091 }],
        env: litestreamCredentials,
        resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
        probes: {
          liveness: { http: { path: '/metrics', port: 'metrics' }, ...probe, periodSeconds: 30 },
          readiness: { http: { path: '/metrics', port: 'metrics' }, ...probe },
        },
        volumeMounts: litestreamMounts,
      },
    ],
    configMaps: {
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
    variables: {
      litestream_bucket: {
        description: 'MinIO bucket that holds the litestream replica of the database',
        type: 'string',
        default: 'litestream',
      },
      litestream_endpoint: {
        description: 'S3 endpoint of MinIO for litestream',
        type: 'string',
        default: stack.objectStore.endpoint,
      },
    },
    // Litestream's replication metrics; Grafana's own are scraped through its Service.
    podAnnotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '9091' },
  };
}

export function grafana(options: GrafanaOptions = { database: 'sqlite-litestream' }): ServiceInput {
  const db = databaseSettings(options);
  return defineService({
    name: 'grafana',
    description: 'Grafana: dashboards for Prometheus, Keycloak single sign-on with a local admin fallback.',
    workload: {
      kind: 'Deployment',
      replicas: 1,
      // One SQLite writer: the old pod's litestream must stop before the new one restores.
      strategy: 'Recreate',
    },
    initContainers: db.initContainers,
    containers: [
      {
        name: 'grafana',
        image: { name: 'grafana/grafana', tag: '11.4.0' },
        ports: [{ name: 'http', containerPort: 3000 }],
        env: {
          GF_SERVER_ROOT_URL: tpl`https://${variable('hostname')}`,
          ...db.env,
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
          liveness: { http: { path: '/api/health', port: 'http' }, ...probe, initialDelaySeconds: 30 },
          readiness: { http: { path: '/api/health', port: 'http' }, ...probe },
        },
        volumeMounts: [
          { volume: 'data', mountPath: '/var/lib/grafana' },
          { volume: 'plugins', mountPath: '/var/lib/grafana-plugins' },
          { volume: 'datasources', mountPath: '/etc/grafana/provisioning/datasources', readOnly: true },
          { volume: 'dashboard-providers', mountPath: '/etc/grafana/provisioning/dashboards', readOnly: true },
          { volume: 'dashboards', mountPath: '/etc/grafana/dashboards', readOnly: true },
        ],
      },
      ...db.sidecars,
    ],
    securityContext: { runAsUser: 472, runAsGroup: 472, fsGroup: 472 },
    volumes: [{ name: 'data', emptyDir: {} }],
    persistence: {
      // Plugins are files, not a database: they may stay on GlusterFS.
      plugins: { size: '1Gi' },
    },
    configMaps: {
      datasources: {
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
                  // Every service of the stack runs in the same namespace as this one.
                  url: tpl`http://prometheus.${variable('namespace')}.svc.cluster.local:9090`,
                  isDefault: true,
                  editable: false,
                },
              ],
            },
          },
        },
      },
      'dashboard-providers': {
        files: {
          'dashboards.yaml': {
            yaml: {
              apiVersion: 1,
              providers: [
                {
                  name: 'gen-modules',
                  folder: 'Kubernetes',
                  type: 'file',
                  disableDeletion: true,
                  allowUiUpdates: false,
                  options: { path: '/etc/grafana/dashboards' },
                },
              ],
            },
          },
        },
      },
      dashboards: {
        files: {
          'cluster-overview.json': { json: clusterOverview },
          'node-exporter.json': { json: nodeExporter },
        },
      },
      ...db.configMaps,
    },
    service: {
      ports: [{ name: 'http', port: 3000, targetPort: 'http' }],
      annotations: { 'prometheus.io/scrape': 'true', 'prometheus.io/port': '3000' },
    },
    ingress: { port: 'http' },
    secrets: {
      keys: ['GF_SECURITY_ADMIN_PASSWORD', 'OAUTH_CLIENT_SECRET', ...db.secretKeys],
    },
    podAnnotations: db.podAnnotations,
    variables: db.variables,
  });
}

export default grafana();
