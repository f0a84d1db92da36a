import { blocksOf } from '../../../terraform/k8s/blocks';
import { containers, workloads, type ContainerRef } from '../../../terraform/k8s/workloads';
import { createRule } from '../../rule';

/**
 * Every container of a long-running workload needs both probes: liveness lets
 * the kubelet restart a hung process, readiness keeps a starting or overloaded
 * pod out of its Service. Init containers and Jobs run to completion, so they
 * are not asked for probes.
 */
export default createRule({
  id: 'health/probes',
  defaultSeverity: 'error',
  summary: 'Containers of Deployments, StatefulSets and DaemonSets define liveness and readiness probes.',
  messages: {
    missingBoth: 'Container "{{container}}" has no liveness_probe and no readiness_probe; add both (e.g. http_get on its health endpoint)',
    missingLiveness: 'Container "{{container}}" has no liveness_probe; add one so a hung process is restarted',
    missingReadiness: 'Container "{{container}}" has no readiness_probe; add one so the Service only routes to ready pods',
  },
  check({ module, report }) {
    for (const workload of workloads(module)) {
      if (!workload.longRunning) continue;
      for (const container of containers(workload, { init: false })) {
        const messageId = missingProbes(container);
        if (messageId === undefined) continue;
        report({
          messageId,
          data: { container: container.name ?? 'unnamed' },
          range: container.block.headerRange,
          address: workload.resource.address,
        });
      }
    }
  },
});

/** A `dynamic "liveness_probe"` block counts: it appears as a block of that type. */
function missingProbes(container: ContainerRef): 'missingBoth' | 'missingLiveness' | 'missingReadiness' | undefined {
  const liveness = blocksOf(container.block, 'liveness_probe').length > 0;
  const readiness = blocksOf(container.block, 'readiness_probe').length > 0;
  if (!liveness && !readiness) return 'missingBoth';
  if (!liveness) return 'missingLiveness';
  if (!readiness) return 'missingReadiness';
  return undefined;
}
