import type { Service, Stack } from '../spec-api/schema';
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
