import { createRule } from '../../rule';
import { addresses, selectedServices } from '../../../terraform/k8s/services';

/**
 * A Service routes to the pods its selector matches. A selector that matches no
 * pod template of the module leaves the Service without endpoints; one that
 * matches two long-running workloads mixes their traffic.
 */
export default createRule({
  id: 'consistency/service-selector',
  defaultSeverity: 'error',
  summary: 'A Service selector matches exactly one workload of the module',
  messages: {
    none: 'The selector of Service "{{service}}" matches no pod template in this module: make it a subset of the workload\'s pod template labels',
    several:
      'The selector of Service "{{service}}" matches {{count}} workloads ({{workloads}}): add a label that tells them apart to the selector and to one pod template',
  },
  check(context) {
    for (const { service, selector, matched, undecided } of selectedServices(context.module)) {
      // Jobs and CronJobs may share the app's labels; only workloads that keep running compete for traffic.
      const running = matched.filter((t) => t.longRunning);
      if (matched.length === 0 && !undecided) {
        context.report({ messageId: 'none', data: { service: service.name }, range: selector.range, address: service.address });
      } else if (running.length > 1) {
        const data = { service: service.name, count: running.length, workloads: addresses(running) };
        context.report({ messageId: 'several', data, range: selector.range, address: service.address });
      }
    }
  },
});
