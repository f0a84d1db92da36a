/**
 * Custom resources written as `kubectl_manifest` (or `kubernetes_manifest`) bodies: Traefik routes and middlewares, External Secrets and the keys they write.
 */
import type { Range } from '../../hcl/syntax';
import type { LVal, Resource, TfModule } from '../types';
import { dig, entryOf, stringOf } from '../values';
import { memo } from './blocks';

export interface Manifest {
  resource: Resource;
  /** The object passed to `yamlencode`/`jsonencode` (or the parsed YAML), with positions. */
  body: LVal;
  apiVersion: string | undefined;
  kind: string | undefined;
  /** Where to report about the manifest as a whole: the `yaml_body` attribute. */
  range: Range;
}

/** `kubectl_manifest` (and `kubernetes_manifest`) bodies that could be read as objects. */
export const manifests: (module: TfModule) => readonly Manifest[] = memo((module) => {
  const out: Manifest[] = [];
  for (const resource of module.resources) {
    if (resource.type === 'kubectl_manifest') {
      const attribute = resource.block.attributes['yaml_body'];
      const value = attribute?.value();
      const body = value?.kind === 'string' ? value.encodedFrom : undefined;
      if (attribute && body) out.push(manifest(resource, body, attribute.range));
    } else if (resource.type === 'kubernetes_manifest') {
      const attribute = resource.block.attributes['manifest'];
      const body = attribute?.value();
      if (attribute && body?.kind === 'object') out.push(manifest(resource, body, attribute.range));
    }
  }
  return out;
});

function manifest(resource: Resource, body: LVal, range: Range): Manifest {
  return {
    resource,
    body,
    apiVersion: stringOf(entryOf(body, 'apiVersion')?.value),
    kind: stringOf(entryOf(body, 'kind')?.value),
    range,
  };
}

const TRAEFIK_API_VERSIONS = new Set(['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1']);

/** Manifests of one Traefik kind (`IngressRoute`, `Middleware`). */
export function traefikManifests(module: TfModule, kind: string): Manifest[] {
  return manifests(module).filter((m) => m.kind === kind && m.apiVersion !== undefined && TRAEFIK_API_VERSIONS.has(m.apiVersion));
}

const ESO_GROUP = 'external-secrets.io/';

/** An object of the External Secrets Operator (by its apiVersion). */
export function isExternalSecretsObject(body: LVal): boolean {
  const apiVersion = stringOf(dig(body, 'apiVersion'));
  return apiVersion !== undefined && apiVersion.startsWith(ESO_GROUP);
}

export interface SecretTarget {
  manifest: Manifest;
  /** The Kubernetes Secret the ExternalSecret writes. */
  name: string;
  /** Keys it provides; undefined when they cannot be known (`dataFrom`, templates from elsewhere, unknown parts). */
  keys: Set<string> | undefined;
}

/** ExternalSecrets of the module whose target Secret name is known. */
export const externalSecretTargets: (module: TfModule) => readonly SecretTarget[] = memo((module) => {
  const out: SecretTarget[] = [];
  for (const manifest of manifests(module)) {
    if (manifest.kind !== 'ExternalSecret' || !isExternalSecretsObject(manifest.body)) continue;
    const targetName = dig(manifest.body, 'spec', 'target', 'name');
    const name = targetName === undefined ? stringOf(dig(manifest.body, 'metadata', 'name')) : stringOf(targetName);
    if (name !== undefined) out.push({ manifest, name, keys: providedKeys(manifest.body) });
  }
  return out;
});

/** `spec.data[].secretKey` plus keys a `target.template.data` adds. */
function providedKeys(body: LVal): Set<string> | undefined {
  const spec = dig(body, 'spec');
  if (spec === undefined || spec.kind !== 'object') return undefined;
  if (dig(spec, 'dataFrom') !== undefined || dig(spec, 'target', 'template', 'templateFrom') !== undefined) return undefined;
  const keys = new Set<string>();
  const data = dig(spec, 'data');
  if (data !== undefined) {
    if (data.kind !== 'tuple') return undefined;
    for (const item of data.items) {
      const key = stringOf(dig(item, 'secretKey'));
      if (key === undefined) return undefined;
      keys.add(key);
    }
  }
  const templateData = dig(spec, 'target', 'template', 'data');
  if (templateData !== undefined) {
    if (templateData.kind !== 'object') return undefined;
    for (const entry of templateData.entries) keys.add(entry.key);
  }
  return keys;
}
