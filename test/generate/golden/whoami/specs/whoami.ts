import { defineService, tpl, variable } from 'gen-modules';

/**
 * whoami behind a standard Ingress (not an IngressRoute), labelled the
 * `app.kubernetes.io/*` way with a proof-of-concept environment label, its
 * health check sent with a Host header, and its in-cluster URL as an output.
 */
export default defineService({
  name: 'whoami',
  description: 'whoami: a tiny HTTP server that echoes the request, for testing the ingress path.',
  labels: { style: 'kubernetes', extra: { environment: 'poc' } },
  workload: { kind: 'Deployment', replicas: variable('replicas') },
  containers: [
    {
      name: 'whoami',
      image: { name: 'traefik/whoami', tag: 'v1.10.3' },
      args: ['--port', '8080'],
      ports: [{ name: 'http', containerPort: 8080 }],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
      probes: {
        liveness: { http: { path: '/health', port: 'http', headers: { Host: 'whoami.home.example.net' } } },
        readiness: { http: { path: '/health', port: 'http', headers: { Host: 'whoami.home.example.net' } } },
      },
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    },
  ],
  securityContext: { runAsUser: 65534, runAsGroup: 65534, runAsNonRoot: true },
  service: { ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  ingress: { kind: 'Ingress', port: 'http' },
  scheduling: { preferArch: [{ arch: 'arm64', weight: 50 }] },
  variables: {
    replicas: { description: 'Number of whoami pods', type: 'number', default: 2 },
  },
  objects: [{ kind: 'PodDisruptionBudget', minAvailable: 1 }],
  outputs: {
    service_url: {
      description: 'In-cluster URL of whoami',
      value: tpl`http://whoami.${variable('namespace')}.svc.cluster.local`,
    },
  },
});
