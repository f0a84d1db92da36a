/**
 * Traefik custom resources as the ingress rules see them.
 */
import { manifests, type Manifest } from '../../k8s';
import type { LVal, TfModule } from '../../types';

const TRAEFIK_API_VERSIONS = new Set(['traefik.io/v1alpha1', 'traefik.containo.us/v1alpha1']);

/** Manifests of one Traefik kind (`IngressRoute`, `Middleware`). */
export function traefikManifests(module: TfModule, kind: string): Manifest[] {
  return manifests(module).filter((m) => m.kind === kind && m.apiVersion !== undefined && TRAEFIK_API_VERSIONS.has(m.apiVersion));
}

/** Items of a known list; undefined when the list is unknown (or not a list). */
export function itemsOf(value: LVal | undefined): LVal[] | undefined {
  return value?.kind === 'tuple' ? value.items : undefined;
}

/**
 * The resource address an unknown reference points at:
 * `kubernetes_service_v1.web.metadata[0].name` → `kubernetes_service_v1.web`.
 */
export function refAddress(ref: string | undefined): string | undefined {
  if (ref === undefined) return undefined;
  const parts = ref.split('.');
  const count = parts[0] === 'data' ? 3 : 2;
  if (parts.length < count) return undefined;
  return parts.slice(0, count).map((part) => part.replace(/\[.*$/, '')).join('.');
}
