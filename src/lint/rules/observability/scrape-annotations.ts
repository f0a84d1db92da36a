import { z } from 'zod';
import { attr, attrValue, blocksOf, firstBlock } from '../../../terraform/k8s/blocks';
import { podTargets, selection, serviceSelector, services, type PodTarget } from '../../../terraform/k8s/services';
import { containers, workloads } from '../../../terraform/k8s/workloads';
import { createRule, type RuleContext } from '../../rule';
import type { Block, LVal, Resource } from '../../../terraform/types';
import { keyIn } from '../../../terraform/values';

/**
 * The cluster's Prometheus discovers targets by annotation (its
 * kubernetes-pods and kubernetes-service-endpoints jobs keep only annotated
 * ones), so a metrics port without the annotation is never scraped.
 */

const options = z
  .object({
    /** Port names that mean "Prometheus metrics here". */
    portNames: z.array(z.string().min(1)).default(['metrics']),
    /** The annotation Prometheus's relabelling keeps targets by. */
    annotation: z.string().min(1).default('prometheus.io/scrape'),
  })
  .strict()
  .default({ portNames: ['metrics'], annotation: 'prometheus.io/scrape' });

type Options = z.infer<typeof options>;
type Context = RuleContext<Options>;

export default createRule<Options>({
  id: 'observability/scrape-annotations',
  defaultSeverity: 'info',
  summary: 'Ports named metrics are announced to Prometheus with a scrape annotation',
  messages: {
    service:
      'Service "{{name}}" exposes port "{{port}}" but neither it nor its pods are annotated: add annotations = { "{{annotation}}" = "true" } to its metadata',
    pod: 'Container "{{container}}" exposes port "{{port}}" but its pod template is not annotated: add annotations = { "{{annotation}}" = "true", "prometheus.io/port" = "<port>" } to the template metadata',
  },
  options,
  check(context) {
    const targets = podTargets(context.module);
    const managed = services(context.module);
    for (const service of managed) checkService(context, service, targets);
    for (const workload of workloads(context.module)) {
      const target = targets.find((t) => t.resource === workload.resource);
      if (!target) continue;
      for (const container of containers(workload)) {
        for (const port of metricsPorts(context, container.block, 'port')) {
          const annotated = targetAnnotated(context, target, managed);
          if (annotated !== false) continue;
          const data = { container: container.name ?? 'container', port: port.name, annotation: context.options.annotation };
          context.report({ messageId: 'pod', data, range: port.range, address: workload.resource.address });
        }
      }
    }
  },
});

/** `port` blocks of a block whose `name` is one of the metrics names, with the name attribute's range. */
function metricsPorts(context: Context, block: Block, type: string): Array<{ name: string; range: Block['range'] }> {
  return blocksOf(block, type).flatMap((port) => {
    const name = attr(port, 'name');
    const value = name?.value();
    return name && value?.kind === 'string' && context.options.portNames.includes(value.value)
      ? [{ name: value.value, range: name.range }]
      : [];
  });
}

/** true, false, or undefined when the annotations are not statically known. */
function hasAnnotation(context: Context, annotations: LVal | undefined): boolean | undefined {
  if (annotations === undefined || annotations.kind === 'null') return false;
  const found = keyIn(annotations, context.options.annotation);
  return found === 'undecided' ? undefined : found !== 'absent';
}

function serviceAnnotated(context: Context, service: Resource): boolean | undefined {
  return hasAnnotation(context, attrValue(firstBlock(service.block, 'metadata'), 'annotations'));
}

function checkService(context: Context, service: Resource, targets: readonly PodTarget[]): void {
  for (const port of metricsPorts(context, firstBlock(service.block, 'spec') ?? service.block, 'port')) {
    if (serviceAnnotated(context, service) !== false) return;
    // Pods annotated for the kubernetes-pods job are scraped already.
    const selector = serviceSelector(service);
    if (!selector) return;
    const { matched, undecided } = selection(selector.value, targets);
    const podSide = matched.map((t) => hasAnnotation(context, t.annotations));
    if (undecided || podSide.some((a) => a !== false)) return;
    const data = { name: service.name, port: port.name, annotation: context.options.annotation };
    context.report({ messageId: 'service', data, range: port.range, address: service.address });
  }
}

/** A pod is announced by its own annotation or by a Service that selects it and carries one. */
function targetAnnotated(context: Context, target: PodTarget, services: readonly Resource[]): boolean | undefined {
  const own = hasAnnotation(context, target.annotations);
  if (own !== false) return own;
  let result: boolean | undefined = false;
  for (const service of services) {
    const selected = selectsTarget(service, target);
    const annotated = selected === false ? false : serviceAnnotated(context, service);
    if (annotated === false) continue;
    if (selected === true && annotated === true) return true;
    result = undefined;
  }
  return result;
}

function selectsTarget(service: Resource, target: PodTarget): boolean | undefined {
  const selector = serviceSelector(service);
  if (selector) {
    const { matched, undecided } = selection(selector.value, [target]);
    return matched.length > 0 ? true : undecided ? undefined : false;
  }
  const raw = attr(firstBlock(service.block, 'spec'), 'selector')?.value();
  return raw === undefined || (raw.kind === 'object' && raw.entries.length === 0) ? false : undefined;
}
