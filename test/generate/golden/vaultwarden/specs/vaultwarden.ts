import { defineService } from 'gen-modules';

/**
 * Vaultwarden with its database in PostgreSQL elsewhere: the whole
 * configuration comes from Vault through env_from, the admin page is sent to
 * the SSO-protected host by a redirectRegex Middleware, and the pods run only
 * on the two arm64 hosts (required affinity over host names).
 */
export default defineService({
  name: 'vaultwarden',
  description: 'Vaultwarden: a Bitwarden-compatible password manager server.',
  workload: { kind: 'Deployment', replicas: 1, strategy: 'Recreate' },
  containers: [
    {
      name: 'vaultwarden',
      image: { name: 'vaultwarden/server', tag: '1.33.0' },
      env: { ROCKET_PORT: '8080', SIGNUPS_ALLOWED: 'false', DOMAIN: 'https://vault.home.example.net' },
      envFrom: [{ secret: true }],
      ports: [{ name: 'http', containerPort: 8080 }],
      resources: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      probes: {
        liveness: { http: { path: '/alive', port: 'http' } },
        readiness: { http: { path: '/alive', port: 'http' } },
      },
      volumeMounts: [{ volume: 'attachments', mountPath: '/data/attachments' }],
    },
  ],
  persistence: { attachments: { size: '2Gi' } },
  secrets: { keys: ['DATABASE_URL', 'ADMIN_TOKEN', 'SMTP_PASSWORD'] },
  service: { ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  ingress: { port: 'http', host: 'vault.home.example.net', middlewares: [{ object: 'admin-redirect' }] },
  scheduling: { requireHosts: ['heracles', 'nyx'] },
  objects: [
    {
      kind: 'Middleware',
      name: 'admin-redirect',
      redirectRegex: {
        regex: '^https://vault\\.home\\.example\\.net/admin(.*)',
        replacement: 'https://vault-admin.home.example.net/admin$1',
        permanent: false,
      },
    },
    { kind: 'VerticalPodAutoscaler', updateMode: 'Off', maxAllowed: { memory: '512Mi' } },
  ],
});
