import {
  configText,
  type Component,
  type ConfigFile,
  type ConfigValue,
  type Ingress,
  type KubeService,
  type Service,
} from '../../spec-api/schema';
import { Expr, expr, hcl, template, Template, toIdentifier, type HclValue } from '../../hcl/encode';
import {
  componentResourceName,
  resourceName,
  routeResourceName,
  routeService,
  serviceResourceName,
  subResourceName,
  volumeNameAnnotation,
} from '../naming';
import { allRoutes, hostVariable, storageSizeVariable } from '../../spec-api/naming';
import { appName, componentObjectName, nameOf, nonEmpty, serviceObjectName, text, type ViewContext } from './context';
import { containerView, type ContainerView } from './container';
import { usesBasicAuth } from './secrets';
import { commonLabels, componentLabels, hasComponents, selectorLabels } from './labels';

/** Kubernetes provider resource types, versioned as `conventions.md` decides. */
export const TYPES = {
  Deployment: 'kubernetes_deployment_v1',
  DaemonSet: 'kubernetes_daemon_set_v1',
  StatefulSet: 'kubernetes_stateful_set_v1',
  Job: 'kubernetes_job_v1',
  CronJob: 'kubernetes_cron_job_v1',
  ingress: 'kubernetes_ingress_v1',
  pdb: 'kubernetes_pod_disruption_budget_v1',
  networkPolicy: 'kubernetes_network_policy_v1',
  service: 'kubernetes_service_v1',
  configMap: 'kubernetes_config_map_v1',
  pvc: 'kubernetes_persistent_volume_claim_v1',
  serviceAccount: 'kubernetes_service_account_v1',
  clusterRole: 'kubernetes_cluster_role_v1',
  clusterRoleBinding: 'kubernetes_cluster_role_binding_v1',
} as const;

export interface MetadataView {
  name: HclValue;
  namespaced: boolean;
  labels: HclValue;
  annotations: Record<string, HclValue> | null;
}

export interface ConfigMapView {
  resourceName: string;
  metadata: MetadataView;
  data: Array<{ key: string; value: HclValue }>;
}

export interface PvcView {
  resourceName: string;
  metadata: MetadataView;
  storageClass: string;
  accessModes: HclValue;
  size: HclValue;
  waitUntilBound: boolean | null;
  comment: string | null;
  /**
   * The reason off the persistent class on one line, for the inline suppression
   * that carries the spec's exception into the generated file; null on the
   * persistent class.
   */
  suppressionReason: string | null;
}

export interface VolumeView {
  name: string;
  secret: Record<string, HclValue | undefined> | null;
  configMap: Record<string, HclValue | undefined> | null;
  pvc: HclValue | null;
  emptyDir: Record<string, HclValue | undefined> | null;
  hostPath: Record<string, HclValue | undefined> | null;
}

export interface AffinityView {
  /** Terms of one `node_selector_term` (all must hold), or null. */
  required: Array<{ key: string; values: HclValue }> | null;
  preferred: Array<{ weight: number; key: string; values: HclValue }>;
}

export interface WorkloadView {
  type: string;
  resourceName: string;
  metadata: MetadataView;
  /** Labels of the pod template: `local.labels`, or merged with the component's. */
  labels: HclValue;
  isDeployment: boolean;
  isStatefulSet: boolean;
  /** Job and CronJob: the run-to-completion kinds, printed by the `job` partial. */
  isJob: boolean;
  /** CronJob attributes (schedule, policies, history limits), or null. */
  cronJob: Record<string, HclValue | undefined> | null;
  /** Job spec attributes (backoff, completions, deadlines), or null. */
  job: Record<string, HclValue | undefined> | null;
  restartPolicy: string | null;
  replicas: HclValue | null;
  strategy: string | null;
  serviceName: HclValue | null;
  selector: Record<string, HclValue>;
  podAnnotations: Record<string, HclValue> | null;
  serviceAccount: HclValue | null;
  hostNetwork: boolean;
  hostPID: boolean;
  dnsPolicy: string | null;
  runtimeClassName: string | null;
  priorityClassName: string | null;
  securityContext: Record<string, HclValue | undefined> | null;
  nodeSelector: Record<string, HclValue> | null;
  affinity: AffinityView | null;
  tolerations: Array<Record<string, HclValue | undefined>>;
  initContainers: ContainerView[];
  containers: ContainerView[];
  volumes: VolumeView[];
  dependsOn: HclValue | null;
}

export interface ServiceView {
  resourceName: string;
  metadata: MetadataView;
  type: string;
  externalTrafficPolicy: string | null;
  selector: Record<string, HclValue>;
  ports: Array<{ name: string; port: number; targetPort: HclValue; protocol: string | null; nodePort: number | null }>;
}

export interface IngressRouteView {
  resourceName: string;
  name: HclValue;
  labels: HclValue;
  host: HclValue;
  entryPoint: string;
  middlewares: HclValue | null;
  serviceRef: HclValue;
  port: HclValue;
  tlsSecret: string;
}

/** A standard `kubernetes_ingress_v1` for Traefik, configured by annotations. */
export interface IngressView {
  resourceName: string;
  metadata: MetadataView;
  host: HclValue;
  serviceRef: HclValue;
  port: HclValue;
  tlsSecret: string;
}

export interface RouteView {
  ingressRoute: IngressRouteView | null;
  ingress: IngressView | null;
}

export interface AuthMiddlewareView {
  name: HclValue;
  basicAuthSecret: HclValue | null;
  forward: Record<string, HclValue> | null;
}

export interface MainView {
  appName: string;
  labels: Record<string, HclValue>;
  configMaps: ConfigMapView[];
  pvcs: PvcView[];
  workloads: WorkloadView[];
  services: ServiceView[];
  routes: RouteView[];
  authMiddleware: AuthMiddlewareView | null;
}

const metadata = (name: HclValue, annotations: Record<string, HclValue> = {}, labels: HclValue = expr('local.labels')): MetadataView => ({
  name,
  namespaced: true,
  labels,
  annotations: nonEmpty(annotations),
});

export function mainView(context: ViewContext): MainView {
  const { service, stack } = context;

  const configMaps: ConfigMapView[] = Object.entries(service.configMaps).map(([key, cm]) => ({
    resourceName: subResourceName(service, key),
    metadata: metadata(appName(key)),
    data: Object.entries(cm.files).map(([file, content]) => ({ key: file, value: configFileValue(content) })),
  }));

  const pvcs: PvcView[] = Object.entries(service.persistence).map(([key, claim]) => {
    const storageClass = claim.storageClass ?? stack.persistentClass;
    const cls = stack.storageClasses[storageClass];
    const onPersistentClass = storageClass === stack.persistentClass;
    return {
      resourceName: subResourceName(service, key),
      metadata: metadata(appName(key), onPersistentClass ? { 'volume-name': volumeNameAnnotation(service, key) } : {}),
      storageClass,
      accessModes: claim.accessModes ?? [cls?.network ? 'ReadWriteMany' : 'ReadWriteOnce'],
      size: expr(`var.${storageSizeVariable(service, key)}`),
      // Without this, `terraform apply` waits for a pod that only the apply itself creates.
      waitUntilBound: cls?.bindingMode === 'WaitForFirstConsumer' ? false : null,
      comment: claim.reason ?? null,
      suppressionReason: !onPersistentClass && claim.reason !== undefined ? claim.reason.replace(/\s+/g, ' ') : null,
    };
  });

  const authMiddleware = authMiddlewareView(context);
  return {
    appName: service.name,
    labels: commonLabels(context),
    configMaps,
    pvcs,
    workloads: service.components.map((component) => workloadView(context, component)),
    services: service.components.flatMap((component) => servicesView(context, component)),
    routes: service.components.flatMap((component) =>
      component.routes.map((route, i) => routeView(context, component, route, i, authMiddleware)),
    ),
    authMiddleware,
  };
}

/** The pod volumes of a component: the module's claims and ConfigMaps it mounts (all of them in a one-component module), then its own. */
function volumesView(context: ViewContext, component: Component): VolumeView[] {
  const { service } = context;
  const mounted = new Set([...component.containers, ...component.initContainers].flatMap((c) => c.volumeMounts.map((m) => m.volume)));
  const used = (key: string): boolean => !hasComponents(context) || mounted.has(key);
  return [
    ...Object.keys(service.configMaps)
      .filter(used)
      .map((key) => ({ ...emptyVolume(key), configMap: { name: nameOf(TYPES.configMap, subResourceName(service, key)) } })),
    ...Object.keys(service.persistence)
      .filter(used)
      .map((key) => ({ ...emptyVolume(key), pvc: nameOf(TYPES.pvc, subResourceName(service, key)) })),
    ...component.volumes.map((v) => ({
      ...emptyVolume(v.name),
      secret: 'secret' in v ? { secret_name: v.secret.secretName ?? appName('secrets'), default_mode: v.secret.defaultMode } : null,
      configMap:
        'configMap' in v
          ? {
              name:
                v.configMap.key !== undefined
                  ? nameOf(TYPES.configMap, subResourceName(service, v.configMap.key))
                  : (v.configMap.name ?? null),
              default_mode: v.configMap.defaultMode,
            }
          : null,
      emptyDir: 'emptyDir' in v ? { medium: v.emptyDir.medium, size_limit: v.emptyDir.sizeLimit } : null,
      hostPath: 'hostPath' in v ? { path: text(v.hostPath.path), type: v.hostPath.type } : null,
    })),
  ];
}

function workloadView(context: ViewContext, component: Component): WorkloadView {
  const { service } = context;
  const name = componentResourceName(component);
  const workload = component.workload;
  const kind = workload.kind;
  const services = component.services;
  const needsServiceAccount = service.rbac !== undefined || service.serviceAccount;
  const sc = component.securityContext;
  const scheduling = component.scheduling;
  const arches =
    scheduling.requireArch === undefined
      ? []
      : typeof scheduling.requireArch === 'string'
        ? [scheduling.requireArch]
        : scheduling.requireArch;
  const nodeSelector = {
    ...(arches.length === 1 ? { 'kubernetes.io/arch': arches[0] as string } : {}),
    ...Object.fromEntries(Object.entries(scheduling.nodeSelector).map(([k, v]) => [k, text(v)])),
  };
  const required = [
    ...(arches.length > 1 ? [{ key: 'kubernetes.io/arch', values: arches }] : []),
    ...(scheduling.requireHosts ? [{ key: 'kubernetes.io/hostname', values: scheduling.requireHosts }] : []),
  ];
  const preferred = [
    ...(scheduling.preferHosts.length > 0 ? [{ weight: 100, key: 'kubernetes.io/hostname', values: scheduling.preferHosts }] : []),
    ...scheduling.preferArch.map((p) => ({ weight: p.weight, key: 'kubernetes.io/arch', values: [p.arch] })),
  ];
  const dependsOn = [
    ...(service.secrets ? [expr('kubectl_manifest.external_secret')] : []),
    ...component.dependsOn.map((other) => {
      const target = service.components.find((c) => c.name === other);
      return expr(`${target ? TYPES[target.workload.kind] : 'unknown'}.${toIdentifier(other)}`);
    }),
  ];
  const labels = componentLabels(context, component);
  const isJob = kind === 'Job' || kind === 'CronJob';
  return {
    type: TYPES[kind],
    resourceName: name,
    metadata: metadata(componentObjectName(context, component), {}, labels),
    labels,
    isDeployment: kind === 'Deployment',
    isStatefulSet: kind === 'StatefulSet',
    isJob,
    cronJob:
      kind === 'CronJob'
        ? {
            schedule: workload.schedule,
            timezone: workload.timeZone,
            concurrency_policy: workload.concurrencyPolicy,
            successful_jobs_history_limit: workload.successfulJobsHistoryLimit,
            failed_jobs_history_limit: workload.failedJobsHistoryLimit,
            starting_deadline_seconds: workload.startingDeadlineSeconds,
            suspend: workload.suspend,
          }
        : null,
    job: isJob
      ? {
          backoff_limit: workload.backoffLimit,
          completions: kind === 'Job' ? workload.completions : undefined,
          parallelism: kind === 'Job' ? workload.parallelism : undefined,
          active_deadline_seconds: workload.activeDeadlineSeconds,
          ttl_seconds_after_finished: workload.ttlSecondsAfterFinished,
        }
      : null,
    restartPolicy: isJob ? workload.restartPolicy : null,
    replicas: kind === 'Deployment' || kind === 'StatefulSet' ? numberOrVar(workload.replicas) : null,
    strategy: kind === 'Deployment' ? (workload.strategy ?? null) : null,
    serviceName: kind === 'StatefulSet' && services[0] ? nameOf(TYPES.service, serviceResourceName(component, services[0])) : null,
    selector: selectorLabels(context, component),
    podAnnotations: nonEmpty({ ...component.podAnnotations, ...configChecksums(service, component) }),
    serviceAccount: needsServiceAccount ? nameOf(TYPES.serviceAccount, resourceName(service)) : null,
    hostNetwork: scheduling.hostNetwork,
    hostPID: scheduling.hostPID,
    // Pods on the host network still need cluster DNS to reach Services.
    dnsPolicy: scheduling.hostNetwork ? 'ClusterFirstWithHostNet' : null,
    runtimeClassName: scheduling.runtimeClassName ?? null,
    priorityClassName: scheduling.priorityClassName ?? null,
    securityContext: sc
      ? nonEmpty({ run_as_user: sc.runAsUser, run_as_group: sc.runAsGroup, fs_group: sc.fsGroup, run_as_non_root: sc.runAsNonRoot })
      : null,
    nodeSelector: nonEmpty(nodeSelector),
    affinity: required.length > 0 || preferred.length > 0 ? { required: required.length > 0 ? required : null, preferred } : null,
    tolerations: scheduling.tolerations.map((t) => ({ key: t.key, operator: t.operator, value: t.value, effect: t.effect })),
    initContainers: component.initContainers.map((c) => containerView(context, c)),
    containers: component.containers.map((c) => containerView(context, c)),
    volumes: volumesView(context, component),
    dependsOn: dependsOn.length > 0 ? dependsOn : null,
  };
}

function servicesView(context: ViewContext, component: Component): ServiceView[] {
  return component.services.map((s) => ({
    resourceName: serviceResourceName(component, s),
    metadata: metadata(serviceObjectName(context, component, s), s.annotations, componentLabels(context, component)),
    type: s.type,
    externalTrafficPolicy: s.externalTrafficPolicy ?? null,
    selector: selectorLabels(context, component),
    ports: s.ports.map((p) => ({
      name: p.name,
      port: p.port,
      targetPort: p.targetPort,
      protocol: p.protocol === 'TCP' ? null : p.protocol,
      nodePort: p.nodePort ?? null,
    })),
  }));
}

function routeView(context: ViewContext, component: Component, route: Ingress, index: number, auth: AuthMiddlewareView | null): RouteView {
  const { service, stack } = context;
  const target = routeService(component, route);
  const serviceRef = nameOf(TYPES.service, serviceResourceName(component, target));
  const port = servicePortNumber(target, route.port);
  const variable = hostVariable(route);
  const resourceName = routeResourceName(route);
  const middlewares = [
    ...(route.auth && auth ? [{ name: auth.name, namespace: expr('var.namespace') }] : []),
    ...route.middlewares.map((m) =>
      'object' in m
        ? { name: appName(m.object), namespace: expr('var.namespace') }
        : { name: m.name, namespace: m.namespace ?? expr('var.namespace') },
    ),
  ];
  const labels = componentLabels(context, component);
  // The first route keeps the module's name; later ones add their host variable.
  const name = index === 0 && component === service.components[0] ? expr('local.app_name') : appName(variable.replace(/_/g, '-'));
  if (route.kind === 'Ingress') {
    const annotations: Record<string, HclValue> = {
      'traefik.ingress.kubernetes.io/router.entrypoints': stack.ingress.entryPoint,
      'traefik.ingress.kubernetes.io/router.tls': 'true',
      ...(middlewares.length > 0 ? { 'traefik.ingress.kubernetes.io/router.middlewares': template(...joinMiddlewares(middlewares)) } : {}),
      ...route.annotations,
    };
    return {
      ingressRoute: null,
      ingress: {
        resourceName,
        metadata: metadata(name, annotations, labels),
        host: expr(`var.${variable}`),
        serviceRef,
        port,
        tlsSecret: stack.tlsSecret,
      },
    };
  }
  return {
    ingress: null,
    ingressRoute: {
      resourceName,
      name,
      labels,
      host: template('Host(`', expr(`var.${variable}`), '`)'),
      entryPoint: stack.ingress.entryPoint,
      middlewares: middlewares.length > 0 ? middlewares : null,
      serviceRef,
      port,
      tlsSecret: stack.tlsSecret,
    },
  };
}

/** Traefik's annotation names a middleware as `<namespace>-<name>@kubernetescrd`, comma-separated. */
function joinMiddlewares(middlewares: Array<{ name: HclValue; namespace: HclValue }>): Array<string | Expr> {
  const parts: Array<string | Expr> = [];
  middlewares.forEach((m, i) => {
    if (i > 0) parts.push(',');
    for (const value of [m.namespace, '-', m.name, '@kubernetescrd']) {
      if (typeof value === 'string') parts.push(value);
      else if (value instanceof Expr) parts.push(value);
      else if (value instanceof Template) parts.push(...value.parts);
    }
  });
  return parts;
}

function numberOrVar(value: number | { var: string }): HclValue {
  return typeof value === 'number' ? value : expr(`var.${value.var}`);
}

/**
 * `checksum/<key>`: a hash of the data of each of the module's ConfigMaps the
 * component's pods mount (by its key, or through a volume naming the key),
 * computed by Terraform from the same value the ConfigMap holds. A changed
 * configuration changes the pod template, so the workload rolls out and the pods
 * read the new files; a CronJob's next run does too.
 */
export function configChecksums(service: Service, component: Component): Record<string, HclValue> {
  const mounted = new Set([...component.containers, ...component.initContainers].flatMap((c) => c.volumeMounts.map((m) => m.volume)));
  const own = new Map(component.volumes.map((v) => [v.name, v]));
  const keys = new Set(
    [...mounted].flatMap((volume) => {
      const declared = own.get(volume);
      if (declared === undefined) return [volume];
      return 'configMap' in declared && declared.configMap.key !== undefined ? [declared.configMap.key] : [];
    }),
  );
  return Object.fromEntries(
    Object.keys(service.configMaps)
      .filter((key) => keys.has(key))
      .map((key) => [`checksum/${key}`, expr(`sha256(jsonencode(${TYPES.configMap}.${subResourceName(service, key)}.data))`)]),
  );
}

/** The Traefik Middleware that authenticates requests before they reach an admin UI. */
function authMiddlewareView(context: ViewContext): AuthMiddlewareView | null {
  if (!allRoutes(context.service).some(({ route }) => route.auth)) return null;
  const forward = context.stack.auth.forward;
  return {
    name: appName('auth'),
    basicAuthSecret: usesBasicAuth(context) ? appName('basic-auth') : null,
    forward: forward
      ? {
          address: forward.address,
          trustForwardHeader: forward.trustForwardHeader,
          ...(forward.authResponseHeaders.length > 0 ? { authResponseHeaders: forward.authResponseHeaders } : {}),
        }
      : null,
  };
}

/** Traefik wants the Service port's number (or its name); use the number the Service exposes. */
function servicePortNumber(target: KubeService, port: number | string): number {
  const match = target.ports.find((p) => p.name === port || p.port === port);
  if (!match) throw new Error(`ingress port ${port} is not a service port`);
  return match.port;
}

function emptyVolume(name: string): VolumeView {
  return { name, secret: null, configMap: null, pvc: null, emptyDir: null, hostPath: null };
}

function configFileValue(content: ConfigFile): HclValue {
  if ('yaml' in content) return expr(`yamlencode(${renderConfig(content.yaml)})`);
  if ('json' in content) return expr(`jsonencode(${renderConfig(content.json)})`);
  return text(content.text);
}

/** Config data as HCL: objects and lists as written, strings escaped, variables as references. */
export function configHcl(value: ConfigValue): HclValue {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(configHcl);
  const reference = configText(value);
  if (reference) return text(reference);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, configHcl(v)]));
}

function renderConfig(value: ConfigValue): string {
  return hcl(configHcl(value));
}
