import { createRule } from '../../rule';
import type { Resource } from '../../../terraform/types';

/**
 * Unversioned hashicorp/kubernetes types that have a versioned successor, and
 * that successor. Provider 3.0 deprecates the unversioned names; 4.0 removes
 * them. Types without a successor (`kubernetes_env`, `kubernetes_labels`,
 * `kubernetes_annotations`, `kubernetes_manifest`...) are not listed.
 */
const SUCCESSORS: ReadonlyMap<string, string> = new Map([
  ...[
    'api_service',
    'certificate_signing_request',
    'cluster_role',
    'cluster_role_binding',
    'config_map',
    'cron_job',
    'csi_driver',
    'default_service_account',
    'deployment',
    'endpoints',
    'ingress',
    'ingress_class',
    'job',
    'limit_range',
    'mutating_webhook_configuration',
    'namespace',
    'network_policy',
    'persistent_volume',
    'persistent_volume_claim',
    'pod',
    'pod_disruption_budget',
    'priority_class',
    'replication_controller',
    'resource_quota',
    'role',
    'role_binding',
    'secret',
    'service',
    'service_account',
    'stateful_set',
    'storage_class',
    'validating_webhook_configuration',
  ].map((kind): [string, string] => [`kubernetes_${kind}`, `kubernetes_${kind}_v1`]),
  // The unversioned daemon set is spelled without the underscore.
  ['kubernetes_daemonset', 'kubernetes_daemon_set_v1'],
  // autoscaling/v2 is the stable API; `_v1` would drop the metrics blocks.
  ['kubernetes_horizontal_pod_autoscaler', 'kubernetes_horizontal_pod_autoscaler_v2'],
]);

/** `kubernetes_service.web` → `kubernetes_service_v1.web` (data sources keep their `data.`). */
function successorAddress(resource: Resource, successor: string): string {
  return `${resource.mode === 'data' ? 'data.' : ''}${successor}.${resource.name}`;
}

export default createRule({
  id: 'terraform/deprecated-resource',
  defaultSeverity: 'warning',
  summary: 'No unversioned `kubernetes_*` type that hashicorp/kubernetes 3.0 deprecates',
  messages: {
    resource:
      '{{type}} is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0; use {{successor}}, with `moved { from = {{address}} to = {{next}} }` to keep the state',
    data: 'Data source {{type}} is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0; use {{successor}} (and update the references to {{address}})',
  },
  check({ module, report }) {
    for (const resource of module.resources) {
      const successor = SUCCESSORS.get(resource.type);
      const range = resource.block.labelRanges[0];
      if (successor === undefined || range === undefined) continue;
      report({
        messageId: resource.mode,
        data: { type: resource.type, successor, address: resource.address, next: successorAddress(resource, successor) },
        range,
        address: resource.address,
      });
    }
  },
});
