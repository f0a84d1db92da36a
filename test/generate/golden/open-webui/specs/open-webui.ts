import { defineService, tpl, variable } from 'gen-modules';

/**
 * Open WebUI with its own Valkey (websocket fan-out) and PostgreSQL: three
 * components in one module, each selected by its `component` label, started
 * in order, and only the web component reachable from outside the module.
 */
export default defineService({
  name: 'open-webui',
  description: 'Open WebUI: a chat front end for local language models, with Valkey and PostgreSQL.',
  secrets: { keys: ['POSTGRES_PASSWORD', 'WEBUI_SECRET_KEY', 'DATABASE_URL'] },
  persistence: {
    data: { size: '5Gi' },
    postgres: {
      size: '10Gi',
      storageClass: 'local-path',
      reason: 'PostgreSQL needs local POSIX storage (locks, fsync); backed up with pg_dump to MinIO',
    },
  },
  variables: {
    ollama_url: { description: 'Base URL of the Ollama API', type: 'string', default: 'http://ollama.default.svc:11434' },
  },
  components: [
    {
      name: 'open-webui',
      dependsOn: ['postgres', 'valkey'],
      containers: [
        {
          name: 'open-webui',
          image: { registry: 'ghcr.io', name: 'open-webui/open-webui', tag: 'v0.5.7' },
          env: {
            OLLAMA_BASE_URL: variable('ollama_url'),
            DATABASE_URL: { secret: 'DATABASE_URL' },
            WEBUI_SECRET_KEY: { secret: 'WEBUI_SECRET_KEY' },
            ENABLE_WEBSOCKET_SUPPORT: 'true',
            WEBSOCKET_MANAGER: 'redis',
            WEBSOCKET_REDIS_URL: tpl`redis://open-webui-valkey.${variable('namespace')}.svc:6379/0`,
          },
          ports: [{ name: 'http', containerPort: 8080 }],
          resources: { requests: { cpu: '100m', memory: '512Mi' }, limits: { cpu: '2000m', memory: '2Gi' } },
          probes: {
            liveness: { http: { path: '/health', port: 'http' }, initialDelaySeconds: 30 },
            readiness: { http: { path: '/health', port: 'http' } },
          },
          volumeMounts: [{ volume: 'data', mountPath: '/app/backend/data' }],
        },
      ],
      service: { ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
      ingress: { port: 'http' },
    },
    {
      name: 'valkey',
      containers: [
        {
          name: 'valkey',
          image: { name: 'valkey/valkey', tag: '8.0.2-alpine' },
          ports: [{ name: 'valkey', containerPort: 6379 }],
          resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
          probes: { liveness: { tcp: { port: 'valkey' } }, readiness: { exec: { command: ['valkey-cli', 'ping'] } } },
        },
      ],
      service: { ports: [{ name: 'valkey', port: 6379, targetPort: 'valkey' }] },
    },
    {
      name: 'postgres',
      workload: { kind: 'StatefulSet', replicas: 1 },
      containers: [
        {
          name: 'postgres',
          image: { name: 'postgres', tag: '17.2-alpine' },
          env: {
            POSTGRES_DB: 'openwebui',
            POSTGRES_USER: 'openwebui',
            POSTGRES_PASSWORD: { secret: 'POSTGRES_PASSWORD' },
            PGDATA: '/var/lib/postgresql/data/pgdata',
          },
          ports: [{ name: 'postgres', containerPort: 5432 }],
          resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '1000m', memory: '512Mi' } },
          probes: {
            liveness: { exec: { command: ['pg_isready', '-U', 'openwebui'] } },
            readiness: { exec: { command: ['pg_isready', '-U', 'openwebui'] } },
          },
          volumeMounts: [{ volume: 'postgres', mountPath: '/var/lib/postgresql/data' }],
        },
      ],
      service: { ports: [{ name: 'postgres', port: 5432, targetPort: 'postgres' }] },
      scheduling: { preferHosts: ['hestia'] },
    },
  ],
  objects: [
    { kind: 'CiliumNetworkPolicy', component: 'postgres', fromComponents: ['open-webui'], ports: [{ port: 5432 }] },
    { kind: 'CiliumNetworkPolicy', component: 'valkey', fromComponents: ['open-webui'], ports: [{ port: 6379 }] },
  ],
  outputs: {
    postgres_host: { description: 'PostgreSQL Service of Open WebUI', value: { serviceOf: 'postgres' } },
  },
});
