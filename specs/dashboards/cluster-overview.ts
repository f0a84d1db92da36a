import { dashboard, type DashboardSpec } from '../lib/dashboard';
import { m, promql } from '../lib/metrics';

/** Kubernetes cluster overview: nodes, pods by phase, CPU and memory by namespace and node, restarts. */
export const clusterOverview: DashboardSpec = {
  uid: 'k8s-cluster-overview',
  title: 'Kubernetes / Cluster overview',
  tags: ['kubernetes', 'gen-modules'],
  panels: [
    { title: 'Nodes', type: 'stat', width: 6, height: 4, queries: [{ query: promql`count(${m.kube_node_info})` }] },
    {
      title: 'Nodes not ready',
      type: 'stat',
      width: 6,
      height: 4,
      queries: [{ query: promql`sum(${m.kube_node_status_condition}{condition="Ready",status!="true"})` }],
    },
    {
      title: 'Pods running',
      type: 'stat',
      width: 6,
      height: 4,
      queries: [{ query: promql`sum(${m.kube_pod_status_phase}{phase="Running"})` }],
    },
    {
      title: 'Container restarts (1h)',
      type: 'stat',
      width: 6,
      height: 4,
      queries: [{ query: promql`sum(increase(${m.kube_pod_container_status_restarts_total}[1h]))` }],
    },
    {
      title: 'Pods by phase',
      type: 'timeseries',
      stacked: true,
      queries: [{ query: promql`sum by (phase) (${m.kube_pod_status_phase})`, legend: '{{phase}}' }],
    },
    {
      title: 'Pods per node',
      type: 'timeseries',
      queries: [{ query: promql`count by (node) (${m.kube_pod_info})`, legend: '{{node}}' }],
    },
    {
      title: 'CPU by namespace',
      type: 'timeseries',
      unit: 'short',
      stacked: true,
      description: 'CPU cores used by the containers of each namespace (cAdvisor).',
      queries: [
        { query: promql`sum by (namespace) (rate(${m.container_cpu_usage_seconds_total}{container!=""}[5m]))`, legend: '{{namespace}}' },
      ],
    },
    {
      title: 'Memory by namespace',
      type: 'timeseries',
      unit: 'bytes',
      stacked: true,
      description: 'Working set of the containers of each namespace (cAdvisor).',
      queries: [{ query: promql`sum by (namespace) (${m.container_memory_working_set_bytes}{container!=""})`, legend: '{{namespace}}' }],
    },
    {
      title: 'CPU by node',
      type: 'timeseries',
      unit: 'percentunit',
      max: 1,
      queries: [{ query: promql`1 - avg by (node) (rate(${m.node_cpu_seconds_total}{mode="idle"}[5m]))`, legend: '{{node}}' }],
    },
    {
      title: 'Memory by node',
      type: 'timeseries',
      unit: 'percentunit',
      max: 1,
      queries: [
        {
          query: promql`1 - sum by (node) (${m.node_memory_MemAvailable_bytes}) / sum by (node) (${m.node_memory_MemTotal_bytes})`,
          legend: '{{node}}',
        },
      ],
    },
    {
      title: 'Container restarts by pod (1h)',
      type: 'bargauge',
      width: 24,
      queries: [
        {
          query: promql`topk(10, sum by (namespace, pod) (increase(${m.kube_pod_container_status_restarts_total}[1h])) > 0)`,
          legend: '{{namespace}}/{{pod}}',
        },
      ],
    },
    {
      title: 'Deployments without all replicas',
      type: 'table',
      width: 24,
      queries: [
        {
          query: promql`${m.kube_deployment_spec_replicas} - ${m.kube_deployment_status_replicas_available} > 0`,
          legend: '{{namespace}}/{{deployment}}',
        },
      ],
    },
  ],
};

export default dashboard(clusterOverview);
