import { attr, attrString, attrValue, firstBlock, metadataName, resourcesOf } from '../../../terraform/k8s/blocks';
import { podVolumes, storageClass } from '../../../terraform/k8s/storage';
import { workloads } from '../../../terraform/k8s/workloads';
import type { Range } from '../../../hcl/syntax';
import type { Attribute, Block, Resource, TfModule } from '../../../terraform/types';
import { createRule } from '../../rule';

const ID = 'storage/nfs-mount-options';

/** Provisioners and CSI drivers that serve volumes over NFS (`nfs.csi.k8s.io`, `k8s-sigs.io/nfs-subdir-external-provisioner`...). */
const NFS_DRIVER = /(^|[./-])nfs([./-]|$)/i;

type Softness = 'soft' | 'hard' | 'unknown';

/**
 * Whether a `mount_options` list mounts soft: the last of `soft`/`hard` wins, as
 * in mount(8); none of them is a hard mount. An option that cannot be read may be
 * `soft`, so then the answer is unknown.
 */
function softness(attribute: Attribute | undefined): Softness {
  const value = attribute?.value();
  if (value === undefined || value.kind === 'null') return 'hard';
  if (value.kind !== 'tuple') return 'unknown';
  let last: Softness = 'hard';
  for (const item of value.items) {
    if (item.kind !== 'string') return 'unknown';
    for (const option of item.value.split(',').map((o) => o.trim())) if (option === 'soft' || option === 'hard') last = option;
  }
  return last;
}

/** The fix the messages suggest, with `ro` for a read-only export. */
function fixOptions(readOnly: boolean): string {
  return `mount_options = ["soft", "timeo=30", "retrans=3"${readOnly ? ', "ro"' : ''}]`;
}

type MessageId = 'inline' | 'volume' | 'storageClass';

interface Finding {
  messageId: MessageId;
  data: Record<string, string>;
  range: Range;
  address: string;
  /** Names a constitution exception may use besides the module and the resource: the pod volume's. */
  subjects?: string[];
  /** The class a constitution exception may name. */
  storageClass?: string;
}

/** The mount options of an NFS PersistentVolume (`nfs` source or the NFS CSI driver). */
function checkVolume(resource: Resource): Finding | undefined {
  const spec = firstBlock(resource.block, 'spec');
  const source = firstBlock(spec, 'persistent_volume_source');
  const nfs = firstBlock(source, 'nfs');
  const csi = firstBlock(source, 'csi');
  const driver = attrString(csi, 'driver');
  const exported = nfs ?? (driver !== undefined && NFS_DRIVER.test(driver) ? csi : undefined);
  if (!exported) return undefined;
  const options = attr(spec, 'mount_options');
  if (softness(options) !== 'hard') return undefined;
  const readOnly = attrValue(exported, 'read_only');
  const data = {
    volume: metadataName(resource) ?? resource.address,
    fix: fixOptions(readOnly?.kind === 'bool' && readOnly.value),
  };
  const className = attrString(spec, 'storage_class_name');
  const finding: Finding = { messageId: 'volume', data, range: options?.range ?? exported.headerRange, address: resource.address };
  return className === undefined ? finding : { ...finding, storageClass: className };
}

/** The mount options of a StorageClass whose provisioner serves NFS, or that the constitution says is NFS. */
function checkClass(resource: Resource, nfsClass: boolean): Finding | undefined {
  const provisioner = attrString(resource.block, 'storage_provisioner');
  if (!nfsClass && (provisioner === undefined || !NFS_DRIVER.test(provisioner))) return undefined;
  const options = attr(resource.block, 'mount_options');
  if (softness(options) !== 'hard') return undefined;
  const name = metadataName(resource);
  const range = options?.range ?? attr(resource.block, 'storage_provisioner')?.range ?? resource.block.headerRange;
  const finding: Finding = {
    messageId: 'storageClass',
    data: { class: name ?? resource.address, fix: fixOptions(false) },
    range,
    address: resource.address,
  };
  return name === undefined ? finding : { ...finding, storageClass: name };
}

/** Inline `nfs` pod volumes: they take no mount options at all. */
function inlineVolumes(module: TfModule, report: (finding: Finding) => void): void {
  for (const workload of workloads(module)) {
    for (const [name, volume] of podVolumes(workload)) {
      const nfs: Block | undefined = firstBlock(volume, 'nfs');
      if (!nfs) continue;
      const readOnly = attrValue(nfs, 'read_only');
      const data = {
        volume: name,
        server: attrString(nfs, 'server') ?? '?',
        path: attrString(nfs, 'path') ?? '?',
        fix: fixOptions(readOnly?.kind === 'bool' && readOnly.value),
      };
      report({ messageId: 'inline', data, range: nfs.headerRange, address: workload.resource.address, subjects: [name] });
    }
  }
}

export default createRule({
  id: ID,
  defaultSeverity: 'error',
  summary:
    'NFS volumes mount `soft`: no inline `nfs` pod volume, and NFS PersistentVolumes and StorageClasses set `mount_options` with `soft`',
  messages: {
    inline:
      'Volume "{{volume}}" mounts the NFS export {{server}}:{{path}} inline, which takes no mount options, so it is mounted `hard`: when the server goes away every process touching it hangs and the node needs a reboot: use a PersistentVolume with `{{fix}}` and a claim bound to it',
    volume:
      'PersistentVolume "{{volume}}" is NFS without the `soft` mount option, so it is mounted `hard`: when the server goes away every process touching it hangs and the node needs a reboot: set `{{fix}}` (a deliberate hard mount takes a constitution exception with its reason)',
    storageClass:
      'StorageClass "{{class}}" provisions NFS volumes without the `soft` mount option, so they are mounted `hard`: when the server goes away every process touching them hangs and the node needs a reboot: set `{{fix}}` (a deliberate hard mount takes a constitution exception with its reason)',
  },
  check({ module, constitution, report }) {
    inlineVolumes(module, report);
    for (const resource of resourcesOf(module, 'kubernetes_persistent_volume')) {
      const finding = resource.mode === 'resource' ? checkVolume(resource) : undefined;
      if (finding) report(finding);
    }
    for (const resource of resourcesOf(module, 'kubernetes_storage_class')) {
      const finding =
        resource.mode === 'resource' ? checkClass(resource, storageClass(constitution, metadataName(resource))?.nfs === true) : undefined;
      if (finding) report(finding);
    }
  },
});
