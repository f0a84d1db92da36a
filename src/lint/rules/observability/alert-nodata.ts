import { createRule } from '../../rule';
import { configMapFiles } from '../../../terraform/k8s/config-maps';
import { documentOf } from '../../../terraform/documents';
import type { LVal } from '../../../terraform/types';
import { dig, entryOf, stringOf } from '../../../terraform/values';

/** The two states Grafana falls back to when a rule does not set them. */
const STATES = [
  { field: 'noDataState', fallback: 'NoData' },
  { field: 'execErrState', fallback: 'Error' },
] as const;

/**
 * A rule of Grafana's alerting provisioning format (`groups[].rules[]` with a
 * `condition` and `data` queries), as opposed to a Prometheus rule (`alert` or
 * `record` with an `expr`), which has no such states.
 */
function isGrafanaRule(rule: LVal): boolean {
  if (rule.kind !== 'object' || entryOf(rule, 'expr') || entryOf(rule, 'alert') || entryOf(rule, 'record')) return false;
  return entryOf(rule, 'condition') !== undefined || dig(rule, 'data')?.kind === 'tuple';
}

/** Whether a YAML/JSON text may be a provisioning document with rules: it names `groups` and `rules`. */
function mayHoldRules(text: string): boolean {
  return text.includes('groups') && text.includes('rules');
}

/** The rules of every group of a provisioning document; none when the document has another shape. */
function grafanaRules(document: LVal): LVal[] {
  const groups = dig(document, 'groups');
  if (groups?.kind !== 'tuple') return [];
  return groups.items.flatMap((group) => {
    const rules = dig(group, 'rules');
    return rules?.kind === 'tuple' ? rules.items.filter(isGrafanaRule) : [];
  });
}

/**
 * Grafana alert rules provisioned from a ConfigMap (YAML or JSON text, or a
 * `yamlencode`/`jsonencode` body) must say what no data and a query error
 * mean. Left out, they fall back to `NoData` and `Error`, which both fire: a
 * query that returns no series while all is well (a count of crash-looping
 * pods, a filter such as `> 0`) then pages whenever nothing is wrong.
 */
export default createRule({
  id: 'observability/alert-nodata',
  defaultSeverity: 'warning',
  summary: 'Grafana alert rules provisioned in ConfigMaps set noDataState and execErrState',
  messages: {
    missing:
      'Grafana alert rule "{{title}}" in ConfigMap {{address}} ({{key}}) does not set {{fields}}, so Grafana uses {{fallbacks}}, which fire when the query returns no series or fails: set both (e.g. noDataState: OK when no series means healthy, execErrState: Error)',
  },
  check(context) {
    for (const file of configMapFiles(context.module)) {
      // A text without the words of the format holds no Grafana rule: not parsed (dashboards, configs).
      if (file.value?.kind === 'string' && !file.value.encodedFrom && !mayHoldRules(file.value.value)) continue;
      const document = documentOf(file.value, context.module);
      if (!document) continue;
      for (const rule of grafanaRules(document)) {
        const missing = STATES.filter((state) => entryOf(rule, state.field) === undefined);
        if (missing.length === 0) continue;
        const title = entryOf(rule, 'title');
        context.report({
          messageId: 'missing',
          data: {
            title: stringOf(title?.value) ?? stringOf(dig(rule, 'uid')) ?? '(untitled)',
            address: file.resource.address,
            key: file.key,
            fields: missing.map((state) => state.field).join(' and '),
            fallbacks: missing.map((state) => state.fallback).join(' and '),
          },
          range: title?.keyRange ?? rule.range,
          address: file.resource.address,
        });
      }
    }
  },
});
