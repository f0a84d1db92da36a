import { defineService, tpl, variable } from 'gen-modules';
import { rulesFile } from './alerts/rules';

const serviceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

/** The node a target runs on, as the `node` label every dashboard and alert groups by. */
const nodeLabel = (source: string) => ({ source_labels: [source], action: 'replace', target_label: 'node' });

/** Scraping the kubelet (and its cAdvisor) on every node over HTTPS with the pod's token. */
const kubeletJob = (jobName: string, metricsPath: string) => ({
  job_name: jobName,
  scheme: 'https',
  metrics_path: metricsPath,
  kubernetes_sd_configs: [{ role: 'node' }],
  // K3s kubelets serve certificates signed per node, not by the cluster CA.
  tls_config: { ca_file: `${serviceAccountDir}/ca.crt`, insecure_skip_verify: true },
  authorization: { credentials_file: `${serviceAccountDir}/token` },
  relabel_configs: [{ action: 'labelmap', regex: '__meta_kubernetes_node_label_(.+)' }, nodeLabel('__meta_kubernetes_node_name')],
});

/** `prometheus.io/scrape`, `/path` and `/port` annotations on pods or services. */
const annotationRelabels = (object: 'pod' | 'service') => [
  { source_labels: [`__meta_kubernetes_${object}_annotation_prometheus_io_scrape`], action: 'keep', regex: 'true' },
  {
    source_labels: [`__meta_kubernetes_${object}_annotation_prometheus_io_scheme`],
    action: 'replace',
    target_label: '__scheme__',
    regex: '(https?)',
  },
  {
    source_labels: [`__meta_kubernetes_${object}_annotation_prometheus_io_path`],
    action: 'replace',
    target_label: '__metrics_path__',
    regex: '(.+)',
  },
  {
    source_labels: ['__address__', `__meta_kubernetes_${object}_annotation_prometheus_io_port`],
    action: 'replace',
    target_label: '__address__',
    regex: '([^:]+)(?::\\d+)?;(\\d+)',
    replacement: '${1}:${2}',
  },
  { action: 'labelmap', regex: `__meta_kubernetes_${object}_label_(.+)` },
  { source_labels: ['__meta_kubernetes_namespace'], action: 'replace', target_label: 'namespace' },
  { source_labels: [`__meta_kubernetes_${object}_name`], action: 'replace', target_label: object },
];

/**
 * Pods annotated `prometheus.io/job: <name>` get a job of their own (node-exporter,
 * kube-state-metrics) and are left out of the generic pods job, so nothing is
 * scraped twice.
 */
const dedicatedJob = (job: string, extra: Record<string, unknown> = {}) => ({
  job_name: job,
  ...extra,
  kubernetes_sd_configs: [{ role: 'pod' }],
  relabel_configs: [
    { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_job'], action: 'keep', regex: job },
    ...annotationRelabels('pod').slice(1),
    nodeLabel('__meta_kubernetes_pod_node_name'),
  ],
});
const withoutDedicatedJob = { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_job'], action: 'drop', regex: '.+' };

export default defineService({
  name: 'prometheus',
  description: 'Prometheus: metrics collection and storage (15s scrape interval, 30-day retention).',
  workload: {
    kind: 'Deployment',
    replicas: 1,
    // One TSDB on a ReadWriteOnce volume: the old pod must release its lock first.
    strategy: 'Recreate',
  },
  containers: [
    {
      name: 'prometheus',
      image: { name: 'prom/prometheus', tag: 'v2.54.1' },
      args: [
        '--config.file=/etc/prometheus/config/prometheus.yml',
        '--storage.tsdb.path=/prometheus',
        tpl`--storage.tsdb.retention.time=${variable('retention_time')}`,
        tpl`--storage.tsdb.retention.size=${variable('retention_size')}`,
        // No --web.enable-lifecycle: /-/reload and /-/quit would be reachable through the
        // ingress. A changed configuration rolls the pod (a checksum annotation) instead.
      ],
      ports: [{ name: 'http', containerPort: 9090 }],
      resources: {
        requests: { cpu: '500m', memory: '1Gi' },
        limits: { cpu: '2000m', memory: '2Gi' },
      },
      probes: {
        liveness: {
          http: { path: '/-/healthy', port: 'http' },
          initialDelaySeconds: 30,
          periodSeconds: 15,
          timeoutSeconds: 5,
          failureThreshold: 3,
        },
        readiness: {
          http: { path: '/-/ready', port: 'http' },
          initialDelaySeconds: 10,
          periodSeconds: 10,
          timeoutSeconds: 5,
          failureThreshold: 3,
        },
      },
      volumeMounts: [
        // Side by side, not nested: a mount point cannot be created inside a read-only ConfigMap volume.
        { volume: 'config', mountPath: '/etc/prometheus/config', readOnly: true },
        { volume: 'rules', mountPath: '/etc/prometheus/rules', readOnly: true },
        { volume: 'data', mountPath: '/prometheus' },
      ],
    },
  ],
  // The image runs as nobody; fsGroup makes the volume writable for it.
  securityContext: { runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534, runAsNonRoot: true },
  persistence: {
    data: {
      storageClass: 'local-path',
      size: '10Gi',
      accessModes: ['ReadWriteOnce'],
      reason:
        'The plan puts the TSDB on glusterfs-nfs, but Prometheus does not support NFS for its TSDB (its docs warn of corruption). It lives on local-path instead, next to the preferred node Hestia; its data is metrics, re-scraped after a loss.',
    },
  },
  configMaps: {
    config: {
      files: {
        'prometheus.yml': {
          yaml: {
            global: { scrape_interval: '15s', evaluation_interval: '15s', scrape_timeout: '10s' },
            alerting: {
              // Every service of the stack runs in the same namespace as this one.
              alertmanagers: [{ static_configs: [{ targets: [tpl`alertmanager.${variable('namespace')}.svc.cluster.local:9093`] }] }],
            },
            rule_files: ['/etc/prometheus/rules/*.yml'],
            scrape_configs: [
              { job_name: 'prometheus', static_configs: [{ targets: ['localhost:9090'] }] },
              {
                job_name: 'kubernetes-apiservers',
                scheme: 'https',
                kubernetes_sd_configs: [{ role: 'endpoints' }],
                tls_config: { ca_file: `${serviceAccountDir}/ca.crt` },
                authorization: { credentials_file: `${serviceAccountDir}/token` },
                relabel_configs: [
                  {
                    source_labels: [
                      '__meta_kubernetes_namespace',
                      '__meta_kubernetes_service_name',
                      '__meta_kubernetes_endpoint_port_name',
                    ],
                    action: 'keep',
                    // The API server's own Service, which Kubernetes always puts in `default`.
                    regex: 'default;kubernetes;https',
                  },
                ],
              },
              kubeletJob('kubernetes-nodes', '/metrics'),
              kubeletJob('kubernetes-cadvisor', '/metrics/cadvisor'),
              // The plan's "kubernetes-services" job uses role: service, which scrapes through the
              // Service's virtual IP (a random pod each time). Endpoints reach every pod behind it.
              {
                job_name: 'kubernetes-service-endpoints',
                kubernetes_sd_configs: [{ role: 'endpoints' }],
                relabel_configs: annotationRelabels('service'),
              },
              {
                job_name: 'kubernetes-pods',
                kubernetes_sd_configs: [{ role: 'pod' }],
                relabel_configs: [withoutDedicatedJob, ...annotationRelabels('pod'), nodeLabel('__meta_kubernetes_pod_node_name')],
              },
              dedicatedJob('node-exporter'),
              // Its metrics describe other objects: keep their namespace and pod labels.
              dedicatedJob('kube-state-metrics', { honor_labels: true }),
            ],
          },
        },
      },
    },
    rules: {
      files: { 'alerts.yml': { yaml: rulesFile } },
    },
  },
  service: {
    ports: [{ name: 'http', port: 9090, targetPort: 'http' }],
  },
  ingress: { port: 'http', auth: true },
  rbac: {
    // Read-only discovery of scrape targets, and the kubelet's metrics endpoints.
    clusterRules: [
      { apiGroups: [''], resources: ['nodes', 'nodes/metrics', 'services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['networking.k8s.io'], resources: ['ingresses'], verbs: ['get', 'list', 'watch'] },
      { nonResourceURLs: ['/metrics', '/metrics/cadvisor'], verbs: ['get'] },
    ],
  },
  scheduling: { preferHosts: ['hestia'] },
  variables: {
    retention_time: { description: 'How long Prometheus keeps samples', type: 'string', default: '30d' },
    retention_size: {
      description: 'Largest size of the TSDB before the oldest blocks go (keeps the 10Gi volume from filling)',
      type: 'string',
      default: '9GB',
    },
  },
});
