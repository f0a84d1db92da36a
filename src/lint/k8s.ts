/**
 * The Kubernetes view of a Terraform module, shared by the rules: workloads and
 * their pod specs, containers and images, volumes and paths, Services with
 * their selectors and ports, references between resources, the custom
 * resources written as `kubectl_manifest` bodies, RBAC roles and the
 * constitution's exceptions. Rules ask these helpers for the narrow thing they
 * need instead of walking blocks themselves.
 *
 * Every rule runs on every module, so the per-module views (workloads,
 * Services, manifests...) are computed once per module instance and shared.
 */
import type { Constitution } from './constitution';
import { asText, dig, entryOf, isWhollyKnown, stringOf, stringsOf, valuesEqual } from './values';
import type { Attribute, Block, LVal, Range, Resource, TfModule } from './types';

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

// ---------------------------------------------------------------------------
// Blocks and attributes

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

// ---------------------------------------------------------------------------
// References between resources

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

// ---------------------------------------------------------------------------
// Workloads and containers

/** Workload kinds whose pods run until stopped (probes and scheduling matter). */
const LONG_RUNNING = new Set(['kubernetes_deployment', 'kubernetes_stateful_set', 'kubernetes_daemon_set', 'kubernetes_replication_controller']);
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
    if (value?.kind === 'string') out.push(envName === undefined ? { text: value.value, range: value.range } : { text: value.value, range: value.range, envName });
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

// ---------------------------------------------------------------------------
// Images

export interface ImageName {
  /** As written, without tag or digest: `quay.io/prometheus/prometheus`, `grafana/grafana`. */
  written: string;
  /** Without the registry host and Docker Hub's `library/`: `prometheus/prometheus`, `nginx`. */
  repository: string;
}

/** A registry host: a first segment with a dot or a port, or `localhost`. */
const REGISTRY_HOST = /[.:]|^localhost$/;
/** The literal text of a quoted template before its first interpolation (no escapes in it). */
const LITERAL_PREFIX = /^"([^"\\$%]*)(\$\{|%\{)/;

/** The name of an image reference (`registry/name:tag@digest`). */
export function imageName(reference: string): ImageName {
  const withoutDigest = reference.split('@', 1)[0] ?? reference;
  const colon = withoutDigest.lastIndexOf(':');
  const written = colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
  const parts = written.split('/');
  if (parts.length > 1 && REGISTRY_HOST.test(parts[0] ?? '')) parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return { written, repository: parts.join('/') };
}

/**
 * The image name of an `image` attribute. A value the evaluator could not know
 * (`"layer5/meshery:${var.image_tag}"` with no default for the tag) still names
 * its image when the literal part of the template runs up to the tag's `:`.
 */
export const imageNameOf: (attribute: Attribute) => ImageName | undefined = memo((attribute) => {
  const value = attribute.value();
  if (value.kind === 'string') return imageName(value.value);
  if (value.kind !== 'unknown') return undefined;
  const prefix = LITERAL_PREFIX.exec(attribute.exprText.trim())?.[1];
  if (prefix === undefined) return undefined;
  const colon = prefix.lastIndexOf(':');
  // Without a tag separator in the literal part, the name itself continues in an interpolation.
  if (colon <= prefix.lastIndexOf('/')) return undefined;
  return imageName(prefix.slice(0, colon));
});

/** The image a container runs, when its name can be read, with its `image` attribute. */
export function containerImage(container: Block): { name: ImageName; attribute: Attribute } | undefined {
  const attribute = attr(container, 'image');
  const name = attribute && imageNameOf(attribute);
  return attribute && name ? { name, attribute } : undefined;
}

// ---------------------------------------------------------------------------
// Volumes, mounts and paths

/** Pod volumes by name (name unknown: skipped). */
export const podVolumes: (workload: Workload) => ReadonlyMap<string, Block> = memo((workload) => {
  const volumes = new Map<string, Block>();
  for (const v of blocksOf(workload.podSpec, 'volume')) {
    const name = attrString(v, 'name');
    if (name !== undefined) volumes.set(name, v);
  }
  return volumes;
});

/** The module's `kubernetes_persistent_volume_claim` a pod volume mounts. */
export function claimOfVolume(module: TfModule, volume: Block): Resource | undefined {
  const claim = attrValue(firstBlock(volume, 'persistent_volume_claim'), 'claim_name');
  return claim && resolveResource(module, claim, resourcesOf(module, 'kubernetes_persistent_volume_claim'));
}

/** The module's ConfigMap a pod volume mounts. */
export function configMapOfVolume(module: TfModule, volume: Block | undefined): Resource | undefined {
  const name = attrValue(firstBlock(volume, 'config_map'), 'name');
  return name && resolveResource(module, name, resourcesOf(module, 'kubernetes_config_map'));
}

/** `//a/b/` → `/a/b`; `.` segments dropped, `..` resolved. */
export function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** True when `path` is `dir` or below it (by segments: `/a/bc` is not within `/a/b`). */
export function isWithin(path: string, dir: string): boolean {
  return dir === '/' || path === dir || path.startsWith(`${dir}/`);
}

/** The mount a path lives on: the deepest mount whose (normalised) path contains it; nested mounts shadow their parent. */
export function mountOfPath<T extends { path: string }>(mounts: readonly T[], path: string): T | undefined {
  let best: T | undefined;
  for (const mount of mounts) if (isWithin(path, mount.path) && (!best || mount.path.length > best.path.length)) best = mount;
  return best;
}

// ---------------------------------------------------------------------------
// Services, selectors and ports

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
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  Pod: [],
};
const MANIFEST_LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

/** Computes on first call, then answers from memory (ports are read only for selected targets). */
function lazy<T>(compute: () => T): () => T {
  let value: { of: T } | undefined;
  return () => (value ??= { of: compute() }).of;
}

/** Pod templates of `kubernetes_*` workloads and of manifest bodies. */
export const podTargets: (module: TfModule) => readonly PodTarget[] = memo((module) => [...workloads(module).map(workloadTarget), ...manifestTargets(module)]);

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

// ---------------------------------------------------------------------------
// Manifests: custom resources written as kubectl_manifest bodies

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
export const manifests: (module: TfModule) => readonly Manifest[] = memo((module) => {
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
});

function manifest(resource: Resource, body: LVal, range: Range): Manifest {
  return {
    resource,
    body,
    apiVersion: stringOf(entryOf(body, 'apiVersion')?.value),
    kind: stringOf(entryOf(body, 'kind')?.value),
    range,
  };
}

const TRAEFIK_API_VERSIONS = new Set(['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1']);

/** Manifests of one Traefik kind (`IngressRoute`, `Middleware`). */
export function traefikManifests(module: TfModule, kind: string): Manifest[] {
  return manifests(module).filter((m) => m.kind === kind && m.apiVersion !== undefined && TRAEFIK_API_VERSIONS.has(m.apiVersion));
}

const ESO_GROUP = 'external-secrets.io/';

/** An object of the External Secrets Operator (by its apiVersion). */
export function isExternalSecretsObject(body: LVal): boolean {
  const apiVersion = stringOf(dig(body, 'apiVersion'));
  return apiVersion !== undefined && apiVersion.startsWith(ESO_GROUP);
}

export interface SecretTarget {
  manifest: Manifest;
  /** The Kubernetes Secret the ExternalSecret writes. */
  name: string;
  /** Keys it provides; undefined when they cannot be known (`dataFrom`, templates from elsewhere, unknown parts). */
  keys: Set<string> | undefined;
}

/** ExternalSecrets of the module whose target Secret name is known. */
export const externalSecretTargets: (module: TfModule) => readonly SecretTarget[] = memo((module) => {
  const out: SecretTarget[] = [];
  for (const manifest of manifests(module)) {
    if (manifest.kind !== 'ExternalSecret' || !isExternalSecretsObject(manifest.body)) continue;
    const targetName = dig(manifest.body, 'spec', 'target', 'name');
    const name = targetName === undefined ? stringOf(dig(manifest.body, 'metadata', 'name')) : stringOf(targetName);
    if (name !== undefined) out.push({ manifest, name, keys: providedKeys(manifest.body) });
  }
  return out;
});

/** `spec.data[].secretKey` plus keys a `target.template.data` adds. */
function providedKeys(body: LVal): Set<string> | undefined {
  const spec = dig(body, 'spec');
  if (spec === undefined || spec.kind !== 'object') return undefined;
  if (dig(spec, 'dataFrom') !== undefined || dig(spec, 'target', 'template', 'templateFrom') !== undefined) return undefined;
  const keys = new Set<string>();
  const data = dig(spec, 'data');
  if (data !== undefined) {
    if (data.kind !== 'tuple') return undefined;
    for (const item of data.items) {
      const key = stringOf(dig(item, 'secretKey'));
      if (key === undefined) return undefined;
      keys.add(key);
    }
  }
  const templateData = dig(spec, 'target', 'template', 'data');
  if (templateData !== undefined) {
    if (templateData.kind !== 'object') return undefined;
    for (const entry of templateData.entries) keys.add(entry.key);
  }
  return keys;
}

// ---------------------------------------------------------------------------
// RBAC

/** Verbs that change objects. */
export const WRITE_VERBS = new Set(['create', 'update', 'patch', 'delete', 'deletecollection', '*']);

const ROLE_TYPES = ['kubernetes_cluster_role', 'kubernetes_role'];
const BINDING_TYPES = ['kubernetes_cluster_role_binding', 'kubernetes_role_binding'];

export interface RoleRule {
  block: Block;
  /** Known strings of each list; absent attribute → undefined. */
  verbs: string[] | undefined;
  resources: string[] | undefined;
  apiGroups: string[] | undefined;
  attribute(name: 'verbs' | 'resources' | 'api_groups'): Attribute | undefined;
}

/** The `rule` blocks of a ClusterRole or Role (`dynamic "rule"` content included). */
export function roleRules(role: Resource): RoleRule[] {
  return blocksOf(role.block, 'rule').map((block) => ({
    block,
    verbs: listOf(block, 'verbs'),
    resources: listOf(block, 'resources'),
    apiGroups: listOf(block, 'api_groups'),
    attribute: (name) => block.attributes[name],
  }));
}

function listOf(block: Block, name: string): string[] | undefined {
  return block.attributes[name] ? stringsOf(attrValue(block, name)) : undefined;
}

/** True when a known verb of the rule writes. */
export function writes(rule: RoleRule): boolean {
  return (rule.verbs ?? []).some((verb) => WRITE_VERBS.has(verb));
}

/** Roles (ClusterRole, Role) of a module. */
export const roles: (module: TfModule) => readonly Resource[] = memo((module) => ROLE_TYPES.flatMap((type) => resourcesOf(module, type)));

/** RoleBindings and ClusterRoleBindings of a module. */
export const bindings: (module: TfModule) => readonly Resource[] = memo((module) => BINDING_TYPES.flatMap((type) => resourcesOf(module, type)));

// ---------------------------------------------------------------------------
// Constitution exceptions

/**
 * True when a constitution exception of this rule covers one of the names
 * (module folder, resource name, claim or workload name) and, when the exception
 * names a class, the class matches.
 */
export function isExcepted(constitution: Constitution, ruleId: string, names: ReadonlyArray<string | undefined>, className?: string): boolean {
  return constitution.exceptions.some(
    (exception) => exception.rule === ruleId && names.includes(exception.workload) && (exception.class === undefined || exception.class === className),
  );
}
