import { clusterOverview } from '../../specs/dashboards/cluster-overview';
import { nodeExporter } from '../../specs/dashboards/node-exporter';
import { alertRules } from '../../specs/alerts/rules';
import { queriesOf, type DashboardSpec } from '../../specs/lib/dashboard';
import { exporters, type Query } from '../../specs/lib/metrics';

/**
 * Every query of the dashboards and alert rules names only metrics that
 * node-exporter, kube-state-metrics, cAdvisor, the kubelet or Prometheus export:
 * the metrics it interpolates are in the catalogue, and its literal text names
 * no other metric.
 */
const catalogue = new Set<string>(Object.values(exporters).flat());

const PROMQL_WORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'bool',
  'offset',
  'inf',
  'nan',
]);

/** Identifiers left in a query once label matchers, grouping clauses, ranges, strings and function names are removed. */
export function strayIdentifiers(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\blabel_values\(([^,]+),\s*[A-Za-z_][A-Za-z0-9_]*\s*\)/g, 'label_values($1)')
    .replace(/\b\d+(?:\.\d+)?(?:ms|[smhdwy])?\b/g, '')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/[A-Za-z_][A-Za-z0-9_]*\s*\(/g, '(')
    .replace(/\$[A-Za-z_]+/g, '');
  return (stripped.match(/[A-Za-z_:][A-Za-z0-9_:]*/g) ?? []).filter((word) => !PROMQL_WORDS.has(word.toLowerCase()));
}

function checkQuery(query: Query): void {
  for (const metric of query.metrics) expect(catalogue.has(metric)).toBe(true);
  const stray = strayIdentifiers(query.expr).filter((word) => !query.metrics.includes(word as never));
  expect({ expr: query.expr, stray }).toEqual({ expr: query.expr, stray: [] });
  expect(query.metrics.length).toBeGreaterThan(0);
}

describe.each<[string, DashboardSpec]>([
  ['cluster overview', clusterOverview],
  ['node exporter', nodeExporter],
])('%s dashboard', (_name, spec) => {
  test.each(queriesOf(spec).map((q) => [q.expr, q] as const))('%s', (_expr, query) => checkQuery(query));
});

describe('alert rules', () => {
  test.each(alertRules.map((rule) => [rule.alert, rule] as const))('%s', (_name, rule) => checkQuery(rule.query));

  test('cover what the stack must alert on', () => {
    expect(alertRules.map((r) => r.alert).sort()).toEqual(
      [
        'NodeDown',
        'NodeFilesystemAlmostFull',
        'NodeMemoryPressure',
        'PersistentVolumeClaimAlmostFull',
        'PodCrashLooping',
        'PrometheusTSDBCompactionsFailing',
        'TargetDown',
      ].sort(),
    );
  });
});

describe('the stray-identifier check', () => {
  test('finds a metric typed into the text', () => {
    expect(strayIdentifiers('sum by (node) (rate(node_cpu_secnds_total{mode="idle"}[5m]))')).toEqual(['node_cpu_secnds_total']);
  });

  test('ignores functions, labels, grouping, ranges, strings and variables', () => {
    expect(
      strayIdentifiers('topk(10, sum by (namespace, pod) (increase(x{a=~"b|c",node=~"$node"}[1h])) > 0) and on (node) y offset 5m'),
    ).toEqual(['x', 'y']);
  });
});

describe('the dashboards cover what the stack asks for', () => {
  const text = (spec: DashboardSpec): string => JSON.stringify(queriesOf(spec).map((q) => q.expr));
  test('cluster overview: nodes, pods by phase, CPU and memory by namespace and node, restarts', () => {
    const titles = clusterOverview.panels.map((p) => p.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        'Nodes',
        'Pods by phase',
        'CPU by namespace',
        'Memory by namespace',
        'CPU by node',
        'Memory by node',
        'Container restarts by pod (1h)',
      ]),
    );
    expect(text(clusterOverview)).toContain('sum by (phase) (kube_pod_status_phase)');
  });

  test('node exporter: CPU, memory, disk, network and filesystem fill per node', () => {
    const titles = nodeExporter.panels.map((p) => p.title);
    expect(titles).toEqual(expect.arrayContaining(['CPU used', 'Memory used', 'Disk throughput', 'Network throughput', 'Filesystem fill']));
    expect(nodeExporter.variables?.[0]?.name).toBe('node');
  });
});
