import { attrValue, firstBlock, metadataName } from '../../../terraform/k8s/blocks';
import { createRule, type ReportDescriptor } from '../../rule';
import type { Block, Resource } from '../../../terraform/types';
import { stringOf } from '../../../terraform/values';

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

/** Kinds without a namespace: their import id is the name alone. */
const CLUSTER_SCOPED = new Set(
  [
    'api_service',
    'certificate_signing_request',
    'cluster_role',
    'cluster_role_binding',
    'csi_driver',
    'ingress_class',
    'mutating_webhook_configuration',
    'namespace',
    'persistent_volume',
    'priority_class',
    'storage_class',
    'validating_webhook_configuration',
  ].map((kind) => `kubernetes_${kind}`),
);

/** The canonical `kubernetes_X` a `_v1`/`_v2` successor type stands for, for moves between them. */
const PREDECESSORS: ReadonlyMap<string, string> = new Map([...SUCCESSORS].map(([old, next]) => [next, old]));

/**
 * The id `import` takes for the object: `<namespace>/<name>`, or the name alone
 * for cluster-scoped kinds. Unknown parts stay placeholders; a namespaced
 * object without `namespace` lives in `default`.
 */
function importId(resource: Resource): string {
  const metadata = firstBlock(resource.block, 'metadata');
  const name = resource.type === 'kubernetes_default_service_account' ? 'default' : (metadataName(resource) ?? '<name>');
  if (CLUSTER_SCOPED.has(resource.type)) return name;
  const namespace = attrValue(metadata, 'namespace');
  const known = namespace === undefined || namespace.kind === 'null' ? 'default' : (stringOf(namespace) ?? '<namespace>');
  return `${known}/${name}`;
}

export default createRule({
  id: 'terraform/deprecated-resource',
  defaultSeverity: 'warning',
  summary: 'No unversioned `kubernetes_*` type that hashicorp/kubernetes 3.0 deprecates, and no `moved` block the provider rejects',
  messages: {
    resource:
      '{{type}} is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to {{successor}}. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = {{from}} lifecycle { destroy = false } }` and `import { to = {{to}} id = "{{id}}" }`{{each}}',
    data: 'Data source {{type}} is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0; use {{successor}} (and update the references to {{address}})',
    move: 'hashicorp/kubernetes rejects moving {{from}} to {{to}} ("Move Resource State Not Supported"): replace this `moved` block with `removed { from = {{from}} lifecycle { destroy = false } }` and `import { to = {{to}} id = "<namespace>/<name>" }` (Terraform >= 1.7)',
  },
  check({ module, report }) {
    for (const resource of module.resources) {
      const successor = SUCCESSORS.get(resource.type);
      const range = resource.block.labelRanges[0];
      if (successor === undefined || range === undefined) continue;
      const from = resource.address;
      const to = `${successor}.${resource.name}`;
      const each = resource.repeated ? `, one import per instance (\`to = ${to}[<key>]\`, or \`for_each\` on the import block)` : '';
      const data = { type: resource.type, successor, address: resource.address, from, to, id: importId(resource), each };
      report({ messageId: resource.mode, data, range, address: resource.address });
    }
    for (const block of module.blocks) if (block.type === 'moved') checkMove(block, report);
  },
});

/** A `moved` block from an unversioned type to its successor: Terraform accepts it, the provider fails the plan. */
function checkMove(block: Block, report: (descriptor: ReportDescriptor<'move'>) => void): void {
  const from = block.attributes['from'];
  const to = block.attributes['to'];
  if (!from || !to) return;
  const fromType = resourceType(from.exprText);
  const toType = resourceType(to.exprText);
  if (fromType === undefined || toType === undefined || PREDECESSORS.get(toType) !== fromType) return;
  report({ messageId: 'move', data: { from: from.exprText.trim(), to: to.exprText.trim() }, range: block.headerRange });
}

/** The resource type of a managed resource address (`module.x.kubernetes_service.web[0]` → `kubernetes_service`). */
function resourceType(address: string): string | undefined {
  const parts = address.trim().split('.');
  while (parts[0] === 'module' && parts.length > 2) parts.splice(0, 2);
  return parts.length >= 2 && parts[0]!.startsWith('kubernetes_') ? parts[0] : undefined;
}
