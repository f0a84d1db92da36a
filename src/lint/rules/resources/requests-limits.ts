import { attrValue, firstBlock } from '../../../terraform/k8s/blocks';
import { containers, workloads } from '../../../terraform/k8s/workloads';
import { createRule } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { Block, LVal } from '../../../terraform/types';

/**
 * Requests let the scheduler place pods on a cluster of unequal nodes; a memory
 * limit stops one leaking container from taking a node down with it. A CPU
 * limit is not required: throttling is a choice, not a safety net.
 */
export default createRule({
  id: 'resources/requests-limits',
  defaultSeverity: 'error',
  summary: 'Containers (init containers too) set cpu and memory requests and a memory limit.',
  messages: {
    noResources: 'Container "{{container}}" has no resources block; add requests (cpu, memory) and a memory limit',
    missingRequests: 'Container "{{container}}" does not request {{missing}}; add it to resources.requests',
    missingMemoryLimit: 'Container "{{container}}" has no memory limit; add memory to resources.limits',
  },
  check({ module, report }) {
    for (const workload of workloads(module)) {
      for (const container of containers(workload)) {
        const address = workload.resource.address;
        const name = container.name ?? 'unnamed';
        const resources = firstBlock(container.block, 'resources');
        if (!resources) {
          report({ messageId: 'noResources', data: { container: name }, range: container.block.headerRange, address });
          continue;
        }
        const missing = missingKeys(resources, 'requests', ['cpu', 'memory']);
        if (missing)
          report({
            messageId: 'missingRequests',
            data: { container: name, missing: missing.keys.join(' and ') },
            range: missing.range,
            address,
          });
        const noMemoryLimit = missingKeys(resources, 'limits', ['memory']);
        if (noMemoryLimit) report({ messageId: 'missingMemoryLimit', data: { container: name }, range: noMemoryLimit.range, address });
      }
    }
  },
});

/**
 * Keys absent from `requests`/`limits` (a map attribute in provider 2.x, a block
 * in older providers), with where to report. A map that is unknown as a whole
 * (`requests = var.requests`) counts as set: its keys cannot be known.
 */
function missingKeys(resources: Block, field: string, wanted: string[]): { keys: string[]; range: Range } | undefined {
  const asBlock = firstBlock(resources, field);
  if (asBlock) {
    const keys = wanted.filter((key) => asBlock.attributes[key] === undefined);
    return keys.length > 0 ? { keys, range: asBlock.headerRange } : undefined;
  }
  const attribute = resources.attributes[field];
  if (!attribute) return { keys: wanted, range: resources.headerRange };
  const keys = presentKeys(attrValue(resources, field));
  if (keys === undefined) return undefined;
  const absent = wanted.filter((key) => !keys.has(key));
  return absent.length > 0 ? { keys: absent, range: attribute.range } : undefined;
}

/** Keys of a known map whose values are not null; undefined when the map is unknown. */
function presentKeys(value: LVal | undefined): Set<string> | undefined {
  if (value?.kind === 'null') return new Set();
  if (value?.kind !== 'object') return undefined;
  return new Set(value.entries.filter((entry) => entry.value.kind !== 'null').map((entry) => entry.key));
}
