import { dashboard, type DashboardSpec } from '../lib/dashboard';
import { m, match, promql } from '../lib/metrics';

const selected = match('node=~"$node"');
const realFilesystems = match('fstype!~"tmpfs|overlay|squashfs"');
const physicalDevices = match('device!~"lo|veth.*|lxc.*|cilium.*|flannel.*|cni.*"');

/** Node Exporter host view: CPU, memory, disk, network and filesystem fill per node. */
export const nodeExporter: DashboardSpec = {
  uid: 'node-exporter-hosts',
  title: 'Nodes / Host metrics',
  tags: ['node-exporter', 'gen-modules'],
  variables: [{ name: 'node', label: 'Node', query: promql`label_values(${m.node_uname_info}, node)` }],
  panels: [
    {
      title: 'Uptime',
      type: 'stat',
      width: 8,
      height: 4,
      unit: 's',
      queries: [{ query: promql`${m.node_time_seconds}{${selected}} - ${m.node_boot_time_seconds}{${selected}}`, legend: '{{node}}' }],
    },
    {
      title: 'Load (1m)',
      type: 'stat',
      width: 8,
      height: 4,
      queries: [{ query: promql`${m.node_load1}{${selected}}`, legend: '{{node}}' }],
    },
    {
      title: 'Filesystem fill (highest)',
      type: 'stat',
      width: 8,
      height: 4,
      unit: 'percentunit',
      max: 1,
      queries: [
        {
          query: promql`max by (node) (1 - ${m.node_filesystem_avail_bytes}{${selected},${realFilesystems}} / ${m.node_filesystem_size_bytes}{${selected},${realFilesystems}})`,
          legend: '{{node}}',
        },
      ],
    },
    {
      title: 'CPU used',
      type: 'timeseries',
      unit: 'percentunit',
      max: 1,
      queries: [{ query: promql`1 - avg by (node) (rate(${m.node_cpu_seconds_total}{mode="idle",${selected}}[5m]))`, legend: '{{node}}' }],
    },
    {
      title: 'Memory used',
      type: 'timeseries',
      unit: 'percentunit',
      max: 1,
      queries: [
        {
          query: promql`1 - ${m.node_memory_MemAvailable_bytes}{${selected}} / ${m.node_memory_MemTotal_bytes}{${selected}}`,
          legend: '{{node}}',
        },
      ],
    },
    {
      title: 'Load average',
      type: 'timeseries',
      queries: [
        { query: promql`${m.node_load1}{${selected}}`, legend: '{{node}} 1m' },
        { query: promql`${m.node_load5}{${selected}}`, legend: '{{node}} 5m' },
        { query: promql`${m.node_load15}{${selected}}`, legend: '{{node}} 15m' },
      ],
    },
    {
      title: 'Disk throughput',
      type: 'timeseries',
      unit: 'Bps',
      queries: [
        { query: promql`sum by (node) (rate(${m.node_disk_read_bytes_total}{${selected}}[5m]))`, legend: '{{node}} read' },
        { query: promql`sum by (node) (rate(${m.node_disk_written_bytes_total}{${selected}}[5m]))`, legend: '{{node}} written' },
      ],
    },
    {
      title: 'Network throughput',
      type: 'timeseries',
      unit: 'Bps',
      queries: [
        {
          query: promql`sum by (node) (rate(${m.node_network_receive_bytes_total}{${selected},${physicalDevices}}[5m]))`,
          legend: '{{node}} in',
        },
        {
          query: promql`sum by (node) (rate(${m.node_network_transmit_bytes_total}{${selected},${physicalDevices}}[5m]))`,
          legend: '{{node}} out',
        },
      ],
    },
    {
      title: 'Filesystem fill',
      type: 'bargauge',
      width: 24,
      unit: 'percentunit',
      max: 1,
      queries: [
        {
          query: promql`1 - ${m.node_filesystem_avail_bytes}{${selected},${realFilesystems}} / ${m.node_filesystem_size_bytes}{${selected},${realFilesystems}}`,
          legend: '{{node}} {{mountpoint}}',
        },
      ],
    },
  ],
};

export default dashboard(nodeExporter);
