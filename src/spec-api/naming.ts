import { toIdentifier } from '../hcl/encode';
import { defaults } from './defaults';
import type { Component, Ingress, Service } from './schema';

/** Names of the module variables a spec gives rise to, which cross-field checks refer to. */

/** Every container of the module, init containers after the others, component by component. */
export function allContainers(service: Service): Array<Component['containers'][number]> {
  return service.components.flatMap((c) => [...c.containers, ...c.initContainers]);
}

/**
 * The tag variable of a container: the one its image names, else `image_tag`
 * for the module's first container and `<container>_image_tag` for the others.
 */
export function imageVariable(service: Service, container: string): string {
  const found = allContainers(service).find((c) => c.name === container);
  if (found?.image.tagVariable !== undefined) return found.image.tagVariable;
  return container === service.components[0]?.containers[0]?.name ? 'image_tag' : `${toIdentifier(container)}_image_tag`;
}

export function storageSizeVariable(service: Service, key: string): string {
  return Object.keys(service.persistence).length === 1 ? 'storage_size' : `${toIdentifier(key)}_storage_size`;
}

/** The variable holding a route's hostname: `hostname` unless the route names another. */
export function hostVariable(route: Ingress): string {
  return route.hostVariable ?? defaults.service.hostVariable;
}

/** Every route of the module with the component it belongs to, in spec order. */
export function allRoutes(service: Service): Array<{ component: Component; route: Ingress; index: number }> {
  return service.components.flatMap((component) => component.routes.map((route, index) => ({ component, route, index })));
}
