/**
 * The storage view the `storage/*` rules share: claims (PVC resources and
 * StatefulSet claim templates), their storage class, what backs each volume
 * mount of a container, and the paths a container names in its env, args and
 * command.
 */
import type { Constitution, StorageClass } from '../../constitution';
import {
  attr,
  attrString,
  attrValue,
  blocksOf,
  claimOfVolume,
  containers,
  firstBlock,
  mapOf,
  metadataName,
  moduleName,
  podVolumes,
  stringOf,
  workloads,
  type ContainerRef,
  type Workload,
} from '../../k8s';
import type { Attribute, Block, LVal, Range, Resource, TfModule } from '../../types';

// ---------------------------------------------------------------------------
// Claims

export interface Claim {
  /** The PVC resource, or the StatefulSet that carries the claim template. */
  resource: Resource;
  /** The block that holds `metadata` and `spec`: the resource itself or its `volume_claim_template`. */
  block: Block;
  metadata: Block | undefined;
  spec: Block | undefined;
  /** The claim's `metadata.name`, when known. */
  name: string | undefined;
  /** True for a StatefulSet `volume_claim_template`. */
  template: boolean;
}

function claimFrom(resource: Resource, block: Block, template: boolean): Claim {
  const metadata = firstBlock(block, 'metadata');
  return { resource, block, metadata, spec: firstBlock(block, 'spec'), name: attrString(metadata, 'name'), template };
}

/** Every claim the module creates: PVC resources, then the claim templates of StatefulSets. */
export function claims(module: TfModule): Claim[] {
  const pvcs = module.resourcesOf('kubernetes_persistent_volume_claim').filter((r) => r.mode === 'resource');
  const sets = module.resourcesOf('kubernetes_stateful_set').filter((r) => r.mode === 'resource');
  return [
    ...pvcs.map((resource) => claimFrom(resource, resource.block, false)),
    ...sets.flatMap((resource) => blocksOf(firstBlock(resource.block, 'spec'), 'volume_claim_template').map((block) => claimFrom(resource, block, true))),
  ];
}

export type ClassOf =
  | { kind: 'known'; name: string; attribute: Attribute }
  /** No `storage_class_name` (or `null`): the cluster's default class applies. */
  | { kind: 'default' }
  | { kind: 'unknown' };

/** The storage class a claim `spec` asks for. */
export function classOf(spec: Block | undefined): ClassOf {
  const attribute = attr(spec, 'storage_class_name');
  if (!attribute) return { kind: 'default' };
  const value = attribute.value();
  if (value.kind === 'null') return { kind: 'default' };
  return value.kind === 'string' ? { kind: 'known', name: value.value, attribute } : { kind: 'unknown' };
}

/** A class the constitution describes; classes it does not know are never judged. */
export function storageClass(constitution: Constitution, name: string | undefined): StorageClass | undefined {
  if (name === undefined || !Object.hasOwn(constitution.storageClasses, name)) return undefined;
  return constitution.storageClasses[name];
}

/** A configured class with the wanted property, for messages that suggest a move (e.g. a class that is not NFS). */
export function classWhere(constitution: Constitution, test: (storage: StorageClass) => boolean): string | undefined {
  return Object.entries(constitution.storageClasses).find(([, storage]) => test(storage))?.[0];
}

// ---------------------------------------------------------------------------
// Exceptions

/**
 * True when a constitution exception of this rule covers one of the names
 * (module folder, resource name, claim or workload name) and, when the exception
 * names a class, the class matches.
 */
export function isExcepted(constitution: Constitution, ruleId: string, names: Array<string | undefined>, className?: string): boolean {
  return constitution.exceptions.some(
    (exception) =>
      exception.rule === ruleId && names.includes(exception.workload) && (exception.class === undefined || exception.class === className),
  );
}

/** Names an exception may use for a claim. */
export function claimNames(module: TfModule, claim: Claim): Array<string | undefined> {
  return [moduleName(module), claim.resource.name, metadataName(claim.resource), claim.name];
}

// ---------------------------------------------------------------------------
// Mounts and what backs them

export interface Backing {
  /** Says what the volume is, for messages: `claim "x" of class "y"`. */
  description: string;
  /** Data reachable from every node over the network. */
  network: boolean;
  nfs: boolean;
  /** Storage class, for a claim. */
  className?: string;
  /** Claim or hostPath names, for exceptions. */
  names: string[];
}

export interface Mount {
  container: ContainerRef;
  /** Normalised mount path. */
  path: string;
  volume: string;
  /** The `mount_path` attribute. */
  attribute: Attribute;
  /** Undefined for volumes that are neither network- nor class-backed (emptyDir, ConfigMap, unknown...). */
  backing: Backing | undefined;
  /** The pod volume, when there is one (claim templates have none). */
  volumeBlock: Block | undefined;
}

/** The volume mounts of a container whose volume name and path are known. */
export function mountsOf(module: TfModule, constitution: Constitution, container: ContainerRef): Mount[] {
  const volumes = podVolumes(container.workload);
  const out: Mount[] = [];
  for (const block of blocksOf(container.block, 'volume_mount')) {
    const volume = attrString(block, 'name');
    const attribute = attr(block, 'mount_path');
    const path = stringOf(attribute?.value());
    if (volume === undefined || attribute === undefined || path === undefined || !path.startsWith('/')) continue;
    const volumeBlock = volumes.get(volume);
    const backing = volumeBlock
      ? backingOfVolume(module, constitution, volumeBlock)
      : backingOfTemplate(constitution, container.workload, volume);
    out.push({ container, path: normalisePath(path), volume, attribute, backing, volumeBlock });
  }
  return out;
}

function classBacking(constitution: Constitution, className: string | undefined, claimName: string | undefined): Backing | undefined {
  const storage = storageClass(constitution, className);
  if (!storage || className === undefined) return undefined;
  const claim = claimName === undefined ? 'a claim' : `claim "${claimName}"`;
  return { description: `${claim} of class "${className}"`, network: storage.network, nfs: storage.nfs, className, names: claimName === undefined ? [] : [claimName] };
}

function backingOfVolume(module: TfModule, constitution: Constitution, volume: Block): Backing | undefined {
  if (firstBlock(volume, 'persistent_volume_claim')) {
    const resource = claimOfVolume(module, volume);
    if (!resource) return undefined;
    const claim = claimFrom(resource, resource.block, false);
    const cls = classOf(claim.spec);
    return cls.kind === 'known' ? classBacking(constitution, cls.name, claim.name) : undefined;
  }
  const ephemeral = firstBlock(volume, 'ephemeral', 'volume_claim_template', 'spec');
  if (ephemeral) {
    const cls = classOf(ephemeral);
    return cls.kind === 'known' ? classBacking(constitution, cls.name, undefined) : undefined;
  }
  const hostPath = attrString(firstBlock(volume, 'host_path'), 'path');
  if (hostPath !== undefined && isWithin(normalisePath(hostPath), normalisePath(constitution.glusterfsRoot))) {
    return { description: `hostPath "${hostPath}" under the GlusterFS root "${constitution.glusterfsRoot}"`, network: true, nfs: false, names: [hostPath] };
  }
  // An `nfs` pod volume mounts an NFS export directly.
  const nfs = firstBlock(volume, 'nfs');
  if (nfs) return { description: `NFS volume "${attrString(nfs, 'path') ?? '?'}"`, network: true, nfs: true, names: [] };
  return undefined;
}

/** A mount with no pod volume of its name uses the StatefulSet's claim template of that name. */
function backingOfTemplate(constitution: Constitution, workload: Workload, volume: string): Backing | undefined {
  if (workload.resource.canonicalType !== 'kubernetes_stateful_set') return undefined;
  const template = blocksOf(workload.spec, 'volume_claim_template').find((t) => attrString(firstBlock(t, 'metadata'), 'name') === volume);
  if (!template) return undefined;
  const cls = classOf(firstBlock(template, 'spec'));
  return cls.kind === 'known' ? classBacking(constitution, cls.name, volume) : undefined;
}

/** The mount a path lives on: the deepest mount whose path contains it (nested mounts shadow their parent). */
export function mountOfPath(mounts: Mount[], path: string): Mount | undefined {
  let best: Mount | undefined;
  for (const mount of mounts) if (isWithin(path, mount.path) && (!best || mount.path.length > best.path.length)) best = mount;
  return best;
}

// ---------------------------------------------------------------------------
// Paths

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

/** Absolute paths named in a text: plain paths, `--flag=/x`, `sqlite:///x`, `unix:///x.sock`, `sh -c` command lines. */
export function absolutePaths(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/(?:^|[\s=:,;'"(])(\/[^\s'",;?#)]*)/g)) {
    const raw = match[1];
    if (raw !== undefined && raw.replace(/\//g, '') !== '') out.push(normalisePath(raw));
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

/** The env vars of a container by name: known values as LVal, `value_from` ones as unknown. */
export function envOf(container: Block): Map<string, LVal> {
  const out = new Map<string, LVal>();
  for (const env of blocksOf(container, 'env')) {
    const name = attrString(env, 'name');
    if (name === undefined) continue;
    const value = attrValue(env, 'value');
    out.set(name, value ?? { kind: 'unknown', range: env.range });
  }
  return out;
}

/** Repository and name of an image, without registry, tag or digest: `grafana/grafana`. */
export function imageName(container: Block): { name: string; range: Range } | undefined {
  const attribute = attr(container, 'image');
  if (!attribute) return undefined;
  const value = attribute.value();
  // `"grafana/grafana:${var.image_tag}"` with an unknown tag still names its image literally.
  const text = value.kind === 'string' ? value.value : /^"([^"$]+):\$\{/.exec(attribute.exprText)?.[1];
  if (text === undefined) return undefined;
  return { name: stripImage(text), range: attribute.range };
}

function stripImage(reference: string): string {
  const withoutDigest = reference.split('@')[0] ?? reference;
  const parts = withoutDigest.split('/');
  const last = parts.pop() ?? '';
  parts.push(last.split(':')[0] ?? last);
  // A first segment with a dot, a port or `localhost` is a registry host.
  if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0] ?? '')) parts.shift();
  if (parts[0] === 'library' && parts.length > 1) parts.shift();
  return parts.join('/');
}

/** Known annotations of a claim's metadata: the map, or undefined when it cannot be read. */
export function annotationsOf(metadata: Block | undefined): { attribute: Attribute | undefined; entries: Map<string, LVal> } | undefined {
  const attribute = attr(metadata, 'annotations');
  if (!attribute) return { attribute: undefined, entries: new Map() };
  const value = attribute.value();
  return value.kind === 'object' ? { attribute, entries: mapOf(value) } : undefined;
}

// ---------------------------------------------------------------------------
// Containers with their mounts

export interface ContainerMounts {
  container: ContainerRef;
  mounts: Mount[];
}

/** Every container (init containers included) of every workload, with its resolved mounts. */
export function containersWithMounts(module: TfModule, constitution: Constitution): ContainerMounts[] {
  return workloads(module).flatMap((workload) => containers(workload).map((container) => ({ container, mounts: mountsOf(module, constitution, container) })));
}

/** The network-backed mount a path lives on, if any. */
export function networkMountOf(mounts: Mount[], path: string): (Mount & { backing: Backing }) | undefined {
  const mount = mountOfPath(mounts, path);
  return mount?.backing?.network ? (mount as Mount & { backing: Backing }) : undefined;
}

/** Names an exception may use for data a container keeps on a mount. */
export function mountNames(module: TfModule, mount: Mount): Array<string | undefined> {
  const { workload, name } = mount.container;
  return [moduleName(module), workload.resource.name, metadataName(workload.resource), name, ...(mount.backing?.names ?? [])];
}

/** Message data describing where a path lives. */
export function mountData(mount: Mount & { backing: Backing }, path: string): Record<string, string> {
  return { path, volume: mount.volume, backing: mount.backing.description };
}

/** Report once per range, although a ConfigMap or a path may be reached from several containers. */
export function oncePerRange(): (range: Range) => boolean {
  const seen = new Set<string>();
  return (range) => {
    const key = `${range.file}:${range.line}:${range.column}:${range.endLine}:${range.endColumn}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };
}
