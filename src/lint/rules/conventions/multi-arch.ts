import type { Constitution } from '../../constitution';
import { attr, blocksOf, firstBlock } from '../../../terraform/k8s/blocks';
import { containerImage } from '../../../terraform/k8s/images';
import { containers, workloads, type Workload } from '../../../terraform/k8s/workloads';
import { createRule } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { Block } from '../../../terraform/types';
import { entryOf, stringOf, stringsOf } from '../../../terraform/values';
import { normaliseImage } from '../../../terraform/k8s/images';

/**
 * The cluster mixes amd64 and arm64 nodes. A pod whose image exists for one
 * architecture only crash-loops with `exec format error` wherever the scheduler
 * happens to put it on the other kind, so its pod spec must pin the architecture.
 */

/** The well-known node label the scheduler matches architectures on. */
const ARCH_LABEL = 'kubernetes.io/arch';

/** What a pod spec allows: `any` arch, some `only` set, or `unknown` (not readable statically). */
type ArchConstraint = { kind: 'any' } | { kind: 'only'; arches: string[]; range: Range } | { kind: 'unknown' };

export default createRule({
  id: 'conventions/multi-arch',
  defaultSeverity: 'error',
  summary: 'Pods running single-architecture images are pinned to that architecture',
  messages: {
    unpinned:
      'Image {{image}} exists for {{arch}} only: add node_selector = { "kubernetes.io/arch" = "{{arch}}" } (or a required node affinity on kubernetes.io/arch In [{{arch}}]) to the pod spec',
    wrongArch: 'Image {{image}} exists for {{arch}} only but the pod is pinned to {{pinned}}: set kubernetes.io/arch to "{{arch}}"',
  },
  check(context) {
    const singleArch = singleArchOf(context.constitution);
    if (singleArch.size === 0) return;
    for (const workload of workloads(context.module)) {
      let constraint: ArchConstraint | undefined;
      for (const container of containers(workload)) {
        const image = containerImage(container.block);
        const name = image?.name.written;
        const arch = name === undefined ? undefined : singleArch.get(normaliseImage(name));
        if (!image || name === undefined || arch === undefined) continue;
        constraint ??= archConstraint(workload);
        if (constraint.kind === 'unknown') break;
        if (constraint.kind === 'any') {
          context.report({
            messageId: 'unpinned',
            data: { image: name, arch },
            range: image.attribute.range,
            address: workload.resource.address,
          });
        } else if (constraint.arches.some((a) => a !== arch)) {
          const data = { image: name, arch, pinned: constraint.arches.join(', ') };
          context.report({ messageId: 'wrongArch', data, range: constraint.range, address: workload.resource.address });
        }
      }
    }
  },
});

const singleArchCache = new WeakMap<Constitution, ReadonlyMap<string, string>>();

/** Single-architecture images by normalised name, once per constitution rather than once per module. */
function singleArchOf(constitution: Constitution): ReadonlyMap<string, string> {
  let map = singleArchCache.get(constitution);
  if (map === undefined) {
    map = new Map(constitution.singleArchImages.map((entry) => [normaliseImage(entry.image), entry.arch]));
    singleArchCache.set(constitution, map);
  }
  return map;
}

/** The node selector pins first; a required node affinity counts when the selector says nothing. */
function archConstraint(workload: Workload): ArchConstraint {
  const fromSelector = selectorConstraint(workload.podSpec);
  if (fromSelector.kind !== 'any') return fromSelector;
  return affinityConstraint(workload.podSpec);
}

function selectorConstraint(podSpec: Block | undefined): ArchConstraint {
  const selector = attr(podSpec, 'node_selector');
  if (!selector) return { kind: 'any' };
  const value = selector.value();
  if (value.kind === 'unknown') return { kind: 'unknown' };
  const entry = entryOf(value, ARCH_LABEL);
  if (!entry) return { kind: 'any' };
  const arch = stringOf(entry.value);
  return arch === undefined ? { kind: 'unknown' } : { kind: 'only', arches: [arch], range: selector.range };
}

/**
 * Node selector terms are alternatives: the affinity pins the architecture
 * only when every term has an `In` expression on the arch label.
 */
function affinityConstraint(podSpec: Block | undefined): ArchConstraint {
  const required = firstBlock(podSpec, 'affinity', 'node_affinity', 'required_during_scheduling_ignored_during_execution');
  const terms = blocksOf(required, 'node_selector_term');
  if (terms.length === 0) return { kind: 'any' };
  if (required?.dynamic || terms.some((t) => t.dynamic)) return { kind: 'unknown' };
  const arches = new Set<string>();
  let range: Range | undefined;
  for (const term of terms) {
    const expression = archExpression(term);
    if (expression === 'unknown') return { kind: 'unknown' };
    if (!expression) return { kind: 'any' };
    expression.arches.forEach((a) => arches.add(a));
    range ??= expression.range;
  }
  return range ? { kind: 'only', arches: [...arches], range } : { kind: 'any' };
}

function archExpression(term: Block): { arches: string[]; range: Range } | 'unknown' | undefined {
  for (const expression of blocksOf(term, 'match_expressions')) {
    if (expression.dynamic) return 'unknown';
    const key = attr(expression, 'key')?.value();
    const operator = attr(expression, 'operator')?.value();
    const values = attr(expression, 'values');
    if (key?.kind === 'unknown' || operator?.kind === 'unknown') return 'unknown';
    if (stringOf(key) !== ARCH_LABEL || stringOf(operator) !== 'In' || !values) continue;
    const value = values.value();
    const arches = stringsOf(value);
    if (value.kind !== 'tuple' || arches.length !== value.items.length || arches.length === 0) return 'unknown';
    return { arches, range: values.range };
  }
  return undefined;
}
