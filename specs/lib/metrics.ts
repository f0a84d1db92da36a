/**
 * The metrics the stack's queries may use, by the exporter that publishes them.
 * Dashboards and alert rules name metrics only through `m`, so a typo is a type
 * error, and a test checks that no other metric name hides in a query's text.
 */
export const exporters = {
  'node-exporter': [
    'node_boot_time_seconds',
    'node_cpu_seconds_total',
    'node_disk_read_bytes_total',
    'node_disk_written_bytes_total',
    'node_filesystem_avail_bytes',
    'node_filesystem_readonly',
    'node_filesystem_size_bytes',
    'node_load1',
    'node_load5',
    'node_load15',
    'node_memory_MemAvailable_bytes',
    'node_memory_MemTotal_bytes',
    'node_network_receive_bytes_total',
    'node_network_transmit_bytes_total',
    'node_time_seconds',
    'node_uname_info',
  ],
  'kube-state-metrics': [
    'kube_deployment_spec_replicas',
    'kube_deployment_status_replicas_available',
    'kube_node_info',
    'kube_node_status_condition',
    'kube_pod_container_status_restarts_total',
    'kube_pod_container_status_waiting_reason',
    'kube_pod_info',
    'kube_pod_status_phase',
  ],
  cadvisor: ['container_cpu_usage_seconds_total', 'container_memory_working_set_bytes'],
  kubelet: ['kubelet_volume_stats_available_bytes', 'kubelet_volume_stats_capacity_bytes'],
  prometheus: ['prometheus_tsdb_compactions_failed_total', 'up'],
} as const;

export type Exporter = keyof typeof exporters;
export type Metric = (typeof exporters)[Exporter][number];

/** Metric names as typed values: `m.node_load1`. */
export const m = Object.fromEntries(Object.values(exporters).flatMap((names) => names.map((name) => [name, name]))) as {
  readonly [K in Metric]: K;
};

/** A PromQL expression, with the metrics it names. */
export interface Query {
  expr: string;
  metrics: Metric[];
}

/** Label matchers shared by several queries: match('node=~"$node"'). */
export interface Matcher {
  readonly matcher: string;
}
export const match = (matcher: string): Matcher => ({ matcher });

/** promql`sum(rate(${m.node_cpu_seconds_total}{mode!="idle"}[5m]))`: metrics come in only through `m`. */
export function promql(strings: TemplateStringsArray, ...parts: Array<Metric | Matcher>): Query {
  const text = (part: Metric | Matcher | undefined): string => (part === undefined ? '' : typeof part === 'string' ? part : part.matcher);
  return {
    expr: strings.reduce((out, literal, i) => out + literal + text(parts[i]), ''),
    metrics: parts.filter((part): part is Metric => typeof part === 'string'),
  };
}
