import { attr, attrString, blocksOf, firstBlock } from '../../../terraform/k8s/blocks';
import { podVolumes } from '../../../terraform/k8s/storage';
import { containers, resourceEntries, workloads, type ContainerRef } from '../../../terraform/k8s/workloads';
import type { LVal } from '../../../terraform/types';
import { compareQuantities, quantityOf, type Quantity } from '../../../util/quantity';
import { createRule } from '../../rule';

interface Amount {
  quantity: Quantity;
  /** As written, for messages. */
  text: string;
}

/** A known quantity value (`"4Gi"`, or a number of bytes). */
function amountOf(value: LVal | undefined): Amount | undefined {
  if (value?.kind !== 'string' && value?.kind !== 'number') return undefined;
  const quantity = quantityOf(value.value);
  return quantity && { quantity, text: String(value.value) };
}

/** The containers that mount a pod volume by name. */
function mountedBy(all: readonly ContainerRef[], volume: string): ContainerRef[] {
  return all.filter((container) => blocksOf(container.block, 'volume_mount').some((mount) => attrString(mount, 'name') === volume));
}

/**
 * The smallest known memory limit among the containers, with its container.
 * A container whose limit cannot be read is left out: it is never judged.
 */
function smallestLimit(mounting: ContainerRef[]): (Amount & { container: ContainerRef }) | undefined {
  let best: (Amount & { container: ContainerRef }) | undefined;
  for (const container of mounting) {
    const limit = amountOf(resourceEntries(container.block, 'limits')?.get('memory')?.value);
    if (limit && (!best || compareQuantities(limit.quantity, best.quantity) < 0)) best = { ...limit, container };
  }
  return best;
}

export default createRule({
  id: 'resources/memory-emptydir',
  defaultSeverity: 'error',
  summary: 'A memory-backed emptyDir (tmpfs) has a `size_limit` below the memory limit of every container that mounts it',
  messages: {
    noLimit:
      'Volume "{{volume}}" is a memory-backed emptyDir (tmpfs) without `size_limit`: what is written there counts against the memory limit, so filling it OOM-kills the pod: set `size_limit` well below the memory limit of the containers that mount it',
    tooLarge:
      'Volume "{{volume}}" may hold {{size}} of tmpfs, but container "{{container}}" that mounts it has a memory limit of {{limit}}: the pod is OOM-killed before the volume is full: set `size_limit` below {{limit}} (leave room for the process), or raise the limit',
  },
  check({ module, report }) {
    for (const workload of workloads(module)) {
      const all = containers(workload);
      for (const [name, volume] of podVolumes(workload)) {
        const emptyDir = firstBlock(volume, 'empty_dir');
        const medium = attr(emptyDir, 'medium');
        const mediumValue = medium?.value();
        if (!emptyDir || !medium || mediumValue?.kind !== 'string' || mediumValue.value !== 'Memory') continue;
        const address = workload.resource.address;
        const sizeLimit = attr(emptyDir, 'size_limit');
        const sizeValue = sizeLimit?.value();
        if (!sizeLimit || sizeValue?.kind === 'null') {
          report({ messageId: 'noLimit', data: { volume: name }, range: medium.range, address });
          continue;
        }
        const size = amountOf(sizeValue);
        const smallest = size && smallestLimit(mountedBy(all, name));
        if (!size || !smallest || compareQuantities(size.quantity, smallest.quantity) < 0) continue;
        const data = { volume: name, size: size.text, container: smallest.container.name ?? 'unnamed', limit: smallest.text };
        report({ messageId: 'tooLarge', data, range: sizeLimit.range, address });
      }
    }
  },
});
