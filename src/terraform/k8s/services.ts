/**
 * Services, their selectors and ports, and the pod templates (of workloads and manifests) they may select.
 */
import type { Range } from '../../hcl/syntax';
import type { Block, LVal, Resource, TfModule } from '../types';
import { asText, dig, entryOf, isWhollyKnown, valuesEqual } from '../values';
import { attr, attrString, attrValue, blocksOf, firstBlock, memo, metadataName, resolveResource, resourcesOf } from './blocks';
import { manifests } from './manifests';
import { type ContainerRef, type Workload, containers, workloads } from './workloads';

/** The module's managed Services (data sources describe Services of other modules). */
export const services: (module: TfModule) => readonly Resource[] = memo((module) =>
  resourcesOf(module, 'kubernetes_service').filter((r) => r.mode === 'resource'),
);

/** A port a container or Service declares; a missing field is undefined. */
export interface DeclaredPort {
  name: string | undefined;
  number: number | undefined;
}

/** Ports of a set of containers; `complete` is false when any of them could not be read. */
export interface PortSet {
  ports: DeclaredPort[];
  complete: boolean;
  /**
   * Some container declares no port at all. Kubernetes forwards a numeric
   * target port to such a container whatever it listens on, so only names can
   * be checked against it.
   */
  open: boolean;
}

/** A pod template of the module, whatever resource carries it. */
export interface PodTarget {
  resource: Resource;
  /** Pod template labels as evaluated; undefined when the template has none. */
  labels: LVal | undefined;
  /** Pod template annotations as evaluated; undefined when the template has none. */
  annotations: LVal | undefined;
  /** Runs until stopped (Services route to these; Jobs come and go). */
  longRunning: boolean;
  ports(): PortSet;
}

const MANIFEST_TEMPLATE_PATHS: Record<string, string[]> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};
const MANIFEST_LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** Computes on first call, then answers from memory (ports are read only for selected targets). */
function lazy<T>(compute: () => T): () => T {
  let value: { of: T } | undefined;
  return () => (value ??= { of: compute() }).of;
}

/** Pod templates of `kubernetes_*` workloads and of manifest bodies. */
export const podTargets: (module: TfModule) => readonly PodTarget[] = memo((module) => [
  ...workloads(module).map(workloadTarget),
  ...manifestTargets(module),
]);

function workloadTarget(workload: Workload): PodTarget {
  return {
    resource: workload.resource,
    labels: attrValue(workload.podMetadata, 'labels'),
    annotations: attrValue(workload.podMetadata, 'annotations'),
    longRunning: workload.longRunning,
    ports: lazy(() => workloadPorts(workload)),
  };
}

function workloadPorts(workload: Workload): PortSet {
  const out: PortSet = { ports: [], complete: true, open: false };
  for (const container of containers(workload)) {
    if (container.block.dynamic) out.complete = false;
    const ports = blocksOf(container.block, 'port');
    if (ports.length === 0 && serves(container)) out.open = true;
    for (const port of ports) {
      const declared = readPort(attrValue(port, 'name'), attrValue(port, 'container_port'));
      if (port.dynamic || !declared) out.complete = false;
      else out.ports.push(declared);
    }
  }
  return out;
}

/** Main containers serve; init containers only as native sidecars (`restart_policy = "Always"`). */
function serves(container: ContainerRef): boolean {
  return !container.init || attrString(container.block, 'restart_policy') === 'Always';
}

/** A port from its evaluated name and number; undefined when either is present but unknown. */
function readPort(name: LVal | undefined, number: LVal | undefined): DeclaredPort | undefined {
  if ((name && name.kind !== 'string' && name.kind !== 'null') || (number && number.kind !== 'number' && number.kind !== 'string'))
    return undefined;
  const numeric = number ? Number(asText(number)) : undefined;
  if (numeric !== undefined && Number.isNaN(numeric)) return undefined;
  return { name: name?.kind === 'string' ? name.value : undefined, number: numeric };
}

function manifestTargets(module: TfModule): PodTarget[] {
  const out: PodTarget[] = [];
  for (const manifest of manifests(module)) {
    const path = manifest.kind === undefined ? undefined : MANIFEST_TEMPLATE_PATHS[manifest.kind];
    if (!path) continue;
    const template = path.length === 0 ? manifest.body : dig(manifest.body, ...path);
    out.push({
      resource: manifest.resource,
      labels: dig(template, 'metadata', 'labels'),
      annotations: dig(template, 'metadata', 'annotations'),
      longRunning: MANIFEST_LONG_RUNNING.has(manifest.kind ?? ''),
      ports: lazy(() => manifestPorts(dig(template, 'spec'))),
    });
  }
  return out;
}

function manifestPorts(podSpec: LVal | undefined): PortSet {
  const out: PortSet = { ports: [], complete: true, open: false };
  for (const key of ['containers', 'initContainers']) {
    const list = dig(podSpec, key);
    if (list === undefined) continue;
    if (list.kind !== 'tuple') {
      out.complete = false;
      continue;
    }
    for (const container of list.items) {
      const ports = dig(container, 'ports');
      if (ports === undefined || (ports.kind === 'tuple' && ports.items.length === 0)) out.open = true;
      if (ports === undefined) continue;
      if (ports.kind !== 'tuple') out.complete = false;
      else for (const port of ports.items) addManifestPort(out, port);
    }
  }
  return out;
}

function addManifestPort(out: PortSet, port: LVal): void {
  const declared = port.kind === 'object' ? readPort(dig(port, 'name'), dig(port, 'containerPort')) : undefined;
  if (declared) out.ports.push(declared);
  else out.complete = false;
}

/**
 * Whether a selector (a wholly known map) selects pods with these labels:
 * true, false, or undefined when an unknown label value decides it.
 */
export function selects(selector: LVal, labels: LVal | undefined): boolean | undefined {
  if (selector.kind !== 'object') return undefined;
  if (labels === undefined) return false;
  if (labels.kind !== 'object') return labels.kind === 'null' ? false : undefined;
  let result: boolean | undefined = true;
  for (const wanted of selector.entries) {
    const label = entryOf(labels, wanted.key);
    if (!label) return false;
    const equal = valuesEqual(wanted.value, label.value);
    if (equal === false) return false;
    if (equal === undefined) result = undefined;
  }
  return result;
}

/** A Service selector with where it is written. */
export interface ServiceSelector {
  value: LVal;
  range: Range;
}

/** A Service's `spec.selector`, when it is a non-empty, wholly known map. */
export const serviceSelector: (service: Resource) => ServiceSelector | undefined = memo((service) => {
  const attribute = attr(firstBlock(service.block, 'spec'), 'selector');
  const value = attribute?.value();
  if (!attribute || !value || value.kind !== 'object' || value.entries.length === 0 || !isWhollyKnown(value)) return undefined;
  return { value, range: attribute.range };
});

/** What a selector matches among pod targets. */
export interface Selection {
  /** Pod targets the selector certainly selects. */
  matched: PodTarget[];
  /** True when some target's labels could not be compared. */
  undecided: boolean;
}

/** The pod targets a (wholly known) selector certainly matches, and whether some could not be decided. */
export function selection(selector: LVal, targets: readonly PodTarget[]): Selection {
  const out: Selection = { matched: [], undecided: false };
  for (const target of targets) {
    const result = selects(selector, target.labels);
    if (result === true) out.matched.push(target);
    else if (result === undefined) out.undecided = true;
  }
  return out;
}

/** A Service found, certainly absent, or not decidable statically. */
export type ServiceLookup = { kind: 'found'; service: Resource } | { kind: 'missing' } | { kind: 'undecided' };

/**
 * The module's Service a backend names: by reference to the resource, or by a
 * literal equal to a Service's metadata name. `missing` only when every Service
 * name is known and none matches a literal; anything else unresolvable is
 * `undecided`.
 */
export function findService(module: TfModule, name: LVal): ServiceLookup {
  if (name.kind !== 'unknown' && name.kind !== 'string') return { kind: 'undecided' };
  const candidates = services(module);
  const service = resolveResource(module, name, candidates);
  if (service) return { kind: 'found', service };
  if (name.kind === 'unknown') return { kind: 'undecided' };
  return candidates.every((s) => metadataName(s) !== undefined) ? { kind: 'missing' } : { kind: 'undecided' };
}

/** The `port` blocks of a Service's `spec`. */
export function servicePortBlocks(service: Resource): Block[] {
  return blocksOf(firstBlock(service.block, 'spec'), 'port');
}

/** The ports a Service exposes (`port` number and `name`); `complete` false when any is unreadable. */
export function servicePorts(service: Resource): PortSet {
  const out: PortSet = { ports: [], complete: true, open: false };
  for (const port of servicePortBlocks(service)) {
    const declared = readPort(attrValue(port, 'name'), attrValue(port, 'port'));
    if (port.dynamic || !declared) out.complete = false;
    else out.ports.push(declared);
  }
  return out;
}

/**
 * Whether a port reference (a number, a numeric string or a name) is among the
 * ports; undefined when the reference is not a known scalar.
 */
export function portIn(reference: LVal, set: PortSet): boolean | undefined {
  const text = asText(reference);
  if (text === undefined) return undefined;
  const numeric = /^\d+$/.test(text) ? Number(text) : undefined;
  const found = set.ports.some((p) => (numeric === undefined ? p.name === text : p.number === numeric));
  return found || (numeric !== undefined && set.open);
}

/**
 * Services of a module with the pod templates their selectors match, as the
 * consistency rules judge them.
 */

export interface SelectedService extends Selection {
  service: Resource;
  selector: ServiceSelector;
}

/** Every managed Service whose selector is known, with the pod templates it selects. */
export function selectedServices(module: TfModule): SelectedService[] {
  const targets = podTargets(module);
  return services(module).flatMap((service) => {
    const selector = serviceSelector(service);
    return selector ? [{ service, selector, ...selection(selector.value, targets) }] : [];
  });
}

/** Addresses, for messages. */
export function addresses(targets: readonly PodTarget[]): string {
  return targets.map((t) => t.resource.address).join(', ');
}
