/**
 * Every default of the spec API, in one place. The zod schemas apply them; the
 * view-models never invent a default of their own.
 */
export const defaults = {
  stack: {
    namespace: 'default',
    environment: 'prod',
    labelStyle: 'app' as const,
    ingress: { entryPoint: 'websecure' },
    auth: { basic: { user: 'admin', passwordProperty: 'BASIC_AUTH_PASSWORD' } },
    objectStore: { endpoint: 'http://minio-api.default.svc.cluster.local:9000' },
    secretStore: { name: 'vault-backend', kind: 'ClusterSecretStore' as const, pathPrefix: 'nomad/default', refreshInterval: '1h' },
    providers: {
      // The provider schema the templates and the schema rules are checked against (schema/kubernetes-provider.json).
      kubernetes: { source: 'hashicorp/kubernetes', version: '~> 2.38' },
      kubectl: { source: 'alekc/kubectl', version: '~> 2.1' },
    },
  },
  service: {
    workload: { kind: 'Deployment' as const, replicas: 1 },
    job: { restartPolicy: 'OnFailure' as const, concurrencyPolicy: 'Forbid' as const },
    serviceType: 'ClusterIP' as const,
    labels: { defaults: true, extra: {} },
    scheduling: { preferHosts: [], preferArch: [], nodeSelector: {}, tolerations: [], hostNetwork: false, hostPID: false },
    vpa: { updateMode: 'Off' as const },
    /** The hostname variable of a module's first route. */
    hostVariable: 'hostname',
    /** Kubernetes' default: `Always` for a `latest` tag, else `IfNotPresent`. */
    imagePullPolicy: (tag: string): 'Always' | 'IfNotPresent' => (tag === 'latest' ? 'Always' : 'IfNotPresent'),
    /** Kubernetes' own defaults for a probe's timings. */
    probe: { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
    persistence: { accessModes: ['ReadWriteMany'] as const },
    servicePort: { protocol: 'TCP' as const },
    ingress: { tls: true, kind: 'IngressRoute' as const },
  },
};
