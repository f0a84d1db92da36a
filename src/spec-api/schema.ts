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
export const textSchema = z.union([z.string(), varRefSchema, templateSchema], {
  error: 'expected a string, variable(name) or tpl`...${variable(name)}...`',
});
/** A number, or a `number` variable. */
export const numberOrVarSchema = z.union([z.number().int().min(0), varRefSchema], {
  error: 'expected a whole number or variable(name) of type number',
});
/** A list of texts, or a whole `list(string)` variable. */
export const textListSchema = z.union([z.array(textSchema), varRefSchema], {
  error: 'expected a list of strings (each may be a variable or tpl`...`), or variable(name) of type list(string)',
});

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
    registry: z.union([z.string().regex(/^[a-z0-9.-]+(:[0-9]+)?$/, 'must be a registry host'), varRefSchema]).optional(),
    /** Repository path, e.g. `prom/prometheus`, or a string variable holding it. */
    name: z.union([
      z.string().regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, 'must be an image repository path such as prom/prometheus'),
      varRefSchema,
    ]),
    tag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, 'must be an image tag such as v2.54.1'),
    /**
     * Name of the module variable holding the tag (default `image_tag` for the
     * first container, `<container>_image_tag` for the others). Containers that
     * name the same variable share it; their tags must then agree.
     */
    tagVariable: identifier.optional(),
  })
  .strict();

const portRef = z.union([z.number().int().min(1).max(65535), dnsLabel.max(15)]);

export const envValueSchema = z.union(
  [
    textSchema,
    z.object({ secret: envName.describe("key of this service's ExternalSecret") }).strict(),
    z.object({ secretRef: z.object({ name: dnsLabel, key: z.string().min(1) }).strict() }).strict(),
    z.object({ configMapRef: z.object({ name: dnsLabel, key: z.string().min(1) }).strict() }).strict(),
    z.object({ field: z.string().min(1).describe('pod field path, e.g. status.podIP') }).strict(),
  ],
  {
    error:
      'expected one of: a string, variable(name), tpl`...`, { secret: KEY }, { secretRef: { name, key } }, { configMapRef: { name, key } }, { field: PATH }',
  },
);

/** Every key of a Secret or ConfigMap as environment variables (`env_from`). */
export const envFromSchema = z.union(
  [
    z.object({ secret: z.union([dnsLabel, z.literal(true)]), prefix: envName.optional(), optional: z.boolean().optional() }).strict(),
    z.object({ configMap: dnsLabel, prefix: envName.optional(), optional: z.boolean().optional() }).strict(),
  ],
  {
    error:
      "expected { secret: NAME } ({ secret: true } for the service's own secrets) or { configMap: NAME | key of configMaps }, each with an optional prefix",
  },
);

const probeTiming = {
  initialDelaySeconds: z.number().int().min(0).default(defaults.service.probe.initialDelaySeconds),
  periodSeconds: z.number().int().min(1).default(defaults.service.probe.periodSeconds),
  timeoutSeconds: z.number().int().min(1).default(defaults.service.probe.timeoutSeconds),
  failureThreshold: z.number().int().min(1).default(defaults.service.probe.failureThreshold),
};

export const probeSchema = z.union(
  [
    z
      .object({
        http: z
          .object({
            path: z.string().startsWith('/'),
            port: portRef,
            /** Request headers, e.g. a Host header for a virtual-host check. */
            headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name'), z.string()).optional(),
          })
          .strict(),
        ...probeTiming,
      })
      .strict(),
    z.object({ tcp: z.object({ port: portRef }).strict(), ...probeTiming }).strict(),
    z.object({ exec: z.object({ command: z.array(z.string()).min(1) }).strict(), ...probeTiming }).strict(),
  ],
  { error: 'expected one of: { http: { path, port, headers? } }, { tcp: { port } }, { exec: { command } }, each with optional timings' },
);

export const resourcesSchema = z
  .object({
    requests: z.object({ cpu: quantity, memory: quantity }).strict(),
    limits: z.object({ cpu: quantity.optional(), memory: quantity }).strict(),
    /** Extended resources such as `nvidia.com/gpu` or a device plugin's devices: set as limits (and so requested). */
    extended: z
      .record(
        z.string().regex(/^[a-z0-9.-]+\/[a-z0-9._-]+$/, 'must be an extended resource name such as nvidia.com/gpu'),
        z.number().int().min(1),
      )
      .default({}),
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
    /** Defaults as Kubernetes decides: `Always` for the tag `latest`, else `IfNotPresent` (from the spec's tag, not a changed `image_tag`). */
    imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
    command: textListSchema.optional(),
    args: textListSchema.optional(),
    workingDir: z.string().optional(),
    ports: z.array(containerPortSchema).default([]),
    env: z.record(envName, envValueSchema).default({}),
    envFrom: z.array(envFromSchema).default([]),
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

export const configFileSchema = z.union(
  [z.object({ yaml: configValueSchema }).strict(), z.object({ json: configValueSchema }).strict(), z.object({ text: textSchema }).strict()],
  { error: 'expected one of: { yaml: DATA }, { json: DATA }, { text: TEXT }' },
);

export const configMapSchema = z
  .object({
    files: z.record(z.string().regex(/^[-._a-zA-Z0-9]+$/, 'must be a file name'), configFileSchema),
  })
  .strict();

export const extraVolumeSchema = z.union(
  [
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
          .object({
            path: z.union([z.string().startsWith('/'), varRefSchema]),
            type: z.enum(['Directory', 'DirectoryOrCreate', 'File', 'Socket', 'CharDevice']).optional(),
          })
          .strict(),
      })
      .strict(),
    z
      .object({
        name: dnsLabel,
        /** A ConfigMap under another volume name: a key of `configMaps`, or the name of a ConfigMap made elsewhere. */
        configMap: z
          .object({
            key: dnsLabel.optional(),
            name: dnsLabel.optional(),
            defaultMode: z
              .string()
              .regex(/^0[0-7]{3}$/, 'must be an octal mode such as 0444')
              .optional(),
          })
          .strict(),
      })
      .strict(),
  ],
  {
    error:
      'expected one of: { name, secret: { secretName?, defaultMode? } }, { name, emptyDir: {...} }, { name, hostPath: { path, type? } }, { name, configMap: { key | name, defaultMode? } }',
  },
);

export const servicePortSchema = z
  .object({
    name: dnsLabel.max(15),
    port: z.number().int().min(1).max(65535),
    targetPort: portRef,
    protocol: z.enum(['TCP', 'UDP']).default(defaults.service.servicePort.protocol),
    /** A fixed node port (30000-32767), for a Service of type NodePort or LoadBalancer. */
    nodePort: z.number().int().min(30000).max(32767).optional(),
  })
  .strict();

/** A Kubernetes Service in front of a component's pods. */
export const kubeServiceSchema = z
  .object({
    /** Suffix of the Service's name; the first Service of a component may omit it and takes the component's name. */
    name: dnsLabel.optional(),
    type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']).default(defaults.service.serviceType),
    ports: z.array(servicePortSchema).min(1),
    annotations: z.record(z.string(), z.string()).default({}),
    /** `Local` keeps client addresses (NodePort and LoadBalancer only). */
    externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
  })
  .strict();

export const middlewareRefSchema = z.union(
  [
    z.object({ name: dnsLabel, namespace: dnsLabel.optional() }).strict(),
    /** A Middleware declared in this module's `objects` (or `manifests`), by its name there. */
    z.object({ object: dnsLabel }).strict(),
  ],
  { error: "expected { name, namespace? } (a Middleware made elsewhere) or { object: NAME } (one of this module's objects)" },
);

const hostname = z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a hostname');

export const ingressSchema = z
  .object({
    /**
     * `IngressRoute` (Traefik's CRD, the default) or `Ingress` (a standard
     * `kubernetes_ingress_v1` for Traefik, configured by annotations).
     */
    kind: z.enum(['IngressRoute', 'Ingress']).default(defaults.service.ingress.kind),
    /** Full hostname; defaults to `<service>.<stack domain>` (for the first route; later ones must say). */
    host: hostname.optional(),
    /** Name of the module variable holding the hostname; `hostname` unless given. Each route needs its own. */
    hostVariable: identifier.optional(),
    /** Service port name or number the route sends traffic to. */
    port: portRef,
    /** Name suffix of the Service to route to, when the component has several. */
    service: dnsLabel.optional(),
    middlewares: z.array(middlewareRefSchema).default([]),
    /** Extra annotations (Ingress only), e.g. `traefik.ingress.kubernetes.io/router.priority`. */
    annotations: z.record(z.string(), z.string()).default({}),
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
    /** What needs this rule: a comment above it in the ClusterRole. */
    reason: z.string().min(1).optional(),
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

const variableDescription = z.string().min(1);
/** A module variable: its Terraform type decides the shape of its default. */
export const variableSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ description: variableDescription, type: z.literal('string'), default: z.string() }).strict(),
    z.object({ description: variableDescription, type: z.literal('number'), default: z.number() }).strict(),
    z.object({ description: variableDescription, type: z.literal('bool'), default: z.boolean() }).strict(),
    z.object({ description: variableDescription, type: z.literal('list(string)'), default: z.array(z.string()) }).strict(),
    z.object({ description: variableDescription, type: z.literal('map(string)'), default: z.record(z.string(), z.string()) }).strict(),
  ],
  { error: 'expected type "string", "number", "bool", "list(string)" or "map(string)", with a default of that type' },
);

export const tolerationSchema = z
  .object({
    key: z.string().optional(),
    operator: z.enum(['Exists', 'Equal']),
    value: z.string().optional(),
    effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  })
  .strict();

const arch = z.enum(['amd64', 'arm64']);

const podOptions = {
  restartPolicy: z.enum(['OnFailure', 'Never']).default(defaults.service.job.restartPolicy),
  backoffLimit: z.number().int().min(0).optional(),
  activeDeadlineSeconds: z.number().int().min(1).optional(),
  ttlSecondsAfterFinished: z.number().int().min(0).optional(),
};

/** What runs the pods: one of five kinds, told apart by `kind`. */
export const workloadSchema = z.preprocess(
  // Before kinds were a union, `kind` could be left out for a Deployment.
  (value) =>
    value !== null && typeof value === 'object' && !('kind' in value) ? { kind: defaults.service.workload.kind, ...value } : value,
  z.discriminatedUnion(
    'kind',
    [
      z
        .object({
          kind: z.literal('Deployment'),
          replicas: numberOrVarSchema.default(defaults.service.workload.replicas),
          strategy: z.enum(['RollingUpdate', 'Recreate']).optional(),
        })
        .strict(),
      z
        .object({
          kind: z.literal('StatefulSet'),
          replicas: numberOrVarSchema.default(defaults.service.workload.replicas),
          strategy: z.enum(['RollingUpdate', 'OnDelete']).optional(),
        })
        .strict(),
      z.object({ kind: z.literal('DaemonSet'), replicas: z.number().int().min(0).optional() }).strict(),
      z
        .object({
          kind: z.literal('Job'),
          completions: z.number().int().min(1).optional(),
          parallelism: z.number().int().min(1).optional(),
          ...podOptions,
        })
        .strict(),
      z
        .object({
          kind: z.literal('CronJob'),
          schedule: z
            .string()
            .regex(
              /^(@(yearly|annually|monthly|weekly|daily|midnight|hourly)|(\S+\s+){4}\S+)$/,
              'must be a cron schedule such as "0 3 * * *" or @daily',
            ),
          timeZone: z.string().min(1).optional(),
          concurrencyPolicy: z.enum(['Allow', 'Forbid', 'Replace']).default(defaults.service.job.concurrencyPolicy),
          successfulJobsHistoryLimit: z.number().int().min(0).optional(),
          failedJobsHistoryLimit: z.number().int().min(0).optional(),
          startingDeadlineSeconds: z.number().int().min(1).optional(),
          suspend: z.boolean().optional(),
          ...podOptions,
        })
        .strict(),
    ],
    {
      error:
        'expected kind "Deployment", "StatefulSet", "DaemonSet", "Job" (backoffLimit, restartPolicy, ...) or "CronJob" (schedule, concurrencyPolicy, ...)',
    },
  ),
);

const weightedArch = z.object({ arch, weight: z.number().int().min(1).max(100) }).strict();

export const schedulingSchema = z
  .object({
    /** Preferred hosts (weight 100), as before. */
    preferHosts: z.array(z.string().min(1)).default([]),
    /** One architecture (a node selector) or several (required node affinity). */
    requireArch: z.union([arch, z.array(arch).min(1)]).optional(),
    /** Required node affinity over host names. */
    requireHosts: z.array(z.string().min(1)).min(1).optional(),
    /** Preferred node affinity by architecture, each with its weight. */
    preferArch: z.array(weightedArch).default([]),
    /** Extra node selector labels, e.g. a GPU node's `nvidia.com/gpu.present = "true"`. */
    nodeSelector: z.record(z.string().min(1), textSchema).default({}),
    /** A RuntimeClass, e.g. `nvidia` for GPU containers. */
    runtimeClassName: dnsLabel.optional(),
    /** PriorityClass of the pods. */
    priorityClassName: dnsLabel.optional(),
    tolerations: z.array(tolerationSchema).default([]),
    hostNetwork: z.boolean().default(false),
    hostPID: z.boolean().default(false),
  })
  .strict();

/** The fields of one component (workload): shared by the one-component shorthand and `components`. */
const componentFields = {
  workload: workloadSchema.default(defaults.service.workload),
  containers: z.array(containerSchema).min(1),
  initContainers: z.array(initContainerSchema).default([]),
  volumes: z.array(extraVolumeSchema).default([]),
  /** One Service (the common case). */
  service: kubeServiceSchema.optional(),
  /** Several Services (an API and a console port); each after the first names itself. */
  services: z.array(kubeServiceSchema).min(1).optional(),
  /** One route in through the ingress controller. */
  ingress: ingressSchema.optional(),
  /** Several routes (another host); each after the first names its hostVariable. */
  ingresses: z.array(ingressSchema).min(1).optional(),
  scheduling: schedulingSchema.default(defaults.service.scheduling),
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
};

export const componentSchema = z
  .object({
    /** The component's name: its `component` label and the suffix of its objects' names. */
    name: dnsLabel,
    ...componentFields,
    /** Labels of this component's objects only, beside the module's. */
    labels: z.record(z.string().min(1), z.string()).default({}),
    /** Components whose workload Terraform creates first. */
    dependsOn: z.array(dnsLabel).default([]),
  })
  .strict()
  .transform(({ service, services, ingress, ingresses, ...component }, ctx) => {
    for (const [one, several, given] of [
      ['service', 'services', service && services],
      ['ingress', 'ingresses', ingress && ingresses],
    ] as const) {
      if (given) ctx.issues.push({ code: 'custom', path: [several], message: `give ${one} or ${several}, not both`, input: several });
    }
    // One list each: the shorthand forms are its one-element case.
    return { ...component, services: services ?? (service ? [service] : []), routes: ingresses ?? (ingress ? [ingress] : []) };
  });

/** Names a label set may use instead of the defaults. */
export const labelsSchema = z
  .object({
    /** The stack's label style for this module, or the other one. */
    style: z.enum(['app', 'kubernetes']).optional(),
    /** `false` leaves out the labels beside the name (managed-by, environment or part-of). */
    defaults: z.boolean().default(true),
    /** Extra labels on every object, e.g. `environment = "poc"` or a `component`. */
    extra: z.record(z.string().min(1), textSchema).default({}),
  })
  .strict();

/** A module output: text (with variables) or the name of a component's Service. */
export const outputValueSchema = z.union([textSchema, z.object({ serviceOf: dnsLabel, service: dnsLabel.optional() }).strict()], {
  error: 'expected a string, variable(name), tpl`...` or { serviceOf: COMPONENT, service?: SUFFIX }',
});
export const outputSchema = z
  .object({ description: z.string().min(1), value: outputValueSchema, sensitive: z.boolean().optional() })
  .strict();

const percentOrCount = z.union([z.number().int().min(0), z.string().regex(/^[0-9]+%$/, 'must be a percentage such as 50%')]);
const cpuMemory = z.object({ cpu: quantity.optional(), memory: quantity.optional() }).strict();

/** Where a policy admits traffic from. */
const peerSchema = z.union(
  [
    z.object({ namespace: dnsLabel }).strict(),
    z.object({ component: dnsLabel }).strict(),
    z.object({ podLabels: z.record(z.string(), z.string()), namespace: dnsLabel.optional() }).strict(),
    z.object({ cidr: z.string().regex(/^[0-9.]+\/[0-9]+$/, 'must be an IPv4 CIDR') }).strict(),
  ],
  { error: 'expected { namespace }, { component }, { podLabels, namespace? } or { cidr }' },
);

/** Typed Kubernetes objects a module commonly needs beside its workloads. */
export const objectSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('PodDisruptionBudget'),
        component: dnsLabel.optional(),
        minAvailable: percentOrCount.optional(),
        maxUnavailable: percentOrCount.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('NetworkPolicy'),
        component: dnsLabel.optional(),
        /** Sources admitted; everything else is denied. */
        from: z.array(peerSchema).default([]),
        /** Ports admitted (all when empty). */
        ports: z
          .array(z.object({ port: z.number().int().min(1).max(65535), protocol: z.enum(['TCP', 'UDP']).default('TCP') }).strict())
          .default([]),
      })
      .strict(),
    z
      .object({
        kind: z.literal('CiliumNetworkPolicy'),
        component: dnsLabel.optional(),
        /** Cilium entities admitted, e.g. `ingress`, `cluster`, `host`, `world`. */
        fromEntities: z
          .array(z.enum(['all', 'world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'ingress', 'health']))
          .default([]),
        /** Components of this module admitted. */
        fromComponents: z.array(dnsLabel).default([]),
        ports: z
          .array(z.object({ port: z.number().int().min(1).max(65535), protocol: z.enum(['TCP', 'UDP']).default('TCP') }).strict())
          .default([]),
      })
      .strict(),
    z
      .object({
        kind: z.literal('VerticalPodAutoscaler'),
        component: dnsLabel.optional(),
        updateMode: z.enum(['Off', 'Initial', 'Recreate', 'InPlaceOrRecreate', 'Auto']).default(defaults.service.vpa.updateMode),
        minAllowed: cpuMemory.optional(),
        maxAllowed: cpuMemory.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('Middleware'),
        /** Suffix of its name (`<module>-<name>`); routes refer to it with `{ object: name }`. */
        name: dnsLabel,
        redirectRegex: z
          .object({ regex: z.string().min(1), replacement: z.string().min(1), permanent: z.boolean().optional() })
          .strict()
          .optional(),
        redirectScheme: z
          .object({ scheme: z.enum(['https', 'http']), permanent: z.boolean().optional() })
          .strict()
          .optional(),
        stripPrefix: z
          .object({ prefixes: z.array(z.string().startsWith('/')).min(1) })
          .strict()
          .optional(),
        headers: z
          .object({
            customRequestHeaders: z.record(z.string(), z.string()).optional(),
            customResponseHeaders: z.record(z.string(), z.string()).optional(),
            stsSeconds: z.number().int().min(0).optional(),
          })
          .strict()
          .optional(),
        buffering: z
          .object({ maxRequestBodyBytes: z.number().int().min(0) })
          .strict()
          .optional(),
      })
      .strict(),
  ],
  {
    error:
      'expected kind "PodDisruptionBudget", "NetworkPolicy", "CiliumNetworkPolicy", "VerticalPodAutoscaler" or "Middleware"; any other kind goes in manifests',
  },
);

/**
 * The escape hatch: any custom resource, as a `kubectl_manifest`. Its body is
 * checked against the CRD schemas the linter knows, and `gen-modules verify`
 * lists every one so reviewers see it.
 */
export const manifestSchema = z
  .object({
    /** Suffix of the object's name (`<module>-<name>`) and its Terraform name. */
    name: dnsLabel,
    apiVersion: z.string().regex(/^([a-z0-9.-]+\/)?v[0-9]+((alpha|beta)[0-9]+)?$/, 'must be an apiVersion such as traefik.io/v1alpha1'),
    kind: z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a kind such as Middleware'),
    /** False for cluster-scoped kinds (no namespace in the metadata). */
    namespaced: z.boolean().default(true),
    spec: z.record(z.string(), configValueSchema).optional(),
    /** Why no typed field says this: shown by `gen-modules verify`. */
    reason: z.string().min(1),
    /** The object's own metadata, in place of the module's (an imported object keeps its own). */
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

/** Module-wide fields: what the components share. */
const moduleFields = {
  name: dnsLabel,
  /** One or two lines saying what the service is: the comment above its root module block. */
  description: z.string().min(1),
  labels: labelsSchema.default(defaults.service.labels),
  persistence: z.record(dnsLabel, persistenceSchema).default({}),
  configMaps: z.record(dnsLabel, configMapSchema).default({}),
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
  /** Extra module variables, referenced in the spec with `variable('name')`. */
  variables: z.record(identifier, variableSchema).default({}),
  /** Extra module outputs, e.g. `service_url`. */
  outputs: z.record(identifier, outputSchema).default({}),
  /** Typed Kubernetes objects beside the workloads. */
  objects: z.array(objectSchema).default([]),
  /** Custom resources no typed field covers (checked, and listed by verify). */
  manifests: z.array(manifestSchema).default([]),
  /** The hand-written module this spec was imported from (adoption blocks until removed). */
  importedFrom: importedFromSchema.optional(),
};

/**
 * A module: one or more components, or none when it is only `manifests`. A spec
 * with `containers` (and no `components`) is the one-component shorthand; `load`
 * turns it into this shape.
 */
export const serviceSchema = z.object({ ...moduleFields, components: z.array(componentSchema) }).strict();

/** The one-component shorthand: module fields and one component's fields side by side. */
export const COMPONENT_KEYS: ReadonlyArray<string> = Object.keys(componentFields);

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
          .object({
            user: z.string().regex(/^[^:{}\s]+$/, 'must be an htpasswd user name: no spaces, colons or braces'),
            passwordProperty: z.string().min(1),
          })
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
    /** The cluster's S3-compatible object store (MinIO's API Service): litestream replicas and other S3 clients use it. */
    objectStore: z.object({ endpoint: z.string().url() }).strict().default(defaults.stack.objectStore),
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

type ModuleInput = z.input<typeof serviceSchema>;
type ComponentInput = z.input<typeof componentSchema>;
/**
 * A spec as written: the module's fields with either `components`, or one
 * component's fields beside them (the one-component shorthand).
 */
export type ServiceInput = Omit<ModuleInput, 'components'> &
  Partial<Omit<ComponentInput, 'name' | 'labels' | 'dependsOn'>> & { components?: ComponentInput[] };
export type ContainerInput = z.input<typeof containerSchema>;
export type Service = z.output<typeof serviceSchema>;
export type Component = z.output<typeof componentSchema>;
export type Workload = z.output<typeof componentSchema>['workload'];
export type KubeService = z.output<typeof kubeServiceSchema>;
export type Ingress = z.output<typeof ingressSchema>;
export type ModuleObject = z.output<typeof objectSchema>;
export type Manifest = z.output<typeof manifestSchema>;
export type Output = z.output<typeof outputSchema>;
export type EnvFrom = z.output<typeof envFromSchema>;
export type ExtraVolume = z.output<typeof extraVolumeSchema>;
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
