/**
 * What Services, Ingresses and workloads of one module say about each other:
 * pod targets (pod templates with their labels and container ports, whether
 * written as kubernetes_* resources or as kubectl_manifest bodies), selector
 * matching and Service lookups.
 */
import { attr, attrString, attrValue, blocksOf, containers, dig, firstBlock, LONG_RUNNING, manifests, metadataName, workloads, type ContainerRef, type Workload } from '../../k8s';
import type { Block, LVal, Range, Resource, TfModule } from '../../types';
import { asText, entryOf, isWhollyKnown, valuesEqual } from '../../values';

/** A port a container declares; a missing field is undefined. */
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
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};
const MANIFEST_LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export function podTargets(module: TfModule): PodTarget[] {
  return [...workloads(module).map(workloadTarget), ...manifestTargets(module)];
}

function workloadTarget(workload: Workload): PodTarget {
  return {
    resource: workload.resource,
    labels: attrValue(workload.podMetadata, 'labels'),
    annotations: attrValue(workload.podMetadata, 'annotations'),
    longRunning: LONG_RUNNING.has(workload.resource.canonicalType),
    ports: () => workloadPorts(workload),
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
  if ((name && name.kind !== 'string' && name.kind !== 'null') || (number && number.kind !== 'number' && number.kind !== 'string')) return undefined;
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
      ports: () => manifestPorts(dig(template, 'spec')),
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

/** A Service's `spec.selector`, when it is a non-empty, wholly known map. */
export function serviceSelector(service: Resource): { value: LVal; range: Range } | undefined {
  const attribute = attr(firstBlock(service.block, 'spec'), 'selector');
  const value = attribute?.value();
  if (!attribute || !value || value.kind !== 'object' || value.entries.length === 0 || !isWhollyKnown(value)) return undefined;
  return { value, range: attribute.range };
}

export interface Selection {
  /** Pod targets the selector certainly selects. */
  matched: PodTarget[];
  /** True when some target's labels could not be compared. */
  undecided: boolean;
}

export function selection(selector: LVal, targets: readonly PodTarget[]): Selection {
  const out: Selection = { matched: [], undecided: false };
  for (const target of targets) {
    const result = selects(selector, target.labels);
    if (result === true) out.matched.push(target);
    else if (result === undefined) out.undecided = true;
  }
  return out;
}

/** The module resource a reference such as `kubernetes_service_v1.web.metadata[0].name` points to. */
export function resourceOfRef(module: TfModule, ref: string | undefined): Resource | undefined {
  const match = ref === undefined ? null : /^([A-Za-z][\w-]*)\.([A-Za-z_][\w-]*)/.exec(ref);
  if (!match || match[1] === 'data' || match[1] === 'var' || match[1] === 'local') return undefined;
  return module.resource(`${match[1]}.${match[2]}`);
}

export type ServiceLookup = { kind: 'found'; service: Resource } | { kind: 'missing' } | { kind: 'undecided' };

/**
 * The module's Service a backend names: by reference to the resource, or by a
 * literal equal to a Service's metadata name. `missing` only when every Service
 * name is known and none matches a literal; anything else unresolvable is
 * `undecided`.
 */
export function findService(module: TfModule, name: LVal): ServiceLookup {
  const services = module.resourcesOf('kubernetes_service').filter((r) => r.mode === 'resource');
  if (name.kind === 'unknown') {
    const target = resourceOfRef(module, name.ref);
    return target && target.canonicalType === 'kubernetes_service' ? { kind: 'found', service: target } : { kind: 'undecided' };
  }
  if (name.kind !== 'string') return { kind: 'undecided' };
  const service = services.find((s) => metadataName(s) === name.value);
  if (service) return { kind: 'found', service };
  return services.every((s) => metadataName(s) !== undefined) ? { kind: 'missing' } : { kind: 'undecided' };
}

/** The ports a Service exposes (`port` number and `name`); `complete` false when any is unreadable. */
export function servicePorts(service: Resource): PortSet {
  const out: PortSet = { ports: [], complete: true, open: false };
  for (const port of blocksOf(firstBlock(service.block, 'spec'), 'port')) {
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

/** The `spec` block's port blocks of a Service. */
export function servicePortBlocks(service: Resource): Block[] {
  return blocksOf(firstBlock(service.block, 'spec'), 'port');
}

/** Addresses, for messages. */
export function addresses(targets: readonly PodTarget[]): string {
  return targets.map((t) => t.resource.address).join(', ');
}
