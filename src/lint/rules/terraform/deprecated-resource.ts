import path from 'node:path';
import { quote } from '../../../hcl/encode';
import { attrValue, firstBlock, metadataName } from '../../../terraform/k8s/blocks';
import { appendToFile, fileOf, offsetsOf, renameReferences, type TextEdit } from '../../../terraform/edits';
import type { ModuleTree, TreeFact } from '../../../terraform/tree';
import { createRule, fixOf, type ReportDescriptor } from '../../rule';
import type { Block, Resource, TfFile, TfModule } from '../../../terraform/types';
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

/** Blocks whose addresses name state, not configuration: a rename leaves them alone. */
const STATE_BLOCKS = new Set(['moved', 'removed', 'import']);

/**
 * The fix's edits inside the module: the type renamed, and every reference to
 * the resource. Undefined when the module's own `moved` blocks lead to the old
 * address (that chain has to be rewritten by hand).
 */
function localEdits(module: TfModule, resource: Resource, successor: string): TextEdit[] | undefined {
  const file = fileOf(module, resource.block.file);
  const label = resource.block.labelRanges[0];
  if (!file || !label) return undefined;
  const [start, end] = offsetsOf(file, label);
  if (movedTo(module, resource.address)) return undefined;
  const skip = module.blocks.filter((block) => STATE_BLOCKS.has(block.type));
  const reference = resource.mode === 'data' ? ['data', resource.type, resource.name] : [resource.type, resource.name];
  const references = renameReferences(module, reference, reference.length - 2, successor, skip);
  if (!references) return undefined;
  return [{ file: file.path, start, end, text: quote(successor) }, ...references];
}

/** The root blocks one module instance needs for one resource, or undefined when they cannot be written for sure. */
interface InstancePlan {
  file: TfFile;
  blocks: string[];
}

/**
 * For every folder, each of its instances' plan per deprecated managed
 * resource, gathered as the instances go by (an instance's callers are known
 * when it is built, so only the root files are kept, not the modules).
 */
const ROOT_PLANS: TreeFact<Map<string, Map<string, Array<InstancePlan | undefined>>>> = {
  gather() {
    const byDir = new Map<string, Map<string, Array<InstancePlan | undefined>>>();
    return {
      add(module) {
        for (const resource of module.resources) {
          const successor = SUCCESSORS.get(resource.type);
          if (successor === undefined || resource.mode === 'data') continue;
          const dir = path.resolve(module.dir);
          const byAddress = byDir.get(dir) ?? new Map<string, Array<InstancePlan | undefined>>();
          byDir.set(dir, byAddress);
          const plans = byAddress.get(resource.address) ?? [];
          byAddress.set(resource.address, plans);
          plans.push(instancePlan(module, resource, successor));
        }
      },
      result: () => byDir,
    };
  },
};

/**
 * The root module's `removed` + `import` blocks for every instance of the
 * module (a folder called twice needs both pairs), appended to the file of the
 * root's `module` block (or the resource's own file when it is in the root).
 * Undefined when they cannot be written for sure: the tree is not the whole
 * repository (another root might call the module), a call on the way has
 * `count` or `for_each`, the top of an instance's callers is not a root module
 * (no `provider` or backend), the import id is not known, or a `moved` block
 * of the root moves an object to the old address.
 */
function rootBlocks(dir: string, tree: ModuleTree, resource: Resource): TextEdit[] | undefined {
  if (!tree.complete || resource.repeated) return undefined;
  const plans = tree.fact(ROOT_PLANS).get(dir)?.get(resource.address);
  if (!plans || plans.length === 0) return undefined;
  const texts = new Map<TfFile, string[]>();
  for (const plan of plans) {
    if (!plan) return undefined;
    texts.set(plan.file, [...(texts.get(plan.file) ?? []), ...plan.blocks]);
  }
  return [...texts].filter(([, blocks]) => blocks.length > 0).map(([file, blocks]) => appendToFile(file, blocks.join('\n')));
}

/** One instance's root blocks for a resource (see `rootBlocks`). */
function instancePlan(instance: TfModule, resource: Resource, successor: string): InstancePlan | undefined {
  if (resource.repeated) return undefined;
  let prefix = '';
  let top = instance;
  let where = resource.block.file;
  for (let caller = top.caller; caller; caller = top.caller) {
    const { call } = caller;
    if (call.block.attributes['count'] || call.block.attributes['for_each']) return undefined;
    prefix = `module.${call.name}.${prefix}`;
    where = call.block.file;
    top = caller.module;
  }
  const file = fileOf(top, where);
  if (prefix !== '' && movedTo(top, `${prefix}${resource.address}`)) return undefined;
  const id = importId(resource);
  if (!file || !isRootModule(top) || id.includes('<')) return undefined;
  const from = `${prefix}${resource.address}`;
  const to = `${prefix}${successor}.${resource.name}`;
  const blocks: string[] = [];
  if (!top.blocks.some((block) => block.type === 'removed' && block.attributes['from']?.exprText.trim() === from))
    blocks.push(`removed {\n  from = ${from}\n\n  lifecycle {\n    destroy = false\n  }\n}\n`);
  if (!top.blocks.some((block) => block.type === 'import' && block.attributes['to']?.exprText.trim() === to))
    blocks.push(`import {\n  to = ${to}\n  id = ${quote(id)}\n}\n`);
  return { file, blocks };
}

/**
 * Whether a `moved` block of the module moves an object to the address: its
 * chain of moves then has to be rewritten by hand (a move on to the new type
 * is the one the provider rejects), so no fix is offered.
 */
function movedTo(module: TfModule, address: string): boolean {
  return module.blocks.some((block) => block.type === 'moved' && block.attributes['to']?.exprText.trim() === address);
}

/** A module Terraform runs from: nothing calls it, and it configures a provider or a backend. */
function isRootModule(module: TfModule): boolean {
  if (module.caller) return false;
  return module.blocks.some(
    (block) =>
      block.type === 'provider' ||
      (block.type === 'terraform' && block.blocks.some((inner) => inner.type === 'backend' || inner.type === 'cloud')),
  );
}

export default createRule({
  id: 'terraform/deprecated-resource',
  defaultSeverity: 'warning',
  fixable: true,
  summary: 'No unversioned `kubernetes_*` type that hashicorp/kubernetes 3.0 deprecates, and no `moved` block the provider rejects',
  messages: {
    resource:
      '{{type}} is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0: rename it to {{successor}}. The provider rejects a `moved` block between the two types, so keep the object with, in the root module (Terraform >= 1.7, addresses prefixed with `module.<name>.` for a child module), `removed { from = {{from}} lifecycle { destroy = false } }` and `import { to = {{to}} id = "{{id}}" }`{{each}}',
    data: 'Data source {{type}} is deprecated since hashicorp/kubernetes 3.0 and removed in 4.0; use {{successor}} (and update the references to {{address}})',
    move: 'hashicorp/kubernetes rejects moving {{from}} to {{to}} ("Move Resource State Not Supported"): replace this `moved` block with `removed { from = {{from}} lifecycle { destroy = false } }` and `import { to = {{to}} id = "<namespace>/<name>" }` (Terraform >= 1.7)',
  },
  scope: 'tree',
  facts: [ROOT_PLANS],
  check({ module, onTree, report, fixing }) {
    for (const resource of module.resources) {
      const successor = SUCCESSORS.get(resource.type);
      const range = resource.block.labelRanges[0];
      if (successor === undefined || range === undefined) continue;
      const from = resource.address;
      const to = `${successor}.${resource.name}`;
      const each = resource.repeated ? `, one import per instance (\`to = ${to}[<key>]\`, or \`for_each\` on the import block)` : '';
      const data = { type: resource.type, successor, address: resource.address, from, to, id: importId(resource), each };
      const descriptor = { messageId: resource.mode, data, range, address: resource.address };
      const local = fixing ? localEdits(module, resource, successor) : undefined;
      if (!local) report(descriptor);
      else if (resource.mode === 'data') report({ ...descriptor, fix: fixOf(...local) });
      else {
        // The root blocks need every instance of the folder: judged once the tree is known (holding the folder's name, not the module).
        const dir = path.resolve(module.dir);
        onTree((tree) => {
          const root = rootBlocks(dir, tree, resource);
          report(root ? { ...descriptor, fix: fixOf(...local, ...root) } : descriptor);
        });
      }
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
