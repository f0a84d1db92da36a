/**
 * Pod volumes, claims and paths: what backs each volume mount of a container, and the storage class of each claim.
 */
import type { Range } from '../../hcl/syntax';
import type { Attribute, Block, LVal, Resource, TfModule } from '../types';
import { knownMap, stringOf } from '../values';
import { attr, attrString, attrValue, blocksOf, firstBlock, memo, metadataName, moduleName, resolveResource, resourcesOf } from './blocks';
import { type ContainerRef, type Workload, containers, workloads } from './workloads';

/** What the storage views need to know of the cluster's storage classes (the lint facts supplies it). */
export interface StorageClassFacts {
  bindingMode: 'Immediate' | 'WaitForFirstConsumer';
  /** Backed by network storage (data reachable from every node). */
  network: boolean;
  /** Served over NFS. */
  nfs: boolean;
}

export interface StorageFacts {
  storageClasses: Record<string, StorageClassFacts>;
  /** Host path under which GlusterFS bricks are mounted on the nodes. */
  glusterfsRoot: string;
}

/** Pod volumes by name (name unknown: skipped). */
export const podVolumes: (workload: Workload) => ReadonlyMap<string, Block> = memo((workload) => {
  const volumes = new Map<string, Block>();
  for (const v of blocksOf(workload.podSpec, 'volume')) {
    const name = attrString(v, 'name');
    if (name !== undefined) volumes.set(name, v);
  }
  return volumes;
});

/** A volume the containers of a pod may mount: a pod `volume` block or a StatefulSet `volume_claim_template`. */
export interface DeclaredVolume {
  name: string;
  block: Block;
  claimTemplate: boolean;
}

/** The volumes a pod's containers may mount by name; `closed` when every name is known (no dynamic or unnamed one). */
export interface DeclaredVolumes {
  byName: ReadonlyMap<string, DeclaredVolume>;
  closed: boolean;
}

/**
 * The one reading of a pod's volumes every rule shares: its `volume` blocks and,
 * for a StatefulSet, the claims of its `volume_claim_template`s, which the
 * containers mount by the template's metadata name.
 */
export const declaredVolumes: (workload: Workload) => DeclaredVolumes = memo((workload) => {
  const byName = new Map<string, DeclaredVolume>();
  let closed = true;
  const add = (block: Block, name: string | undefined, claimTemplate: boolean): void => {
    if (block.dynamic || name === undefined) closed = false;
    if (name !== undefined && !byName.has(name)) byName.set(name, { name, block, claimTemplate });
  };
  for (const block of blocksOf(workload.podSpec, 'volume')) add(block, attrString(block, 'name'), false);
  if (workload.resource.canonicalType === 'kubernetes_stateful_set')
    for (const block of blocksOf(workload.spec, 'volume_claim_template'))
      add(block, attrString(firstBlock(block, 'metadata'), 'name'), true);
  return { byName, closed };
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

/**
 * The storage view the `storage/*` rules share: claims (PVC resources and
 * StatefulSet claim templates), their storage class, what backs each volume
 * mount of a container, and the absolute paths a container's strings name.
 */

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
export const claims: (module: TfModule) => readonly Claim[] = memo((module) => {
  const pvcs = resourcesOf(module, 'kubernetes_persistent_volume_claim').filter((r) => r.mode === 'resource');
  const sets = resourcesOf(module, 'kubernetes_stateful_set').filter((r) => r.mode === 'resource');
  return [
    ...pvcs.map((resource) => claimFrom(resource, resource.block, false)),
    ...sets.flatMap((resource) =>
      blocksOf(firstBlock(resource.block, 'spec'), 'volume_claim_template').map((block) => claimFrom(resource, block, true)),
    ),
  ];
});

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

/** A class the facts describes; classes it does not know are never judged. */
export function storageClass(facts: StorageFacts, name: string | undefined): StorageClassFacts | undefined {
  if (name === undefined || !Object.hasOwn(facts.storageClasses, name)) return undefined;
  return facts.storageClasses[name];
}

/** A configured class with the wanted property, for messages that suggest a move (e.g. a class that is not NFS). */
export function classWhere(facts: StorageFacts, test: (storage: StorageClassFacts) => boolean): string | undefined {
  return Object.entries(facts.storageClasses).find(([, storage]) => test(storage))?.[0];
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
  /** `read_only = true` on the mount. */
  readOnly: boolean;
}

/** The volume mounts of a container whose volume name and path are known. */
export function mountsOf(module: TfModule, facts: StorageFacts, container: ContainerRef): Mount[] {
  const volumes = declaredVolumes(container.workload).byName;
  const out: Mount[] = [];
  for (const block of blocksOf(container.block, 'volume_mount')) {
    const volume = attrString(block, 'name');
    const attribute = attr(block, 'mount_path');
    const path = stringOf(attribute?.value());
    if (volume === undefined || attribute === undefined || path === undefined || !path.startsWith('/')) continue;
    const declared = volumes.get(volume);
    const volumeBlock = declared && !declared.claimTemplate ? declared.block : undefined;
    const backing =
      declared === undefined
        ? undefined
        : declared.claimTemplate
          ? backingOfTemplate(facts, declared)
          : backingOfVolume(module, facts, declared.block);
    const readOnly = attrValue(block, 'read_only');
    out.push({
      container,
      path: normalisePath(path),
      volume,
      attribute,
      backing,
      volumeBlock,
      readOnly: readOnly?.kind === 'bool' && readOnly.value,
    });
  }
  return out;
}

function classBacking(facts: StorageFacts, className: string | undefined, claimName: string | undefined): Backing | undefined {
  const storage = storageClass(facts, className);
  if (!storage || className === undefined) return undefined;
  const claim = claimName === undefined ? 'a claim' : `claim "${claimName}"`;
  return {
    description: `${claim} of class "${className}"`,
    network: storage.network,
    nfs: storage.nfs,
    className,
    names: claimName === undefined ? [] : [claimName],
  };
}

function backingOfVolume(module: TfModule, facts: StorageFacts, volume: Block): Backing | undefined {
  if (firstBlock(volume, 'persistent_volume_claim')) {
    const resource = claimOfVolume(module, volume);
    if (!resource) return undefined;
    const claim = claimFrom(resource, resource.block, false);
    const cls = classOf(claim.spec);
    return cls.kind === 'known' ? classBacking(facts, cls.name, claim.name) : undefined;
  }
  const ephemeral = firstBlock(volume, 'ephemeral', 'volume_claim_template', 'spec');
  if (ephemeral) {
    const cls = classOf(ephemeral);
    return cls.kind === 'known' ? classBacking(facts, cls.name, undefined) : undefined;
  }
  const hostPath = attrString(firstBlock(volume, 'host_path'), 'path');
  if (hostPath !== undefined && isWithin(normalisePath(hostPath), normalisePath(facts.glusterfsRoot))) {
    return {
      description: `hostPath "${hostPath}" under the GlusterFS root "${facts.glusterfsRoot}"`,
      network: true,
      nfs: false,
      names: [hostPath],
    };
  }
  // An `nfs` pod volume mounts an NFS export directly.
  const nfs = firstBlock(volume, 'nfs');
  if (nfs) return { description: `NFS volume "${attrString(nfs, 'path') ?? '?'}"`, network: true, nfs: true, names: [] };
  return undefined;
}

/** The claim a StatefulSet's claim template gives each pod. */
function backingOfTemplate(facts: StorageFacts, template: DeclaredVolume): Backing | undefined {
  const cls = classOf(firstBlock(template.block, 'spec'));
  return cls.kind === 'known' ? classBacking(facts, cls.name, template.name) : undefined;
}

// ---------------------------------------------------------------------------
// Paths

/** An absolute path after a separator: plain paths, `--flag=/x`, `sqlite:///x`, `unix:///x.sock`, `sh -c` command lines. */
const ABSOLUTE_PATH = /(?:^|[\s=:,;'"(])(\/[^\s'",;?#)]*)/g;

/** Absolute paths named in a text. */
export function absolutePaths(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(ABSOLUTE_PATH)) {
    const raw = match[1];
    if (raw !== undefined && raw.replace(/\//g, '') !== '') out.push(normalisePath(raw));
  }
  return out;
}

/**
 * Known annotations of a claim's metadata: the certain entries, `open` when the
 * map may hold other keys (`merge(local.annotations, var.extra)`), or undefined
 * when nothing of it can be read.
 */
export function annotationsOf(
  metadata: Block | undefined,
): { attribute: Attribute | undefined; entries: Map<string, LVal>; open: boolean } | undefined {
  const attribute = attr(metadata, 'annotations');
  if (!attribute) return { attribute: undefined, entries: new Map(), open: false };
  const map = knownMap(attribute.value());
  return map && { attribute, entries: new Map(map.entries.map((entry) => [entry.key, entry.value])), open: map.open };
}

// ---------------------------------------------------------------------------
// Containers with their mounts

export interface ContainerMounts {
  container: ContainerRef;
  mounts: Mount[];
}

/** Three rules ask for the same mounts of the same module under the same facts. */
const mountsCache = new WeakMap<TfModule, { facts: StorageFacts; value: readonly ContainerMounts[] }>();

/** Every container (init containers included) of every workload, with its resolved mounts. */
export function containersWithMounts(module: TfModule, facts: StorageFacts): readonly ContainerMounts[] {
  const cached = mountsCache.get(module);
  if (cached?.facts === facts) return cached.value;
  const value = workloads(module).flatMap((workload) =>
    containers(workload).map((container) => ({ container, mounts: mountsOf(module, facts, container) })),
  );
  mountsCache.set(module, { facts, value });
  return value;
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
