/**
 * The custom resources the repository writes as `kubectl_manifest` bodies, as
 * zod schemas of the fields they may carry, the ones they must, and the shape of
 * each value: Traefik's IngressRoute and Middleware (`traefik.io/v1alpha1`,
 * Traefik v3) and External Secrets' ExternalSecret (`external-secrets.io/v1`,
 * ESO 0.17+). Objects are strict where the field list is settled, so a
 * misspelt field is caught; free-form parts (middleware options, templates)
 * are open.
 *
 * Only what the API server and the controllers need is required here: the
 * cluster would refuse or ignore the object otherwise.
 */
import { z } from 'zod';

const str = z.string();
const optionalString = str.optional();
const optionalBool = z.boolean().optional();
const stringList = z.array(str);
const stringMap = z.record(z.string(), z.string());
const intOrString = z.union([z.number().int(), z.string()], { error: 'expected a number or a name' });
const open = z.looseObject({});

const metadata = z.looseObject({
  name: str,
  namespace: optionalString,
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
});

/** A whole object: top-level keys are fixed (no `status` to write), `spec` is per kind. */
function resource(spec: z.ZodType) {
  return z.strictObject({ apiVersion: str, kind: str, metadata, spec });
}

// ---------------------------------------------------------------------------
// Traefik (traefik.io/v1alpha1)

const objectRef = z.strictObject({ name: str, namespace: optionalString });

const traefikService = z.strictObject({
  name: str,
  namespace: optionalString,
  kind: z.enum(['Service', 'TraefikService']).optional(),
  port: intOrString.optional(),
  scheme: optionalString,
  strategy: optionalString,
  passHostHeader: optionalBool,
  responseForwarding: z.strictObject({ flushInterval: optionalString }).optional(),
  serversTransport: optionalString,
  sticky: open.optional(),
  weight: z.number().int().optional(),
  nativeLB: optionalBool,
  nodePortLB: optionalBool,
  healthCheck: open.optional(),
});

const route = z.strictObject({
  match: str,
  kind: z.literal('Rule').optional(),
  priority: z.number().int().optional(),
  syntax: optionalString,
  middlewares: z.array(objectRef).optional(),
  services: z.array(traefikService).optional(),
  observability: open.optional(),
});

const ingressRouteTls = z.strictObject({
  secretName: optionalString,
  options: objectRef.optional(),
  store: objectRef.optional(),
  certResolver: optionalString,
  domains: z.array(z.strictObject({ main: optionalString, sans: stringList.optional() })).optional(),
});

export const ingressRoute = resource(
  z.strictObject({
    entryPoints: stringList.optional(),
    routes: z.array(route).min(1),
    tls: ingressRouteTls.optional(),
    parentRefs: z.array(open).optional(),
  }),
);

/** One middleware kind: its required and typed options; the rest stay open (they are many and change often). */
function middlewareKind(shape: z.core.$ZodLooseShape = {}) {
  return z.looseObject(shape).optional();
}

export const middleware = resource(
  z.strictObject({
    addPrefix: middlewareKind({ prefix: str }),
    basicAuth: middlewareKind({ secret: optionalString, realm: optionalString, removeHeader: optionalBool, headerField: optionalString }),
    buffering: middlewareKind(),
    chain: middlewareKind({ middlewares: z.array(objectRef) }),
    circuitBreaker: middlewareKind({ expression: optionalString }),
    compress: middlewareKind(),
    contentType: middlewareKind(),
    digestAuth: middlewareKind({ secret: optionalString }),
    errors: middlewareKind({ status: stringList.optional(), query: optionalString }),
    forwardAuth: middlewareKind({ address: str, trustForwardHeader: optionalBool, authResponseHeaders: stringList.optional(), authRequestHeaders: stringList.optional() }),
    grpcWeb: middlewareKind(),
    headers: middlewareKind({ customRequestHeaders: stringMap.optional(), customResponseHeaders: stringMap.optional() }),
    inFlightReq: middlewareKind(),
    ipAllowList: middlewareKind({ sourceRange: stringList.optional() }),
    ipWhiteList: middlewareKind({ sourceRange: stringList.optional() }),
    passTLSClientCert: middlewareKind(),
    plugin: z.record(z.string(), z.unknown()).optional(),
    rateLimit: middlewareKind({ average: z.number().int().optional(), burst: z.number().int().optional(), period: intOrString.optional() }),
    redirectRegex: middlewareKind({ regex: str, replacement: str, permanent: optionalBool }),
    redirectScheme: middlewareKind({ scheme: optionalString, port: optionalString, permanent: optionalBool }),
    replacePath: middlewareKind({ path: str }),
    replacePathRegex: middlewareKind({ regex: str, replacement: str }),
    retry: middlewareKind({ attempts: z.number().int().optional(), initialInterval: intOrString.optional() }),
    stripPrefix: middlewareKind({ prefixes: stringList, forceSlash: optionalBool }),
    stripPrefixRegex: middlewareKind({ regex: stringList }),
  }),
);

// ---------------------------------------------------------------------------
// External Secrets (external-secrets.io/v1)

const remoteRef = z.strictObject({
  key: str,
  property: optionalString,
  version: optionalString,
  conversionStrategy: z.enum(['Default', 'Unicode']).optional(),
  decodingStrategy: z.enum(['Auto', 'Base64', 'Base64URL', 'None']).optional(),
  metadataPolicy: z.enum(['None', 'Fetch']).optional(),
  nullBytePolicy: z.enum(['Ignore', 'Fail']).optional(),
});

export const externalSecret = resource(
  z.strictObject({
    secretStoreRef: z.strictObject({ name: str, kind: z.enum(['SecretStore', 'ClusterSecretStore']).optional() }),
    target: z.strictObject({
      name: str,
      creationPolicy: z.enum(['Owner', 'Orphan', 'Merge', 'None']).optional(),
      deletionPolicy: z.enum(['Delete', 'Merge', 'Retain']).optional(),
      template: open.optional(),
      immutable: optionalBool,
      manifest: open.optional(),
    }),
    refreshInterval: optionalString,
    refreshPolicy: z.enum(['CreatedOnce', 'Periodic', 'OnChange']).optional(),
    data: z.array(z.strictObject({ secretKey: str, remoteRef, sourceRef: open.optional() })).optional(),
    dataFrom: z.array(open).optional(),
  }),
);

/** Body schemas by `apiVersion` and kind. */
export const BODY_SCHEMAS: Record<string, z.ZodType> = {
  'traefik.io/v1alpha1 IngressRoute': ingressRoute,
  'traefik.io/v1alpha1 Middleware': middleware,
  'external-secrets.io/v1 ExternalSecret': externalSecret,
};
