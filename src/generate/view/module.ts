import { configText, type ConfigFile, type ConfigValue, type Service } from '../../spec-api/schema';
import { expr, hcl, template, type HclValue } from '../../hcl/encode';
import { resourceName, subResourceName, volumeNameAnnotation } from '../naming';
import { storageSizeVariable } from '../../spec-api/naming';
import { appName, nameOf, nonEmpty, text, type ViewContext } from './context';
import { containerView, type ContainerView } from './container';
import { usesBasicAuth } from './secrets';
import { commonLabels, selectorLabels } from './labels';

/** Kubernetes provider resource types, versioned as `conventions.md` decides. */
export const TYPES = {
  Deployment: 'kubernetes_deployment_v1',
  DaemonSet: 'kubernetes_daemon_set_v1',
  StatefulSet: 'kubernetes_stateful_set_v1',
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
}

export interface VolumeView {
  name: string;
  secret: Record<string, HclValue | undefined> | null;
  configMap: HclValue | null;
  pvc: HclValue | null;
  emptyDir: Record<string, HclValue | undefined> | null;
  hostPath: Record<string, HclValue | undefined> | null;
}

export interface WorkloadView {
  type: string;
  resourceName: string;
  metadata: MetadataView;
  isDeployment: boolean;
  isStatefulSet: boolean;
  replicas: number | null;
  strategy: string | null;
  serviceName: HclValue | null;
  selector: Record<string, HclValue>;
  podAnnotations: Record<string, HclValue> | null;
  serviceAccount: HclValue | null;
  hostNetwork: boolean;
  hostPID: boolean;
  dnsPolicy: string | null;
  securityContext: Record<string, HclValue | undefined> | null;
  nodeSelector: Record<string, HclValue> | null;
  preferredHosts: HclValue | null;
  tolerations: Array<Record<string, HclValue | undefined>>;
  initContainers: ContainerView[];
  containers: ContainerView[];
  volumes: VolumeView[];
  dependsOn: HclValue | null;
}

export interface ServiceView {
  resourceName: string;
  metadata: MetadataView;
  selector: Record<string, HclValue>;
  ports: Array<{ name: string; port: number; targetPort: HclValue; protocol: string | null }>;
}

export interface IngressRouteView {
  host: HclValue;
  entryPoint: string;
  middlewares: HclValue | null;
  serviceRef: HclValue;
  port: HclValue;
  tlsSecret: string;
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
  /** Null for a module of manifests only. */
  workload: WorkloadView | null;
  service: ServiceView | null;
  ingressRoute: IngressRouteView | null;
  authMiddleware: AuthMiddlewareView | null;
}

const metadata = (name: HclValue, annotations: Record<string, HclValue> = {}): MetadataView => ({
  name,
  namespaced: true,
  annotations: nonEmpty(annotations),
});

export function mainView(context: ViewContext): MainView {
  const { service, stack } = context;
  const name = resourceName(service);
  const hasService = service.service !== undefined;

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
    };
  });

  const volumes: VolumeView[] = [
    ...Object.keys(service.configMaps).map((key) => ({
      ...emptyVolume(key),
      configMap: nameOf(TYPES.configMap, subResourceName(service, key)),
    })),
    ...Object.keys(service.persistence).map((key) => ({
      ...emptyVolume(key),
      pvc: nameOf(TYPES.pvc, subResourceName(service, key)),
    })),
    ...service.volumes.map((v) => ({
      ...emptyVolume(v.name),
      secret: 'secret' in v ? { secret_name: v.secret.secretName ?? appName('secrets'), default_mode: v.secret.defaultMode } : null,
      emptyDir: 'emptyDir' in v ? { medium: v.emptyDir.medium, size_limit: v.emptyDir.sizeLimit } : null,
      hostPath: 'hostPath' in v ? { path: v.hostPath.path, type: v.hostPath.type } : null,
    })),
  ];

  const kind = service.workload.kind;
  const needsServiceAccount = service.rbac !== undefined || service.serviceAccount;
  const sc = service.securityContext;
  const workload: WorkloadView = {
    type: TYPES[kind],
    resourceName: name,
    metadata: metadata(appName()),
    isDeployment: kind === 'Deployment',
    isStatefulSet: kind === 'StatefulSet',
    replicas: kind === 'DaemonSet' ? null : service.workload.replicas,
    strategy: kind === 'Deployment' ? (service.workload.strategy ?? null) : null,
    serviceName: kind === 'StatefulSet' && hasService ? nameOf(TYPES.service, name) : null,
    selector: selectorLabels(context),
    podAnnotations: nonEmpty(service.podAnnotations),
    serviceAccount: needsServiceAccount ? nameOf(TYPES.serviceAccount, name) : null,
    hostNetwork: service.scheduling.hostNetwork,
    hostPID: service.scheduling.hostPID,
    // Pods on the host network still need cluster DNS to reach Services.
    dnsPolicy: service.scheduling.hostNetwork ? 'ClusterFirstWithHostNet' : null,
    securityContext: sc
      ? nonEmpty({ run_as_user: sc.runAsUser, run_as_group: sc.runAsGroup, fs_group: sc.fsGroup, run_as_non_root: sc.runAsNonRoot })
      : null,
    nodeSelector: service.scheduling.requireArch ? { 'kubernetes.io/arch': service.scheduling.requireArch } : null,
    preferredHosts: service.scheduling.preferHosts.length > 0 ? service.scheduling.preferHosts : null,
    tolerations: service.scheduling.tolerations.map((t) => ({ key: t.key, operator: t.operator, value: t.value, effect: t.effect })),
    initContainers: service.initContainers.map((c) => containerView(context, c)),
    containers: service.containers.map((c) => containerView(context, c)),
    volumes,
    dependsOn: service.secrets ? [expr('kubectl_manifest.external_secret')] : null,
  };

  const serviceView: ServiceView | null = service.service
    ? {
        resourceName: name,
        metadata: metadata(appName(), service.service.annotations),
        selector: selectorLabels(context),
        ports: service.service.ports.map((p) => ({
          name: p.name,
          port: p.port,
          targetPort: p.targetPort,
          protocol: p.protocol === 'TCP' ? null : p.protocol,
        })),
      }
    : null;

  const authMiddleware = authMiddlewareView(context);
  const middlewares = [
    ...(authMiddleware ? [{ name: authMiddleware.name, namespace: expr('var.namespace') }] : []),
    ...(service.ingress?.middlewares ?? []).map((m) => ({ name: m.name, namespace: m.namespace ?? expr('var.namespace') })),
  ];
  const ingressRoute: IngressRouteView | null = service.ingress
    ? {
        host: template('Host(`', expr('var.hostname'), '`)'),
        entryPoint: stack.ingress.entryPoint,
        middlewares: middlewares.length > 0 ? middlewares : null,
        serviceRef: nameOf(TYPES.service, name),
        port: servicePortNumber(service, service.ingress.port),
        tlsSecret: stack.tlsSecret,
      }
    : null;

  return {
    appName: service.name,
    labels: commonLabels(context),
    configMaps,
    pvcs,
    workload: service.containers.length > 0 ? workload : null,
    service: serviceView,
    ingressRoute,
    authMiddleware,
  };
}

/** The Traefik Middleware that authenticates requests before they reach an admin UI. */
function authMiddlewareView(context: ViewContext): AuthMiddlewareView | null {
  if (!context.service.ingress?.auth) return null;
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

/** Traefik's IngressRoute wants the Service port's number (or its name); use the number the Service exposes. */
function servicePortNumber(service: Service, port: number | string): number {
  const match = service.service?.ports.find((p) => p.name === port || p.port === port);
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
