/**
 * ConfigMaps and the files they carry: `kubernetes_config_map` resources and
 * ConfigMap manifest bodies, one entry per key of `data`.
 */
import type { LVal, Resource, TfModule } from '../types';
import { dig } from '../values';
import { attrValue, memo, resourcesOf } from './blocks';
import { manifests } from './manifests';

export interface ConfigMapFile {
  resource: Resource;
  /** The key under `data` (usually a file name). */
  key: string;
  value: LVal;
}

/** Every `data` entry of the module's managed ConfigMaps whose map could be read. */
export const configMapFiles: (module: TfModule) => readonly ConfigMapFile[] = memo((module) => {
  const out: ConfigMapFile[] = [];
  const add = (resource: Resource, data: LVal | undefined): void => {
    if (data?.kind !== 'object') return;
    for (const entry of data.entries) out.push({ resource, key: entry.key, value: entry.value });
  };
  for (const resource of resourcesOf(module, 'kubernetes_config_map'))
    if (resource.mode === 'resource') add(resource, attrValue(resource.block, 'data'));
  for (const manifest of manifests(module)) if (manifest.kind === 'ConfigMap') add(manifest.resource, dig(manifest.body, 'data'));
  return out;
});
