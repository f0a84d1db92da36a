/**
 * Workloads and their containers: which resources carry a pod template, the containers of each, their env and the strings they hand to the process.
 */
import type { Range } from '../../hcl/syntax';
import type { Block, LVal, Resource, TfModule } from '../types';
import { attrString, attrValue, blocksOf, firstBlock, memo, metadataName } from './blocks';
import { keyIn, stringOf } from '../values';

/** Workload kinds whose pods run until stopped (probes and scheduling matter). */
const LONG_RUNNING = new Set([
  'kubernetes_deployment',
  'kubernetes_stateful_set',
  'kubernetes_daemon_set',
  'kubernetes_replication_controller',
]);
/** Every resource kind that carries a pod template. */
const POD_CARRIERS = new Set([...LONG_RUNNING, 'kubernetes_job', 'kubernetes_cron_job', 'kubernetes_pod']);

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

function workloadOf(resource: Resource): Workload {
  const { spec, template } = podTemplate(resource);
  return {
    resource,
    spec,
    podMetadata: firstBlock(template, 'metadata'),
    podSpec: resource.canonicalType === 'kubernetes_pod' ? spec : firstBlock(template, 'spec'),
    longRunning: LONG_RUNNING.has(resource.canonicalType),
  };
}

/** The module's managed resources that carry a pod template. */
export const workloads: (module: TfModule) => readonly Workload[] = memo((module) =>
  module.resources.filter((r) => r.mode === 'resource' && POD_CARRIERS.has(r.canonicalType)).map(workloadOf),
);

export interface ContainerRef {
  block: Block;
  init: boolean;
  /** The container's `name`, when known. */
  name: string | undefined;
  workload: Workload;
}

const allContainers = memo((workload: Workload): readonly ContainerRef[] => {
  const main = blocksOf(workload.podSpec, 'container').map((block) => ({ block, init: false }));
  const init = blocksOf(workload.podSpec, 'init_container').map((block) => ({ block, init: true }));
  return [...main, ...init].map((c) => ({ ...c, name: attrString(c.block, 'name'), workload }));
});

/** The containers of a workload, main ones first, then init containers (unless `init: false`). */
export function containers(workload: Workload, options: { init?: boolean } = {}): readonly ContainerRef[] {
  const all = allContainers(workload);
  return options.init === false ? all.filter((c) => !c.init) : all;
}

/** The env vars of a container by name: known values as LVal, `value_from` ones as unknown. */
export function envOf(container: Block): Map<string, LVal> {
  const out = new Map<string, LVal>();
  for (const env of blocksOf(container, 'env')) {
    const name = attrString(env, 'name');
    if (name === undefined) continue;
    out.set(name, attrValue(env, 'value') ?? { kind: 'unknown', range: env.range });
  }
  return out;
}

/** A string the container hands to its process: an env value, an argument, a command word. */
export interface LocatedString {
  text: string;
  range: Range;
  /** The env var's name, for env values. */
  envName?: string;
  /** Index in `args`/`command`, for arguments. */
  list?: 'args' | 'command';
  index?: number;
}

/** The known strings of a container's env values, `command` and `args` (unknown ones skipped). */
export function containerStrings(container: Block): LocatedString[] {
  const out: LocatedString[] = [];
  for (const env of blocksOf(container, 'env')) {
    const value = attrValue(env, 'value');
    const envName = attrString(env, 'name');
    if (value?.kind === 'string')
      out.push(envName === undefined ? { text: value.value, range: value.range } : { text: value.value, range: value.range, envName });
  }
  for (const list of ['command', 'args'] as const) {
    const value = attrValue(container, list);
    if (value?.kind !== 'tuple') continue;
    value.items.forEach((item, index) => {
      if (item.kind === 'string') out.push({ text: item.value, range: item.range, list, index });
    });
  }
  return out;
}

/** One entry of a container's `resources.requests` or `resources.limits`. */
export interface ResourceEntry {
  value: LVal;
  /** Where the entry's name is written (map key or block attribute). */
  range: Range;
}

/**
 * The entries of a container's `resources.requests` or `resources.limits`, a map
 * in provider 2.x and a block in older providers: none when absent, undefined
 * when the map cannot be read (`limits = var.limits`).
 */
export function resourceEntries(container: Block, field: 'requests' | 'limits'): ReadonlyMap<string, ResourceEntry> | undefined {
  const resources = firstBlock(container, 'resources');
  const out = new Map<string, ResourceEntry>();
  const asBlock = firstBlock(resources, field);
  if (asBlock) {
    if (asBlock.dynamic) return undefined;
    for (const [name, attribute] of Object.entries(asBlock.attributes)) out.set(name, { value: attribute.value(), range: attribute.range });
    return out;
  }
  const value = attrValue(resources, field);
  if (value === undefined || value.kind === 'null') return out;
  if (value.kind !== 'object') return undefined;
  for (const entry of value.entries) out.set(entry.key, { value: entry.value, range: entry.keyRange });
  return out;
}
/** Label keys that name the app a workload runs. */
const APP_LABELS = ['app', 'app.kubernetes.io/name'];

/**
 * The names a workload goes by: its resource name, its metadata name and the
 * `app` (or `app.kubernetes.io/name`) label of its pod template or metadata,
 * as far as they are known.
 */
export const workloadNames: (workload: Workload) => readonly string[] = memo((workload) => {
  const names = [workload.resource.name, metadataName(workload.resource)];
  for (const labels of [attrValue(workload.podMetadata, 'labels'), attrValue(firstBlock(workload.resource.block, 'metadata'), 'labels')])
    for (const key of APP_LABELS) {
      const entry = keyIn(labels, key);
      if (typeof entry === 'object') names.push(stringOf(entry.value));
    }
  return [...new Set(names.filter((name): name is string => name !== undefined))];
});
