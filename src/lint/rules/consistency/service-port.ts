import { attr } from '../../../terraform/k8s/blocks';
import { portIn, servicePortBlocks, type PodTarget, type PortSet } from '../../../terraform/k8s/services';
import { createRule } from '../../rule';
import { addresses, selectedServices } from '../../../terraform/k8s/services';

/**
 * A Service port forwards to `target_port` on the selected pods: a name must be
 * a declared container port name, a number a declared container port. Which
 * pods are selected is consistency/service-selector's business; this rule only
 * speaks when the selection is certain.
 */
export default createRule({
  id: 'consistency/service-port',
  defaultSeverity: 'error',
  summary: 'A Service target_port names or numbers a container port of the selected pods',
  messages: {
    unmatched:
      'target_port {{target}} of Service "{{service}}" matches no container port of {{workloads}} (declared: {{declared}}): use one of those, or declare the port on the container',
  },
  check(context) {
    for (const { service, matched, undecided } of selectedServices(context.module)) {
      if (matched.length === 0 || undecided) continue;
      const ports = unionPorts(matched);
      if (!ports.complete) continue;
      for (const port of servicePortBlocks(service)) {
        const target = attr(port, 'target_port');
        const value = target?.value();
        if (!target || !value || portIn(value, ports) !== false) continue;
        const data = { target: target.exprText, service: service.name, workloads: addresses(matched), declared: describe(ports) };
        context.report({ messageId: 'unmatched', data, range: target.range, address: service.address });
      }
    }
  },
});

function unionPorts(targets: readonly PodTarget[]): PortSet {
  const sets = targets.map((t) => t.ports());
  return { ports: sets.flatMap((s) => s.ports), complete: sets.every((s) => s.complete), open: sets.some((s) => s.open) };
}

function describe(set: PortSet): string {
  if (set.ports.length === 0) return 'none';
  return set.ports
    .map((p) => [p.name, p.number === undefined ? undefined : String(p.number)].filter((x) => x !== undefined).join('='))
    .join(', ');
}
