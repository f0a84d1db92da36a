/**
 * The Kubernetes view of a Terraform module, shared by the rules: workloads and
 * their pod specs, containers, volumes, claims and the custom resources written
 * as `kubectl_manifest` bodies. Rules ask these helpers for the narrow thing
 * they need instead of walking blocks themselves.
 */
import { entryOf } from './values';
import type { Attribute, Block, LVal, Range, Resource, TfModule } from './types';

/** Workload kinds whose pods run until stopped (probes and scheduling matter). */
export const LONG_RUNNING = new Set(['kubernetes_deployment', 'kubernetes_stateful_set', 'kubernetes_daemon_set', 'kubernetes_replication_controller']);
/** Every resource kind that carries a pod template. */
export const POD_CARRIERS = new Set([...LONG_RUNNING, 'kubernetes_job', 'kubernetes_cron_job', 'kubernetes_pod']);

export function blocksOf(block: Block | undefined, type: string): Block[] {
  return block ? block.blocks.filter((b) => b.type === type) : [];
}

export function firstBlock(block: Block | undefined, ...path: string[]): Block | undefined {
  let current = block;
  for (const type of path) current = current?.blocks.find((b) => b.type === type);
  return current;
}

export function attr(block: Block | undefined, name: string): Attribute | undefined {
  return block?.attributes[name];
}

/** The evaluated value of an attribute, or undefined when the attribute is absent. */
export function attrValue(block: Block | undefined, name: string): LVal | undefined {
  return block?.attributes[name]?.value();
}

/** A known string value, else undefined (unknown values are never reported on). */
export function stringOf(value: LVal | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

/** A known string attribute. */
export function attrString(block: Block | undefined, name: string): string | undefined {
  return stringOf(attrValue(block, name));
}

/** Known string items of a list (unknown items skipped). */
export function stringsOf(value: LVal | undefined): string[] {
  if (value?.kind !== 'tuple') return [];
  return value.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
}

/** Entries of a known map as key → value (keys of unknown maps: none). */
export function mapOf(value: LVal | undefined): Map<string, LVal> {
  const out = new Map<string, LVal>();
  if (value?.kind === 'object') for (const e of value.entries) out.set(e.key, e.value);
  return out;
}

export interface Workload {
  resource: Resource;
  /** The `metadata` block of the pod template (labels, annotations). */
  podMetadata: Block | undefined;
  /** The pod `spec` block. */
  podSpec: Block | undefined;
  /** The workload's `spec` block (selector, replicas...). */
  spec: Block | undefined;
  longRunning: boolean;
}

/** Where the pod template sits in each kind. */
function podTemplate(resource: Resource): { spec: Block | undefined; template: Block | undefined } {
  const spec = firstBlock(resource.block, 'spec');
  switch (resource.canonicalType) {
    case 'kubernetes_pod':
      return { spec, template: resource.block };
    case 'kubernetes_cron_job':
      return { spec, template: firstBlock(spec, 'job_template', 'spec', 'template') };
    default:
      return { spec, template: firstBlock(spec, 'template') };
  }
}

export function workloads(module: TfModule): Workload[] {
  return module.resources
    .filter((r) => r.mode === 'resource' && POD_CARRIERS.has(r.canonicalType))
    .map((resource) => {
      const { spec, template } = podTemplate(resource);
      return {
        resource,
        spec,
        podMetadata: firstBlock(template, 'metadata'),
        podSpec: resource.canonicalType === 'kubernetes_pod' ? spec : firstBlock(template, 'spec'),
        longRunning: LONG_RUNNING.has(resource.canonicalType),
      };
    });
}

export interface ContainerRef {
  block: Block;
  init: boolean;
  /** The container's `name`, when known. */
  name: string | undefined;
  workload: Workload;
}

export function containers(workload: Workload, options: { init?: boolean } = {}): ContainerRef[] {
  const main = blocksOf(workload.podSpec, 'container').map((block) => ({ block, init: false }));
  const init = options.init === false ? [] : blocksOf(workload.podSpec, 'init_container').map((block) => ({ block, init: true }));
  return [...main, ...init].map((c) => ({ ...c, name: attrString(c.block, 'name'), workload }));
}

/** A Kubernetes resource's `metadata[0].name`, when known. */
export function metadataName(resource: Resource): string | undefined {
  return attrString(firstBlock(resource.block, 'metadata'), 'name');
}

/** Pod volumes by name (name unknown: skipped). */
export function podVolumes(workload: Workload): Map<string, Block> {
  const out = new Map<string, Block>();
  for (const v of blocksOf(workload.podSpec, 'volume')) {
    const name = attrString(v, 'name');
    if (name !== undefined) out.set(name, v);
  }
  return out;
}

/**
 * The claim a pod volume mounts, resolved to the module's
 * `kubernetes_persistent_volume_claim` resource when the claim name refers to
 * one (by reference or by equal literal name).
 */
export function claimOfVolume(module: TfModule, volume: Block): Resource | undefined {
  const pvcRef = firstBlock(volume, 'persistent_volume_claim');
  const claim = attr(pvcRef, 'claim_name');
  if (!claim) return undefined;
  const value = claim.value();
  const pvcs = module.resourcesOf('kubernetes_persistent_volume_claim');
  if (value.kind === 'unknown' && value.ref) {
    const address = value.ref.replace(/\.metadata(\[0\])?\.name$/, '').replace(/\.metadata\.0\.name$/, '');
    return module.resource(address);
  }
  if (value.kind === 'string') return pvcs.find((p) => metadataName(p) === value.value);
  return undefined;
}

export interface Manifest {
  resource: Resource;
  /** The object passed to `yamlencode`/`jsonencode` (or the parsed YAML), with positions. */
  body: LVal;
  apiVersion: string | undefined;
  kind: string | undefined;
  /** Where to report about the manifest as a whole: the `yaml_body` attribute. */
  range: Range;
}

/** `kubectl_manifest` (and `kubernetes_manifest`) bodies that could be read as objects. */
export function manifests(module: TfModule): Manifest[] {
  const out: Manifest[] = [];
  for (const resource of module.resources) {
    if (resource.type === 'kubectl_manifest') {
      const attribute = resource.block.attributes['yaml_body'];
      const value = attribute?.value();
      const body = value?.kind === 'string' ? value.encodedFrom : undefined;
      if (attribute && body) out.push(manifest(resource, body, attribute.range));
    } else if (resource.type === 'kubernetes_manifest') {
      const attribute = resource.block.attributes['manifest'];
      const body = attribute?.value();
      if (attribute && body?.kind === 'object') out.push(manifest(resource, body, attribute.range));
    }
  }
  return out;
}

function manifest(resource: Resource, body: LVal, range: Range): Manifest {
  return {
    resource,
    body,
    apiVersion: stringOf(entryOf(body, 'apiVersion')?.value),
    kind: stringOf(entryOf(body, 'kind')?.value),
    range,
  };
}

/** A value inside an object by a path of keys and list indexes. */
export function dig(value: LVal | undefined, ...path: Array<string | number>): LVal | undefined {
  let current = value;
  for (const step of path) {
    if (!current) return undefined;
    if (typeof step === 'number') current = current.kind === 'tuple' ? current.items[step] : undefined;
    else current = entryOf(current, step)?.value;
  }
  return current;
}

/** The folder name of the module (e.g. `prometheus` for `modules-k8s/prometheus`). */
export function moduleName(module: TfModule): string {
  return module.dir.split(/[\\/]/).filter(Boolean).pop() ?? module.dir;
}
