/**
 * The `schema/*` rules' shared walk: each resource and data source block of a
 * provider whose schema is committed (`kubernetes_*`, `helm_*` and
 * `kubectl_manifest`), each `provider "helm"` block, and every nested block the
 * schema knows, paired with its schema. Computed once per module instance and
 * reused by every rule.
 */
import { KUBERNETES_SCHEMA, type BodySchema, type ProviderSchema } from './provider';
import { familiesUsed, familyOfType, schemaChoice, type ProviderFamily } from './providers';
import type { Block, Resource, TfModule } from '../terraform/types';

/** Meta-arguments Terraform itself handles in every resource and data block. */
export const META_ATTRIBUTES: ReadonlySet<string> = new Set(['count', 'for_each', 'depends_on', 'provider']);
/** Meta-arguments of a `provider` block. */
const PROVIDER_META_ATTRIBUTES: ReadonlySet<string> = new Set(['alias', 'version']);
const RESOURCE_META_BLOCKS: ReadonlySet<string> = new Set(['lifecycle', 'provisioner', 'connection']);
const DATA_META_BLOCKS: ReadonlySet<string> = new Set(['lifecycle']);
const NO_META: ReadonlySet<string> = new Set();

/** The top-level block a walk starts from. */
export interface SchemaRoot {
  kind: 'resource' | 'data' | 'provider';
  /** For messages: `kubernetes_secret_v1`, `data.helm_template` or `provider "helm"`. */
  label: string;
  /** Terraform address of the object: `kubernetes_secret_v1.x`, `provider.helm`. */
  address: string;
  /** The schema the block is checked against. */
  provider: ProviderSchema;
}

export interface SchemaVisit {
  root: SchemaRoot;
  block: Block;
  schema: BodySchema;
  /** The root block itself (where meta-arguments are allowed), not a nested block. */
  top: boolean;
  /** The visit of the enclosing block; none for the root block. */
  parent?: SchemaVisit;
}

/** For messages: `kubernetes_deployment_v1` or `kubernetes_deployment_v1 spec.template` (built only when reporting). */
export function whereOf(visit: SchemaVisit): string {
  const path: string[] = [];
  for (let current: SchemaVisit | undefined = visit; current?.parent; current = current.parent) path.unshift(current.block.type);
  return path.length === 0 ? visit.root.label : `${visit.root.label} ${path.join('.')}`;
}

function metaBlocks(root: SchemaRoot): ReadonlySet<string> {
  return root.kind === 'resource' ? RESOURCE_META_BLOCKS : root.kind === 'data' ? DATA_META_BLOCKS : NO_META;
}

/** True for a meta-argument block (`lifecycle`, `provisioner`, `connection`) of a resource or data block. */
export function isMetaBlock(visit: SchemaVisit, type: string): boolean {
  return visit.top && metaBlocks(visit.root).has(type);
}

export function isMetaAttribute(visit: SchemaVisit, name: string): boolean {
  return visit.top && (visit.root.kind === 'provider' ? PROVIDER_META_ATTRIBUTES : META_ATTRIBUTES).has(name);
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

/** Resources of a family whose schema the module's constraint selects, with that schema. */
export function familyResources(module: TfModule, family: ProviderFamily): Array<{ resource: Resource; provider: ProviderSchema }> {
  const choice = schemaChoice(module, family);
  if (choice.kind !== 'schema') return [];
  return module.resources.filter((resource) => familyOfType(resource.type) === family).map((resource) => ({ resource, provider: choice.schema }));
}

/** Every resource checked against a committed schema, with the schema. */
export function checkedResources(module: TfModule): Array<{ resource: Resource; provider: ProviderSchema }> {
  return [
    ...kubernetesResources(module).map((resource) => ({ resource, provider: KUBERNETES_SCHEMA })),
    ...familiesUsed(module).flatMap((family) => familyResources(module, family)),
  ];
}

const visitsByModule = new WeakMap<TfModule, SchemaVisit[]>();

/** Every block of the module's checked resources and provider blocks whose schema is known, depth first. */
export function schemaVisits(module: TfModule): SchemaVisit[] {
  let visits = visitsByModule.get(module);
  if (visits) return visits;
  visits = [];
  for (const { resource, provider } of checkedResources(module)) {
    const schema = provider.resourceSchema(resource.mode, resource.type);
    const root: SchemaRoot = { kind: resource.mode, label: typeLabel(resource), address: resource.address, provider };
    if (schema) collect(visits, { root, block: resource.block, schema, top: true });
  }
  for (const family of familiesUsed(module)) {
    const choice = schemaChoice(module, family);
    const schema = choice.kind === 'schema' ? choice.schema.providerConfig() : undefined;
    if (choice.kind !== 'schema' || !schema) continue;
    for (const block of module.blocks) {
      if (block.type !== 'provider' || block.labels[0] !== family.localName) continue;
      const root: SchemaRoot = { kind: 'provider', label: `provider "${family.localName}"`, address: `provider.${family.localName}`, provider: choice.schema };
      collect(visits, { root, block, schema, top: true });
    }
  }
  visitsByModule.set(module, visits);
  return visits;
}

function collect(visits: SchemaVisit[], visit: SchemaVisit): void {
  visits.push(visit);
  for (const inner of visit.block.blocks) {
    if (isMetaBlock(visit, inner.type)) continue;
    const blockSchema = visit.schema.blocks.get(inner.type);
    if (blockSchema) collect(visits, { root: visit.root, block: inner, schema: blockSchema.body(), top: false, parent: visit });
  }
}
