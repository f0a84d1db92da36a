import { defineService } from 'gen-modules';

/**
 * An HTTP echo server reachable three ways: a fixed NodePort for LAN clients
 * that bypass the ingress, and two hostnames, each with its own variable.
 * Only the labels it selects on: no defaults.
 */
export default defineService({
  name: 'echo',
  description: 'Echo server: returns each request as JSON, for debugging clients and proxies.',
  labels: { defaults: false, extra: { tier: 'debug' } },
  containers: [
    {
      name: 'echo',
      image: { registry: 'docker.io', name: 'mendhak/http-https-echo', tag: '35', tagVariable: 'echo_version' },
      env: { HTTP_PORT: '8080', LOG_IGNORE_PATH: '/healthz' },
      ports: [{ name: 'http', containerPort: 8080 }],
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
      probes: {
        liveness: { http: { path: '/healthz', port: 'http' } },
        readiness: { http: { path: '/healthz', port: 'http' } },
      },
    },
  ],
  service: { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] },
  ingresses: [{ port: 'http' }, { port: 'http', host: 'echo-debug.home.example.net', hostVariable: 'debug_hostname', auth: true }],
  scheduling: { requireArch: ['amd64', 'arm64'] },
});
