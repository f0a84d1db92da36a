import type { Component, Ingress, KubeService, Service, Stack } from '../spec-api/schema';
import { defaults } from '../spec-api/defaults';
import { hostVariable } from '../spec-api/naming';
import { toIdentifier } from '../hcl/encode';

/**
 * Names of everything a module contains, computed in one place so templates,
 * verify and the root block agree.
 */

/** Terraform name of the module's main objects: `grafana`, `kube_state_metrics`. */
export function resourceName(service: Service): string {
  return toIdentifier(service.name);
}

/** Root module block label: `k8s_kube_state_metrics`. */
export function moduleName(service: Service): string {
  return `k8s_${toIdentifier(service.name)}`;
}

export function secretName(service: Service): string {
  return `${service.name}-secrets`;
}

/** Kubernetes object name of a sub-object: `prometheus-config`, `prometheus-data`. */
export function objectName(service: Service, key: string): string {
  return `${service.name}-${key}`;
}

/** Terraform name of a sub-object: `prometheus_config`. */
export function subResourceName(service: Service, key: string): string {
  return `${toIdentifier(service.name)}_${toIdentifier(key)}`;
}

/** The `volume-name` annotation: `<service>_<type>`, without the provisioner's prefix. */
export function volumeNameAnnotation(service: Service, key: string): string {
  return `${toIdentifier(service.name)}_${toIdentifier(key)}`;
}

/** The Vault path (`remoteRef.key`) of a service's secrets: `<prefix>/<service>` unless the spec says otherwise. */
export function vaultPath(service: Service, stack: Stack): string {
  return service.secrets?.vaultPath ?? `${stack.secretStore.pathPrefix}/${service.name}`;
}

/** Terraform name of a component's workload: the component's name (the module's, in a one-component module). */
export function componentResourceName(component: Component): string {
  return toIdentifier(component.name);
}

/** Suffix of a component's object names after the module's name; none for the component named like the module. */
export function componentSuffix(service: Service, component: Component): string | undefined {
  return component.name === service.name ? undefined : component.name;
}

/** Terraform name of a Service: the component's, then the Service's own suffix. */
export function serviceResourceName(component: Component, target: KubeService): string {
  return target.name === undefined ? toIdentifier(component.name) : `${toIdentifier(component.name)}_${toIdentifier(target.name)}`;
}

/** Suffix of a Service's object name after the module's name. */
export function serviceSuffix(service: Service, component: Component, target: KubeService): string | undefined {
  const parts = [componentSuffix(service, component), target.name].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.join('-') : undefined;
}

/** The Service a route sends traffic to: the one it names, else the component's first. */
export function routeService(component: Component, route: Ingress): KubeService {
  const target = route.service === undefined ? component.services[0] : component.services.find((s) => s.name === route.service);
  if (!target) throw new Error(`route of ${component.name} has no Service`);
  return target;
}

/** Terraform name of a route: `ingress_route` (or `ingress`) for the `hostname` route, else prefixed by its host variable. */
export function routeResourceName(route: Ingress): string {
  const base = route.kind === 'Ingress' ? 'ingress' : 'ingress_route';
  const variable = hostVariable(route);
  return variable === defaults.service.hostVariable ? base : `${variable}_${route.kind === 'Ingress' ? 'ingress' : 'route'}`;
}
