import type { Query } from './metrics';

/** One Prometheus alerting rule, written as typed data. */
export interface AlertRule {
  alert: string;
  query: Query;
  /** How long the condition must hold, e.g. `5m`. */
  for: string;
  severity: 'info' | 'warning' | 'critical';
  summary: string;
  description: string;
}

/** A rule group in the shape of a Prometheus rules file. */
export function ruleGroup(name: string, rules: AlertRule[]) {
  return {
    name,
    rules: rules.map((rule) => ({
      alert: rule.alert,
      expr: rule.query.expr,
      for: rule.for,
      labels: { severity: rule.severity },
      annotations: { summary: rule.summary, description: rule.description },
    })),
  };
}
