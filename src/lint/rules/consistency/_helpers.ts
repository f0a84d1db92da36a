/**
 * Services of a module with the pod templates their selectors match, as the
 * consistency rules judge them.
 */
import { podTargets, selection, serviceSelector, services, type PodTarget, type Selection, type ServiceSelector } from '../../k8s';
import type { Resource, TfModule } from '../../types';

export interface SelectedService extends Selection {
  service: Resource;
  selector: ServiceSelector;
}

/** Every managed Service whose selector is known, with the pod templates it selects. */
export function selectedServices(module: TfModule): SelectedService[] {
  const targets = podTargets(module);
  return services(module).flatMap((service) => {
    const selector = serviceSelector(service);
    return selector ? [{ service, selector, ...selection(selector.value, targets) }] : [];
  });
}

/** Addresses, for messages. */
export function addresses(targets: readonly PodTarget[]): string {
  return targets.map((t) => t.resource.address).join(', ');
}
