import { z } from 'zod';
import { defaults } from './defaults';

/**
 * The spec API's schemas: what a stack settings file and a service spec may say.
 * Defaults come from `./defaults`; cross-field checks live in `./refine`.
 */

const dnsLabel = z
  .string()
  .regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, 'must be lowercase letters, digits and hyphens, starting with a letter')
  .max(63);

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'must be a valid environment variable name');
const identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must be snake_case: lowercase letters, digits and underscores');
const quantity = z
  .string()
  .regex(/^[0-9]+(\.[0-9]+)?(m|k|Ki|Mi|Gi|Ti|M|G|T)?$/, 'must be a Kubernetes quantity such as 500m, 256Mi or 10Gi');

/** A reference to a module variable, made with `variable('name')`. */
export const varRefSchema = z.object({ var: identifier }).strict();
/** A string built from text and variables, made with the `tpl` tag. */
export const templateSchema = z.object({ template: z.array(z.union([z.string(), varRefSchema])) }).strict();
export const textSchema = z.union([z.string(), varRefSchema, templateSchema]);

/** A configuration value: JSON-like data whose leaves may be variables. */
export type ConfigValue = string | number | boolean | null | VarRef | TemplateRef | ConfigValue[] | { [key: string]: ConfigValue };
export type VarRef = z.infer<typeof varRefSchema>;
export type TemplateRef = z.infer<typeof templateSchema>;
/**
 * A config value that stands for a module variable or a template of variables
 * (an object whose only key is `var` or `template`), as a spec text; else undefined.
 */
export function configText(value: ConfigValue): VarRef | TemplateRef | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  if (entries.length !== 1) return undefined;
  const [key, inner] = entries[0] as [string, unknown];
  if (key === 'var' && typeof inner === 'string') return { var: inner };
  if (key === 'template' && Array.isArray(inner)) return value as TemplateRef;
  return undefined;
}

export const configValueSchema: z.ZodType<ConfigValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().refine(Number.isFinite, 'must be a finite number'),
    z.boolean(),
    z.null(),
    varRefSchema,
    templateSchema,
    z.array(configValueSchema),
    z.record(z.string(), configValueSchema),
  ]),
);

export const imageSchema = z
  .object({
    /** Registry host, e.g. `registry.k8s.io`; omit for Docker Hub. */
    registry: z
      .string()
      .regex(/^[a-z0-9.-]+(:[0-9]+)?$/, 'must be a registry host')
      .optional(),
    /** Repository path, e.g. `prom/prometheus`. */
    name: z.string().regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'must be an image repository path such as prom/prometheus'),
    tag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'must be an image tag such as v2.54.1'),
  })
  .strict();

const portRef = z.union([z.number().int().min(1).max(65535), dnsLabel.max(15)]);

export const envValueSchema = z.union([
  textSchema,
  z.object({ secret: envName.describe("key of this service's ExternalSecret") }).strict(),
  z.object({ secretRef: z.object({ name: dnsLabel, key: z.string().min(1) }).strict() }).strict(),
  z.object({ field: z.string().min(1).describe('pod field path, e.g. status.podIP') }).strict(),
]);

const probeTiming = {
  initialDelaySeconds: z.number().int().min(0).default(defaults.service.probe.initialDelaySeconds),
  periodSeconds: z.number().int().min(1).default(defaults.service.probe.periodSeconds),
  timeoutSeconds: z.number().int().min(1).default(defaults.service.probe.timeoutSeconds),
  failureThreshold: z.number().int().min(1).default(defaults.service.probe.failureThreshold),
};

export const probeSchema = z.union([
  z.object({ http: z.object({ path: z.string().startsWith('/'), port: portRef }).strict(), ...probeTiming }).strict(),
  z.object({ tcp: z.object({ port: portRef }).strict(), ...probeTiming }).strict(),
  z.object({ exec: z.object({ command: z.array(z.string()).min(1) }).strict(), ...probeTiming }).strict(),
]);

export const resourcesSchema = z
  .object({
    requests: z.object({ cpu: quantity, memory: quantity }).strict(),
    limits: z.object({ cpu: quantity.optional(), memory: quantity }).strict(),
  })
  .strict();

export const volumeMountSchema = z
  .object({
    volume: dnsLabel,
    mountPath: z.string().startsWith('/'),
    subPath: z.string().min(1).optional(),
    readOnly: z.boolean().optional(),
    mountPropagation: z.enum(['None', 'HostToContainer', 'Bidirectional']).optional(),
  })
  .strict();

export const containerPortSchema = z
  .object({
    name: dnsLabel.max(15),
    containerPort: z.number().int().min(1).max(65535),
    protocol: z.enum(['TCP', 'UDP']).default(defaults.service.servicePort.protocol),
  })
  .strict();

export const securityContextSchema = z
  .object({
    runAsUser: z.number().int().min(0).optional(),
    runAsGroup: z.number().int().min(0).optional(),
    runAsNonRoot: z.boolean().optional(),
    readOnlyRootFilesystem: z.boolean().optional(),
    allowPrivilegeEscalation: z.boolean().optional(),
  })
  .strict();

export const containerSchema = z
  .object({
    name: dnsLabel,
    image: imageSchema,
    imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).default(defaults.service.imagePullPolicy),
    command: z.array(textSchema).optional(),
    args: z.array(textSchema).optional(),
    workingDir: z.string().optional(),
    ports: z.array(containerPortSchema).default([]),
    env: z.record(envName, envValueSchema).default({}),
    resources: resourcesSchema,
    probes: z
      .object({ liveness: probeSchema.optional(), readiness: probeSchema.optional(), startup: probeSchema.optional() })
      .strict()
      .default({}),
    volumeMounts: z.array(volumeMountSchema).default([]),
    securityContext: securityContextSchema.optional(),
  })
  .strict();

export const initContainerSchema = containerSchema.omit({ probes: true }).extend({ probes: z.object({}).strict().default({}) });

export const persistenceSchema = z
  .object({
    storageClass: z.string().min(1).optional().describe("defaults to the stack's persistent class"),
    size: quantity,
    accessModes: z
      .array(z.enum(['ReadWriteOnce', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOncePod']))
      .min(1)
      .optional()
      .describe('defaults to ReadWriteMany on a network class, ReadWriteOnce otherwise'),
    /** Why this claim is not on the persistent class (required when it is not). */
    reason: z.string().min(1).optional(),
  })
  .strict();

export const configFileSchema = z.union([
  z.object({ yaml: configValueSchema }).strict(),
  z.object({ json: configValueSchema }).strict(),
  z.object({ text: textSchema }).strict(),
]);

export const configMapSchema = z
  .object({
    files: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/, 'must be a file name'), configFileSchema),
  })
  .strict();

export const extraVolumeSchema = z.union([
  z
    .object({
      name: dnsLabel,
      /** A Secret mounted as files; by default the service's own `<service>-secrets`. */
      secret: z
        .object({
          secretName: dnsLabel.optional(),
          defaultMode: z
            .string()
            .regex(/^0[0-7]{3}$/, 'must be an octal mode such as 0400')
            .optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({ name: dnsLabel, emptyDir: z.object({ medium: z.enum(['Memory']).optional(), sizeLimit: quantity.optional() }).strict() })
    .strict(),
  z
    .object({
      name: dnsLabel,
      hostPath: z
        .object({ path: z.string().startsWith('/'), type: z.enum(['Directory', 'DirectoryOrCreate', 'File', 'Socket']).optional() })
        .strict(),
    })
    .strict(),
]);

export const servicePortSchema = z
  .object({
    name: dnsLabel.max(15),
    port: z.number().int().min(1).max(65535),
    targetPort: portRef,
    protocol: z.enum(['TCP', 'UDP']).default(defaults.service.servicePort.protocol),
  })
  .strict();

export const middlewareRefSchema = z.object({ name: dnsLabel, namespace: dnsLabel.optional() }).strict();

export const ingressSchema = z
  .object({
    /** Full hostname; defaults to `<service>.<stack domain>`. */
    host: z
      .string()
      .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a hostname')
      .optional(),
    /** Service port name or number the route sends traffic to. */
    port: portRef,
    middlewares: z.array(middlewareRefSchema).default([]),
    /**
     * Put authentication in front (admin UIs without a login of their own):
     * forward auth when the stack configures it, else basic auth whose password
     * comes from Vault.
     */
    auth: z.boolean().default(false),
  })
  .strict();

export const policyRuleSchema = z
  .object({
    apiGroups: z.array(z.string()).optional(),
    resources: z.array(z.string().min(1)).optional(),
    resourceNames: z.array(z.string().min(1)).optional(),
    nonResourceURLs: z.array(z.string().startsWith('/')).optional(),
    verbs: z.array(z.string().min(1)).min(1),
  })
  .strict();

export const rbacSchema = z
  .object({
    clusterRules: z.array(policyRuleSchema).min(1),
    /**
     * Why the rules are as broad as they are: a comment above the ClusterRole, and
     * the reason of the suppression that accepts the `rbac/least-privilege` warnings.
     */
    reason: z.string().min(1).optional(),
  })
  .strict();

export const variableSchema = z
  .object({
    description: z.string().min(1),
    type: z.enum(['string', 'number', 'bool']),
    default: z.union([z.string(), z.number(), z.boolean()]),
  })
  .strict();

export const tolerationSchema = z
  .object({
    key: z.string().optional(),
    operator: z.enum(['Exists', 'Equal']),
    value: z.string().optional(),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  })
  .strict();

/**
 * The escape hatch: any Kubernetes object as a `kubectl_manifest`, for what no
 * typed field says. Its metadata defaults to the module's (`<service>-<name>`,
 * the module's namespace and labels); `metadata` sets them as they must be (an
 * imported object keeps its own). `gen-modules import` writes these for the
 * objects the typed fields cannot reproduce.
 */
export const manifestSchema = z
  .object({
    /** Suffix of the object's name (`<service>-<name>`) and its Terraform name. */
    name: dnsLabel,
    apiVersion: z.string().regex(/^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/, 'must be an apiVersion such as traefik.io/v1alpha1'),
    kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a kind such as Middleware'),
    /** False for cluster-scoped kinds (no namespace in the metadata). */
    namespaced: z.boolean().default(true),
    spec: z.record(z.string(), configValueSchema).optional(),
    /** Why no typed field says this: a comment above the resource. */
    reason: z.string().min(1),
    /** The object's own metadata, in place of the module's. */
    metadata: z
      .object({
        name: z.string().min(1).optional(),
        namespace: textSchema.optional(),
        labels: z.record(z.string(), textSchema).optional(),
        annotations: z.record(z.string(), textSchema).optional(),
      })
      .strict()
      .optional(),
    /** Top-level fields beside `spec` (`data` of a ConfigMap, `rules` of a ClusterRole, `roleRef`...). */
    fields: z
      .record(
        z
          .string()
          .regex(
            /^(?!apiVersion$|kind$|metadata$|spec$|status$)[a-zA-Z]+$/,
            'must be a top-level field other than apiVersion, kind, metadata, spec and status',
          ),
        configValueSchema,
      )
      .optional(),
  })
  .strict();

/**
 * Where a spec was imported from (written by `gen-modules import`): generating it
 * over that hand-written module is then allowed, and the root module gets the
 * `moved`, `removed` and `import` blocks that hand each live object over to the
 * generated resources without destroying it. Drop it once applied.
 */
export const importedFromSchema = z
  .object({
    /** The hand-written module folder, relative to the folder of the root `kubernetes.tf`. */
    path: z.string().min(1),
    /** The label of its `module` block in the root (`module.<label>` addresses the old resources). */
    module: z.string().regex(/^[A-Za-z_][A-Za-z0-9_-]*$/, 'must be a module block label'),
    /** Each hand-written resource address and the Kubernetes object it declares. */
    resources: z.record(
      z.string().regex(/^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$/, 'must be a resource address such as kubernetes_deployment.app'),
      z
        .object({
          apiVersion: z.string().min(1),
          kind: z.string().min(1),
          name: z.string().min(1),
          /** Absent for cluster-scoped kinds. */
          namespace: z.string().min(1).optional(),
        })
        .strict(),
    ),
  })
  .strict();

export const serviceSchema = z
  .object({
    name: dnsLabel,
    /** One or two lines saying what the service is: the comment above its root module block. */
    description: z.string().min(1),
    workload: z
      .object({
        kind: z.enum(['Deployment', 'DaemonSet', 'StatefulSet']).default(defaults.service.workload.kind),
        replicas: z.number().int().min(0).default(defaults.service.workload.replicas),
        strategy: z.enum(['RollingUpdate', 'Recreate']).optional(),
      })
      .strict()
      .default({ kind: defaults.service.workload.kind, replicas: defaults.service.workload.replicas }),
    /** At least one, unless the module is only `manifests` (then `[]`). */
    containers: z.array(containerSchema),
    initContainers: z.array(initContainerSchema).default([]),
    persistence: z.record(dnsLabel, persistenceSchema).default({}),
    configMaps: z.record(dnsLabel, configMapSchema).default({}),
    volumes: z.array(extraVolumeSchema).default([]),
    service: z
      .object({ ports: z.array(servicePortSchema).min(1), annotations: z.record(z.string(), z.string()).default({}) })
      .strict()
      .optional(),
    ingress: ingressSchema.optional(),
    /** Keys synced from Vault into `<service>-secrets` by an ExternalSecret. */
    secrets: z
      .object({
        vaultPath: z.string().min(1).optional().describe('defaults to <stack secret path prefix>/<service>'),
        keys: z.array(envName).min(1),
      })
      .strict()
      .optional(),
    rbac: rbacSchema.optional(),
    /** A ServiceAccount even without RBAC rules (for token-based tools). */
    serviceAccount: z.boolean().default(false),
    scheduling: z
      .object({
        preferHosts: z.array(z.string().min(1)).default([]),
        requireArch: z.enum(['amd64', 'arm64']).optional(),
        tolerations: z.array(tolerationSchema).default([]),
        hostNetwork: z.boolean().default(false),
        hostPID: z.boolean().default(false),
      })
      .strict()
      .default({ preferHosts: [], tolerations: [], hostNetwork: false, hostPID: false }),
    securityContext: z
      .object({
        runAsUser: z.number().int().min(0).optional(),
        runAsGroup: z.number().int().min(0).optional(),
        fsGroup: z.number().int().min(0).optional(),
        runAsNonRoot: z.boolean().optional(),
      })
      .strict()
      .optional(),
    podAnnotations: z.record(z.string(), z.string()).default({}),
    /** Extra module variables, referenced in the spec with `variable('name')`. */
    variables: z.record(identifier, variableSchema).default({}),
    /** Objects no typed field covers, as `kubectl_manifest` resources. */
    manifests: z.array(manifestSchema).default([]),
    importedFrom: importedFromSchema.optional(),
  })
  .strict();

export const nodeSchema = z.object({ arch: z.enum(['amd64', 'arm64']) }).strict();

export const stackSchema = z
  .object({
    domain: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a DNS domain'),
    namespace: dnsLabel.default(defaults.stack.namespace),
    environment: z.string().min(1).default(defaults.stack.environment),
    tlsSecret: dnsLabel,
    labelStyle: z.enum(['app', 'kubernetes']).default(defaults.stack.labelStyle),
    ingress: z
      .object({ entryPoint: z.string().min(1) })
      .strict()
      .default(defaults.stack.ingress),
    secretStore: z
      .object({
        name: dnsLabel,
        kind: z.enum(['ClusterSecretStore', 'SecretStore']),
        pathPrefix: z
          .string()
          .min(1)
          .regex(/^[^/].*[^/]$/, 'must not start or end with /'),
        refreshInterval: z.string().regex(/^[0-9]+[smh]$/, 'must be a duration such as 1h'),
      })
      .strict()
      .default(defaults.stack.secretStore),
    keycloak: z.object({ url: z.string().url(), realm: z.string().min(1) }).strict(),
    /** Authentication put in front of ingresses with `auth: true`. */
    auth: z
      .object({
        /** Basic auth: the user name, and the Vault property (at the service's path) holding its password. */
        basic: z
          .object({ user: z.string().min(1), passwordProperty: z.string().min(1) })
          .strict()
          .default(defaults.stack.auth.basic),
        /** Forward auth to an authentication service instead of basic auth, when set. */
        forward: z
          .object({
            address: z.string().url(),
            trustForwardHeader: z.boolean().default(true),
            authResponseHeaders: z.array(z.string().min(1)).default([]),
          })
          .strict()
          .optional(),
      })
      .strict()
      .default(defaults.stack.auth),
    storageClasses: z.record(
      z.string(),
      z.object({ bindingMode: z.enum(['Immediate', 'WaitForFirstConsumer']), network: z.boolean() }).strict(),
    ),
    persistentClass: z.string().min(1),
    nodes: z.record(z.string(), nodeSchema),
    providers: z
      .object({
        kubernetes: z.object({ source: z.string(), version: z.string() }).strict(),
        kubectl: z.object({ source: z.string(), version: z.string() }).strict(),
      })
      .strict()
      .default(defaults.stack.providers),
  })
  .strict();

export type ServiceInput = z.input<typeof serviceSchema>;
export type Service = z.output<typeof serviceSchema>;
export type StackInput = z.input<typeof stackSchema>;
export type Stack = z.output<typeof stackSchema>;
export type Container = z.output<typeof containerSchema>;
export type InitContainer = z.output<typeof initContainerSchema>;
export type Probe = z.output<typeof probeSchema>;
export type EnvValue = z.output<typeof envValueSchema>;
export type Text = z.output<typeof textSchema>;
export type Persistence = z.output<typeof persistenceSchema>;
export type ConfigFile = z.output<typeof configFileSchema>;
export type PolicyRule = z.output<typeof policyRuleSchema>;
export type Variable = z.output<typeof variableSchema>;
export type ImportedFrom = z.output<typeof importedFromSchema>;
export type Manifest = z.output<typeof manifestSchema>;
