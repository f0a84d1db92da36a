import { defineService } from 'gen-modules';

/**
 * The object kinds exported, and so the only ones listed and watched. Secrets and
 * ConfigMaps are left out on purpose: listing them reads their contents.
 */
const exported = {
  '': ['namespaces', 'nodes', 'persistentvolumeclaims', 'persistentvolumes', 'pods', 'services'],
  apps: ['daemonsets', 'deployments', 'replicasets', 'statefulsets'],
  batch: ['cronjobs', 'jobs'],
  autoscaling: ['horizontalpodautoscalers'],
} as const;

export default defineService({
  name: 'kube-state-metrics',
  description: 'kube-state-metrics: metrics about Kubernetes objects (pods, nodes, deployments, jobs...).',
  workload: { kind: 'Deployment', replicas: 1 },
  containers: [
    {
      name: 'kube-state-metrics',
      image: { registry: 'registry.k8s.io', name: 'kube-state-metrics/kube-state-metrics', tag: 'v2.13.0' },
      args: ['--port=8080', '--telemetry-port=8081', `--resources=${Object.values(exported).flat().sort().join(',')}`],
      ports: [
        { name: 'http-metrics', containerPort: 8080 },
        { name: 'telemetry', containerPort: 8081 },
      ],
      resources: {
        requests: { cpu: '50m', memory: '64Mi' },
        limits: { cpu: '250m', memory: '256Mi' },
      },
      probes: {
        liveness: {
          http: { path: '/livez', port: 'http-metrics' },
          initialDelaySeconds: 5,
          periodSeconds: 15,
          timeoutSeconds: 5,
          failureThreshold: 3,
        },
        readiness: {
          http: { path: '/readyz', port: 'telemetry' },
          initialDelaySeconds: 5,
          periodSeconds: 10,
          timeoutSeconds: 5,
          failureThreshold: 3,
        },
      },
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    },
  ],
  securityContext: { runAsUser: 65534, runAsGroup: 65534, runAsNonRoot: true },
  service: {
    ports: [
      { name: 'http-metrics', port: 8080, targetPort: 'http-metrics' },
      { name: 'telemetry', port: 8081, targetPort: 'telemetry' },
    ],
  },
  rbac: {
    clusterRules: Object.entries(exported).map(([group, resources]) => ({
      apiGroups: [group],
      resources: [...resources],
      verbs: ['list', 'watch'],
    })),
  },
  podAnnotations: {
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': '8080',
    'prometheus.io/job': 'kube-state-metrics',
  },
});
