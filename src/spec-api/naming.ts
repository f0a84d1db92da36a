import { toIdentifier } from '../hcl/encode';
import type { Service } from './schema';

/** Names of the module variables a spec gives rise to, which cross-field checks refer to. */

export function imageVariable(service: Service, container: string): string {
  return container === service.containers[0]?.name ? 'image_tag' : `${toIdentifier(container)}_image_tag`;
}

export function storageSizeVariable(service: Service, key: string): string {
  return Object.keys(service.persistence).length === 1 ? 'storage_size' : `${toIdentifier(key)}_storage_size`;
}
