/**
 * The `schema/*` rules' shared walk: each `kubernetes_*` resource and data
 * source block, and every nested block the provider schema knows, paired with
 * its schema. Computed once per module instance and reused by every rule.
 */
import { resourceSchema, type BodySchema } from './provider';
import type { Block, Resource, TfModule } from '../terraform/types';

/** Meta-arguments Terraform itself handles in every resource and data block. */
export const META_ATTRIBUTES: ReadonlySet<string> = new Set(['count', 'for_each', 'depends_on', 'provider']);
const RESOURCE_META_BLOCKS: ReadonlySet<string> = new Set(['lifecycle', 'provisioner', 'connection']);
const DATA_META_BLOCKS: ReadonlySet<string> = new Set(['lifecycle']);

export interface SchemaVisit {
  resource: Resource;
  block: Block;
  schema: BodySchema;
  /** The resource block itself (where meta-arguments are allowed), not a nested block. */
  top: boolean;
  /** The visit of the enclosing block; none for the resource block. */
  parent?: SchemaVisit;
}

/** For messages: `kubernetes_deployment_v1` or `kubernetes_deployment_v1 spec.template` (built only when reporting). */
export function whereOf(visit: SchemaVisit): string {
  const path: string[] = [];
  for (let current: SchemaVisit | undefined = visit; current?.parent; current = current.parent) path.unshift(current.block.type);
  return path.length === 0 ? typeLabel(visit.resource) : `${typeLabel(visit.resource)} ${path.join('.')}`;
}

/** True for a meta-argument block (`lifecycle`, `provisioner`, `connection`) of a resource or data block. */
export function isMetaBlock(visit: SchemaVisit, type: string): boolean {
  return visit.top && (visit.resource.mode === 'resource' ? RESOURCE_META_BLOCKS : DATA_META_BLOCKS).has(type);
}

export function isMetaAttribute(visit: SchemaVisit, name: string): boolean {
  return visit.top && META_ATTRIBUTES.has(name);
}

/**
 * Resources and data sources of the hashicorp/kubernetes provider: their type
 * starts `kubernetes_`, unless the module maps the local name `kubernetes` to
 * some other provider.
 */
export function kubernetesResources(module: TfModule): Resource[] {
  const source = module.requiredProviders.kubernetes?.source;
  if (source !== undefined && !/(^|\/)hashicorp\/kubernetes$/i.test(source)) return [];
  return module.resources.filter((resource) => resource.type.startsWith('kubernetes_'));
}

/** `kubernetes_secret_v1` or `data.kubernetes_secret_v1`. */
export function typeLabel(resource: Resource): string {
  return resource.mode === 'data' ? `data.${resource.type}` : resource.type;
}

const visitsByModule = new WeakMap<TfModule, SchemaVisit[]>();

/** Every block of the module's kubernetes resources whose schema is known, depth first. */
export function schemaVisits(module: TfModule): SchemaVisit[] {
  let visits = visitsByModule.get(module);
  if (visits) return visits;
  visits = [];
  for (const resource of kubernetesResources(module)) {
    const schema = resourceSchema(resource.mode, resource.type);
    if (schema) collect(visits, { resource, block: resource.block, schema, top: true });
  }
  visitsByModule.set(module, visits);
  return visits;
}

function collect(visits: SchemaVisit[], visit: SchemaVisit): void {
  visits.push(visit);
  for (const inner of visit.block.blocks) {
    if (isMetaBlock(visit, inner.type)) continue;
    const blockSchema = visit.schema.blocks.get(inner.type);
    if (blockSchema) collect(visits, { resource: visit.resource, block: inner, schema: blockSchema.body(), top: false, parent: visit });
  }
}
