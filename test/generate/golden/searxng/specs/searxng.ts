import { defineService, tpl, variable } from 'gen-modules';

/**
 * SearXNG with Valkey for its rate limiter: two components, each with its own
 * Service, told apart by a `component` label. The settings file is mounted
 * from the `config` ConfigMap under the volume name `settings`.
 */
export default defineService({
  name: 'searxng',
  description: 'SearXNG: a privacy-respecting metasearch engine, with Valkey for its rate limiter.',
  configMaps: {
    config: {
      files: {
        'settings.yml': {
          yaml: {
            use_default_settings: true,
            server: { base_url: tpl`https://${variable('hostname')}/`, limiter: true, image_proxy: true },
            valkey: { url: tpl`valkey://searxng-valkey.${variable('namespace')}.svc:6379/0` },
            search: { safe_search: variable('safe_search') },
          },
        },
      },
    },
  },
  secrets: { keys: ['SEARXNG_SECRET'] },
  variables: {
    safe_search: { description: 'Safe search level: 0 off, 1 moderate, 2 strict', type: 'number', default: 1 },
  },
  components: [
    {
      name: 'searxng',
      dependsOn: ['valkey'],
      containers: [
        {
          name: 'searxng',
          image: { name: 'searxng/searxng', tag: '2025.1.20-2e2b3e9' },
          env: { SEARXNG_SECRET: { secret: 'SEARXNG_SECRET' }, SEARXNG_SETTINGS_PATH: '/etc/searxng/settings.yml' },
          ports: [{ name: 'http', containerPort: 8080 }],
          resources: { requests: { cpu: '50m', memory: '192Mi' }, limits: { cpu: '1000m', memory: '512Mi' } },
          probes: {
            liveness: { http: { path: '/healthz', port: 'http' } },
            readiness: { http: { path: '/healthz', port: 'http' } },
          },
          volumeMounts: [{ volume: 'settings', mountPath: '/etc/searxng/settings.yml', subPath: 'settings.yml', readOnly: true }],
        },
      ],
      volumes: [{ name: 'settings', configMap: { key: 'config' } }],
      service: { ports: [{ name: 'http', port: 8080, targetPort: 'http' }] },
      ingress: { port: 'http', middlewares: [{ object: 'security-headers' }] },
      scheduling: { requireArch: ['amd64', 'arm64'] },
    },
    {
      name: 'valkey',
      containers: [
        {
          name: 'valkey',
          image: { name: 'valkey/valkey', tag: '8.0.2-alpine' },
          args: ['--save', '', '--appendonly', 'no'],
          ports: [{ name: 'valkey', containerPort: 6379 }],
          resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '250m', memory: '128Mi' } },
          probes: {
            liveness: { tcp: { port: 'valkey' } },
            readiness: { exec: { command: ['valkey-cli', 'ping'] } },
          },
        },
      ],
      service: { ports: [{ name: 'valkey', port: 6379, targetPort: 'valkey' }] },
    },
  ],
  objects: [
    {
      kind: 'Middleware',
      name: 'security-headers',
      headers: { stsSeconds: 31536000, customResponseHeaders: { 'X-Robots-Tag': 'noindex, nofollow' } },
    },
    { kind: 'NetworkPolicy', component: 'valkey', from: [{ component: 'searxng' }], ports: [{ port: 6379 }] },
  ],
});
