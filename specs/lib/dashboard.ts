import type { Query } from './metrics';

/**
 * A small builder for Grafana dashboard JSON (schema version 39): panels are laid
 * out left to right on the 24-column grid, every query goes to the provisioned
 * Prometheus data source.
 */
const datasource = { type: 'prometheus', uid: 'prometheus' } as const;

export interface PanelSpec {
  title: string;
  type: 'timeseries' | 'stat' | 'bargauge' | 'table';
  queries: Array<{ query: Query; legend?: string; instant?: boolean }>;
  /** Grafana unit id: `percentunit`, `bytes`, `Bps`, `short`, `s`. */
  unit?: string;
  /** Width in grid columns (of 24) and height in rows. */
  width?: number;
  height?: number;
  description?: string;
  stacked?: boolean;
  max?: number;
}

export interface VariableSpec {
  name: string;
  label: string;
  /** `label_values(<metric>, <label>)` */
  query: Query;
}

export interface DashboardSpec {
  uid: string;
  title: string;
  tags: string[];
  variables?: VariableSpec[];
  panels: PanelSpec[];
}

export function dashboard(spec: DashboardSpec) {
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  const panels = spec.panels.map((panel, index) => {
    const w = panel.width ?? 12;
    const h = panel.height ?? 8;
    if (x + w > 24) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const gridPos = { x, y, w, h };
    x += w;
    rowHeight = Math.max(rowHeight, h);
    return {
      id: index + 1,
      type: panel.type,
      title: panel.title,
      description: panel.description ?? '',
      gridPos,
      datasource,
      targets: panel.queries.map((q, i) => ({
        refId: String.fromCharCode(65 + i),
        datasource,
        expr: q.query.expr,
        legendFormat: q.legend ?? '__auto',
        instant: q.instant ?? panel.type !== 'timeseries',
        range: panel.type === 'timeseries',
      })),
      fieldConfig: {
        defaults: {
          unit: panel.unit ?? 'short',
          ...(panel.max !== undefined ? { max: panel.max } : {}),
          ...(panel.type === 'timeseries'
            ? { custom: { stacking: { mode: panel.stacked ? 'normal' : 'none' }, fillOpacity: panel.stacked ? 30 : 10 } }
            : {}),
        },
        overrides: [],
      },
      options: panel.type === 'timeseries' ? { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } } : {},
    };
  });
  return {
    uid: spec.uid,
    title: spec.title,
    tags: spec.tags,
    editable: false,
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: (spec.variables ?? []).map((v) => ({
        name: v.name,
        label: v.label,
        type: 'query',
        datasource,
        query: { query: v.query.expr, refId: 'PrometheusVariableQueryEditor-VariableQuery' },
        definition: v.query.expr,
        includeAll: true,
        multi: true,
        allValue: '.*',
        refresh: 2,
        sort: 1,
      })),
    },
    panels,
  };
}

/** Every query of a dashboard spec (panels and variables), for checks. */
export function queriesOf(spec: DashboardSpec): Query[] {
  return [...spec.panels.flatMap((p) => p.queries.map((q) => q.query)), ...(spec.variables ?? []).map((v) => v.query)];
}
