import { expr, toIdentifier, type HclValue } from '../../hcl/encode';
import type { Manifest } from '../../spec-api/schema';
import { appName, text, type ViewContext } from './context';
import { configHcl } from './module';

/** One `kubectl_manifest` of the spec's escape hatch. */
export interface ManifestView {
  resourceName: string;
  comment: string;
  body: HclValue;
}

/** `manifests.tf`: the spec's manifests, or null when it has none. */
export function manifestsView({ service }: ViewContext): ManifestView[] | null {
  if (service.manifests.length === 0) return null;
  return service.manifests.map(manifestView);
}

/** The Terraform name of a manifest: `manifest_whoami_route` for `whoami-route`. */
export function manifestResourceName(manifest: Manifest): string {
  return `manifest_${toIdentifier(manifest.name)}`;
}

function manifestView(manifest: Manifest): ManifestView {
  const own = manifest.metadata ?? {};
  const metadata: Record<string, HclValue> = { name: own.name ?? appName(manifest.name) };
  if (manifest.namespaced) metadata.namespace = own.namespace !== undefined ? text(own.namespace) : expr('var.namespace');
  const labels = own.labels !== undefined ? textMap(own.labels) : expr('local.labels');
  if (!(typeof labels === 'object' && labels !== null && !Array.isArray(labels) && Object.keys(labels).length === 0))
    metadata.labels = labels;
  if (own.annotations !== undefined && Object.keys(own.annotations).length > 0) metadata.annotations = textMap(own.annotations);
  const body: Record<string, HclValue> = { apiVersion: manifest.apiVersion, kind: manifest.kind, metadata };
  if (manifest.spec !== undefined) body.spec = configHcl(manifest.spec);
  for (const [field, value] of Object.entries(manifest.fields ?? {})) body[field] = configHcl(value);
  return { resourceName: manifestResourceName(manifest), comment: manifest.reason, body };
}

function textMap(map: Record<string, Parameters<typeof text>[0]>): Record<string, HclValue> {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, text(value)]));
}
