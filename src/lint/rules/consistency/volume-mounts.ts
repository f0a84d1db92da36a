import { attr, blocksOf } from '../../../terraform/k8s/blocks';
import { declaredVolumes } from '../../../terraform/k8s/storage';
import { containers, workloads, type ContainerRef, type Workload } from '../../../terraform/k8s/workloads';
import { createRule, type RuleContext } from '../../rule';

/**
 * A volume_mount must name a volume of its pod (a `volume` block, or a
 * StatefulSet's `volume_claim_template`), and a container cannot mount
 * two volumes at one path: the API server rejects both, but only at apply time.
 */
export default createRule({
  id: 'consistency/volume-mounts',
  defaultSeverity: 'error',
  summary: 'Volume mounts name a declared pod volume and use each mount path once per container',
  messages: {
    undeclared:
      'Container "{{container}}" mounts volume "{{volume}}", which the pod does not declare: add a volume block (or, in a StatefulSet, a volume_claim_template) named "{{volume}}" or fix the name (declared: {{declared}})',
    duplicatePath: 'Container "{{container}}" mounts two volumes at "{{path}}": give each volume_mount its own mount_path',
  },
  check(context) {
    for (const workload of workloads(context.module)) {
      // A dynamic or unnamed volume may declare any name: only literal volume lists can be checked.
      const { closed } = declaredVolumes(workload);
      for (const container of containers(workload)) {
        if (closed) checkNames(context, workload, container);
        checkPaths(context, workload, container);
      }
    }
  },
});

type Context = RuleContext<Record<string, never>>;

function containerLabel(container: ContainerRef): string {
  return container.name ?? (container.init ? 'init_container' : 'container');
}

function checkNames(context: Context, workload: Workload, container: ContainerRef): void {
  const declared = declaredVolumes(workload).byName;
  for (const mount of blocksOf(container.block, 'volume_mount')) {
    const name = attr(mount, 'name');
    const value = name?.value();
    if (!name || value?.kind !== 'string' || declared.has(value.value)) continue;
    const data = { container: containerLabel(container), volume: value.value, declared: [...declared.keys()].join(', ') || 'none' };
    context.report({ messageId: 'undeclared', data, range: name.range, address: workload.resource.address });
  }
}

function checkPaths(context: Context, workload: Workload, container: ContainerRef): void {
  const seen = new Set<string>();
  for (const mount of blocksOf(container.block, 'volume_mount')) {
    // A dynamic mount repeats once per element; its paths are not known here.
    if (mount.dynamic) continue;
    const path = attr(mount, 'mount_path');
    const value = path?.value();
    if (!path || value?.kind !== 'string') continue;
    const normalised = value.value.replace(/\/+$/, '') || '/';
    if (seen.has(normalised)) {
      context.report({
        messageId: 'duplicatePath',
        data: { container: containerLabel(container), path: value.value },
        range: path.range,
        address: workload.resource.address,
      });
    }
    seen.add(normalised);
  }
}
