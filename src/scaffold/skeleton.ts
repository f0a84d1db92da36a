/**
 * The spec `gen-modules new` writes: a small web service that generates and
 * lints clean as it is (Deployment with probes and resources, Service,
 * IngressRoute), so the first `gen-modules diff` already shows a real module.
 * The image is traefik/whoami, a tiny multi-arch HTTP server, as a stand-in.
 */
export function skeleton(name: string): string {
  return `import { defineService } from 'gen-modules';

export default defineService({
  name: '${name}',
  // The comment above the module block in kubernetes.tf: what this service is.
  description: '${title(name)}: TODO say what it does.',
  workload: { kind: 'Deployment', replicas: 1 },
  containers: [
    {
      name: '${name}',
      // TODO the real image; Renovate bumps the tag through the module's image_tag variable.
      image: { name: 'traefik/whoami', tag: 'v1.10.3' },
      args: ['--port', '8080'],
      ports: [{ name: 'http', containerPort: 8080 }],
      resources: {
        requests: { cpu: '10m', memory: '32Mi' },
        limits: { cpu: '100m', memory: '64Mi' },
      },
      probes: {
        liveness: { http: { path: '/health', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 3 },
        readiness: { http: { path: '/health', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
      },
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    },
  ],
  securityContext: { runAsUser: 65534, runAsGroup: 65534, runAsNonRoot: true },
  service: {
    ports: [{ name: 'http', port: 80, targetPort: 'http' }],
  },
  // https://${name}.<stack domain>; set auth: true for an admin UI without a login of its own.
  ingress: { port: 'http' },
});
`;
}

/** \`uptime-kuma\` → \`Uptime Kuma\`, a starting point for the description. */
function title(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}
