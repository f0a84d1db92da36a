/**
 * The storage view the `storage/*` rules share: claims (PVC resources and
 * StatefulSet claim templates), their storage class, what backs each volume
 * mount of a container, and the absolute paths a container's strings name.
 */
import type { Constitution, StorageClass } from '../../constitution';
import {
  attr,
  attrString,
  blocksOf,
  claimOfVolume,
  containers,
  firstBlock,
  isWithin,
  memo,
  metadataName,
  moduleName,
  mountOfPath,
  normalisePath,
  podVolumes,
  resourcesOf,
  workloads,
  type ContainerRef,
  type Workload,
} from '../../k8s';
import type { Attribute, Block, LVal, Range, Resource, TfModule } from '../../types';
import { mapOf, stringOf } from '../../values';

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
    ...sets.flatMap((resource) => blocksOf(firstBlock(resource.block, 'spec'), 'volume_claim_template').map((block) => claimFrom(resource, block, true))),
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

/** A class the constitution describes; classes it does not know are never judged. */
export function storageClass(constitution: Constitution, name: string | undefined): StorageClass | undefined {
  if (name === undefined || !Object.hasOwn(constitution.storageClasses, name)) return undefined;
  return constitution.storageClasses[name];
}

/** A configured class with the wanted property, for messages that suggest a move (e.g. a class that is not NFS). */
export function classWhere(constitution: Constitution, test: (storage: StorageClass) => boolean): string | undefined {
  return Object.entries(constitution.storageClasses).find(([, storage]) => test(storage))?.[0];
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

/** Three rules ask for the same mounts of the same module under the same constitution. */
const mountsCache = new WeakMap<TfModule, { constitution: Constitution; value: readonly ContainerMounts[] }>();

/** Every container (init containers included) of every workload, with its resolved mounts. */
export function containersWithMounts(module: TfModule, constitution: Constitution): readonly ContainerMounts[] {
  const cached = mountsCache.get(module);
  if (cached?.constitution === constitution) return cached.value;
  const value = workloads(module).flatMap((workload) => containers(workload).map((container) => ({ container, mounts: mountsOf(module, constitution, container) })));
  mountsCache.set(module, { constitution, value });
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
