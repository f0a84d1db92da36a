import { createRule } from '../../rule';
import { addresses, selectedServices } from '../../../terraform/k8s/services';

/**
 * A Service routes to the pods its selector matches. A selector that matches no
 * pod template of the module leaves the Service without endpoints; one that
 * matches two long-running workloads mixes their traffic; one that also matches
 * the pod template of a Job, a CronJob or a bare Pod sends requests to that pod
 * for as long as it runs.
 */
export default createRule({
  id: 'consistency/service-selector',
  defaultSeverity: 'error',
  summary: 'A Service selector matches exactly one pod template of the module (Jobs and CronJobs included)',
  messages: {
    none: 'The selector of Service "{{service}}" matches no pod template in this module: make it a subset of the workload\'s pod template labels',
    several:
      'The selector of Service "{{service}}" matches {{count}} workloads ({{workloads}}): add a label that tells them apart to the selector and to one pod template',
    transient:
      'The selector of Service "{{service}}" also matches the pod template of {{workloads}}, whose pods become endpoints of the Service while they run: give that template a label the selector does not have (e.g. component = "job")',
  },
  check(context) {
    for (const { service, selector, matched, undecided } of selectedServices(context.module)) {
      const running = matched.filter((t) => t.longRunning);
      const transient = matched.filter((t) => !t.longRunning);
      if (matched.length === 0 && !undecided) {
        context.report({ messageId: 'none', data: { service: service.name }, range: selector.range, address: service.address });
      } else if (running.length > 1) {
        const data = { service: service.name, count: running.length, workloads: addresses(running) };
        context.report({ messageId: 'several', data, range: selector.range, address: service.address });
      } else if (running.length === 1 && transient.length > 0) {
        // A selector that only matches Jobs is a Service for a job's pods: left alone.
        const data = { service: service.name, workloads: addresses(transient) };
        context.report({ messageId: 'transient', data, range: selector.range, address: service.address });
      }
    }
  },
});
