/**
 * Blocks, attributes and references between resources: the small queries every view is built from.
 */
import type { Attribute, Block, LVal, Resource, TfModule } from '../types';
import { stringOf } from '../values';

/**
 * A view computed once per object (module, workload, resource, attribute). The
 * model never changes after loading, so a result stays valid as long as its
 * object lives, and goes away with it.
 */
export function memo<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, { value: V }>();
  return (key) => {
    let entry = cache.get(key);
    if (entry === undefined) cache.set(key, (entry = { value: compute(key) }));
    return entry.value;
  };
}

/** The nested blocks of one type (none when the block is absent). */
export function blocksOf(block: Block | undefined, type: string): Block[] {
  return block ? block.blocks.filter((b) => b.type === type) : [];
}

/** The first nested block along a path of types: `firstBlock(resource.block, 'spec', 'template')`. */
export function firstBlock(block: Block | undefined, ...path: string[]): Block | undefined {
  let current = block;
  for (const type of path) current = current?.blocks.find((b) => b.type === type);
  return current;
}

/** A block and every block nested in it, depth first, in source order (dynamic blocks as their content). */
export function descendants(block: Block): Block[] {
  const out: Block[] = [];
  const visit = (current: Block): void => {
    out.push(current);
    for (const inner of current.blocks) visit(inner);
  };
  visit(block);
  return out;
}

/** An attribute of a block that may be absent. */
export function attr(block: Block | undefined, name: string): Attribute | undefined {
  return block?.attributes[name];
}

/** The evaluated value of an attribute, or undefined when the attribute is absent. */
export function attrValue(block: Block | undefined, name: string): LVal | undefined {
  return block?.attributes[name]?.value();
}

/** A known string attribute. */
export function attrString(block: Block | undefined, name: string): string | undefined {
  return stringOf(attrValue(block, name));
}

const resourcesByType = memo((_module: TfModule) => new Map<string, readonly Resource[]>());

/** `module.resourcesOf(type)` (data sources included), looked up once per module and type. */
export function resourcesOf(module: TfModule, canonicalType: string): readonly Resource[] {
  const byType = resourcesByType(module);
  let resources = byType.get(canonicalType);
  if (resources === undefined) byType.set(canonicalType, (resources = module.resourcesOf(canonicalType)));
  return resources;
}

/** A Kubernetes resource's `metadata[0].name`, when known. */
export function metadataName(resource: Resource): string | undefined {
  return attrString(firstBlock(resource.block, 'metadata'), 'name');
}

/** The folder name of the module (e.g. `prometheus` for `modules-k8s/prometheus`). */
export function moduleName(module: TfModule): string {
  return module.dir.split(/[\\/]/).filter(Boolean).pop() ?? module.dir;
}

/**
 * The resource address a reference points at:
 * `kubernetes_service_v1.web.metadata[0].name` → `kubernetes_service_v1.web`.
 */
export function refAddress(ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const parts = ref.split('.', 3);
  const count = parts[0] === 'data' ? 3 : 2;
  if (parts.length < count) return undefined;
  return parts.slice(0, count).map(withoutIndex).join('.');
}

/** `web[0]` → `web`. */
function withoutIndex(part: string): string {
  const bracket = part.indexOf('[');
  return bracket === -1 ? part : part.slice(0, bracket);
}

/**
 * The resource among `candidates` that a value names: a reference to it
 * (`kubernetes_service_v1.web.metadata[0].name`), or a literal equal to its
 * metadata name.
 */
export function resolveResource(module: TfModule, value: LVal | undefined, candidates: readonly Resource[]): Resource | undefined {
  if (value?.kind === 'unknown') {
    const address = refAddress(value.ref);
    const target = address === undefined ? undefined : module.resource(address);
    return target && candidates.includes(target) ? target : undefined;
  }
  const name = stringOf(value);
  return name === undefined ? undefined : candidates.find((candidate) => metadataName(candidate) === name);
}
