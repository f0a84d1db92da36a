/**
 * The custom resources the linter checks in `kubectl_manifest` bodies: which
 * kinds each API group has, which version serves them, and the zod schemas of
 * the bodies (in `crd-schemas.ts`, loaded on first use).
 */
import { z } from 'zod';

// ---------------------------------------------------------------------------
// API groups: which kinds exist and which versions still serve them.

interface KindVersions {
  /** The version to write. */
  current: string;
}

interface ApiGroup {
  kinds: Record<string, KindVersions>;
  /** A group that no longer serves anything, and where its kinds went. */
  movedTo?: string;
}

const traefikKinds: Record<string, KindVersions> = Object.fromEntries(
  ['IngressRoute', 'IngressRouteTCP', 'IngressRouteUDP', 'Middleware', 'MiddlewareTCP', 'ServersTransport', 'ServersTransportTCP', 'TLSOption', 'TLSStore', 'TraefikService'].map((kind) => [kind, { current: 'v1alpha1' }]),
);

export const API_GROUPS: Record<string, ApiGroup> = {
  'traefik.io': { kinds: traefikKinds },
  // Traefik v3 removed the old group; its kinds live on under traefik.io.
  'traefik.containo.us': { kinds: traefikKinds, movedTo: 'traefik.io' },
  'external-secrets.io': {
    kinds: {
      ExternalSecret: { current: 'v1' },
      ClusterExternalSecret: { current: 'v1' },
      SecretStore: { current: 'v1' },
      ClusterSecretStore: { current: 'v1' },
      PushSecret: { current: 'v1alpha1' },
      ClusterPushSecret: { current: 'v1alpha1' },
    },
  },
};

let bodySchemas: Record<string, z.ZodType> | undefined;

/**
 * The schema of a body by `apiVersion` and kind, when the linter has one. The
 * schemas are required on first use: a run without custom resources, or one
 * served from the cache, does not pay for building them.
 */
export function bodySchema(apiVersion: string, kind: string): z.ZodType | undefined {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CRD schemas load only when a manifest body is checked
  bodySchemas ??= (require('./crd-schemas') as typeof import('./crd-schemas')).BODY_SCHEMAS;
  const key = `${apiVersion} ${kind}`;
  return Object.hasOwn(bodySchemas, key) ? bodySchemas[key] : undefined;
}

/** The keys a strict object schema admits at a path of the body (for "did you mean"). */
export function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const step of path) {
    current = unwrap(current);
    if (current instanceof z.ZodObject && typeof step === 'string') current = current.shape[step] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray && typeof step === 'number') current = current.element as z.ZodType;
    else return [];
  }
  current = unwrap(current);
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  while (current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}
