import { ruleGroup, type AlertRule } from '../lib/alerts';
import { m, match, promql } from '../lib/metrics';

const realFilesystems = match('fstype!~"tmpfs|overlay|squashfs"');

/** Alerting rules of the stack, evaluated by Prometheus and routed by Alertmanager. */
export const alertRules: AlertRule[] = [
  {
    alert: 'TargetDown',
    query: promql`${m.up} == 0`,
    for: '5m',
    severity: 'warning',
    summary: 'Target {{ $labels.job }}/{{ $labels.instance }} is down',
    description: 'Prometheus has not scraped {{ $labels.instance }} of job {{ $labels.job }} for 5 minutes.',
  },
  {
    alert: 'NodeDown',
    query: promql`${m.up}{job="node-exporter"} == 0`,
    for: '2m',
    severity: 'critical',
    summary: 'Node {{ $labels.node }} is down',
    description: 'The node exporter on {{ $labels.node }} has not answered for 2 minutes: the node is probably down.',
  },
  {
    alert: 'NodeFilesystemAlmostFull',
    query: promql`${m.node_filesystem_avail_bytes}{${realFilesystems}} / ${m.node_filesystem_size_bytes}{${realFilesystems}} < 0.10 and ${m.node_filesystem_readonly}{${realFilesystems}} == 0`,
    for: '15m',
    severity: 'warning',
    summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.node }} is almost full',
    description: 'Less than 10% of {{ $labels.mountpoint }} on {{ $labels.node }} is free.',
  },
  {
    alert: 'NodeMemoryPressure',
    query: promql`${m.node_memory_MemAvailable_bytes} / ${m.node_memory_MemTotal_bytes} < 0.10 or on (node) ${m.kube_node_status_condition}{condition="MemoryPressure",status="true"} == 1`,
    for: '10m',
    severity: 'warning',
    summary: 'Node {{ $labels.node }} is short of memory',
    description: 'Less than 10% of the memory of {{ $labels.node }} is available, or the kubelet reports MemoryPressure.',
  },
  {
    alert: 'PodCrashLooping',
    query: promql`max by (namespace, pod, container) (${m.kube_pod_container_status_waiting_reason}{reason="CrashLoopBackOff"}) == 1`,
    for: '5m',
    severity: 'warning',
    summary: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping',
    description: 'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} keeps restarting (CrashLoopBackOff).',
  },
  {
    alert: 'PersistentVolumeClaimAlmostFull',
    query: promql`${m.kubelet_volume_stats_available_bytes} / ${m.kubelet_volume_stats_capacity_bytes} < 0.10`,
    for: '15m',
    severity: 'warning',
    summary: 'Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is almost full',
    description: 'Less than 10% of the claim {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is free.',
  },
  {
    alert: 'PrometheusTSDBCompactionsFailing',
    query: promql`increase(${m.prometheus_tsdb_compactions_failed_total}[3h]) > 0`,
    for: '15m',
    severity: 'warning',
    summary: 'Prometheus cannot compact its TSDB',
    description: 'Prometheus failed {{ $value }} TSDB compactions in the last 3 hours: its storage may be damaged or full.',
  },
];

export const rulesFile = { groups: [ruleGroup('homelab', alertRules)] };
