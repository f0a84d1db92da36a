import type { Container, EnvFrom, EnvValue, InitContainer, Probe, Service, Text } from '../../spec-api/schema';
import { expr, template, type HclValue } from '../../hcl/encode';
import { defaults } from '../../spec-api/defaults';
import { imageVariable } from '../../spec-api/naming';
import { appName, nonEmpty, text, type ViewContext } from './context';

export interface EnvView {
  name: string;
  value: HclValue | null;
  secretKeyRef: { name: HclValue; key: string } | null;
  configMapKeyRef: { name: HclValue; key: string } | null;
  fieldPath: string | null;
}

export interface EnvFromView {
  prefix: string | null;
  secretRef: Record<string, HclValue | undefined> | null;
  configMapRef: Record<string, HclValue | undefined> | null;
}

export interface ProbeView {
  block: 'liveness_probe' | 'readiness_probe' | 'startup_probe';
  httpGet: { path: string; port: HclValue; headers: Array<{ name: string; value: string }> } | null;
  tcpSocket: { port: HclValue } | null;
  exec: { command: HclValue } | null;
  timing: Record<string, HclValue>;
}

export interface ContainerView {
  name: string;
  image: HclValue;
  imagePullPolicy: string;
  command: HclValue | null;
  args: HclValue | null;
  workingDir: string | null;
  ports: Array<{ name: string; containerPort: number; protocol: string | null }>;
  env: EnvView[];
  envFrom: EnvFromView[];
  resources: { requests: Record<string, HclValue>; limits: Record<string, HclValue> };
  probes: ProbeView[];
  volumeMounts: Array<{ attributes: Record<string, HclValue | undefined> }>;
  securityContext: Record<string, HclValue | undefined> | null;
}

/** The image without its tag, as a spec text: variables where the spec puts them. */
export function imageText(container: Container | InitContainer): Text {
  const { registry, name } = container.image;
  const parts = [...(registry === undefined ? [] : [registry, '/']), name];
  return parts.every((p) => typeof p === 'string') ? parts.join('') : { template: parts };
}

/**
 * The image without its tag, with variables at their defaults: what Renovate
 * looks up (`depName`) and what messages name.
 */
export function imageReference(container: Container | InitContainer, service?: Service): string {
  const resolve = (part: string | { var: string }): string => {
    if (typeof part === 'string') return part;
    const declared = service?.variables[part.var];
    return declared && typeof declared.default === 'string' ? declared.default : `\${var.${part.var}}`;
  };
  const { registry, name } = container.image;
  return registry === undefined ? resolve(name) : `${resolve(registry)}/${resolve(name)}`;
}

/** A list of texts, or a whole list variable. */
export function textList(value: Text[] | { var: string }): HclValue {
  return Array.isArray(value) ? value.map(text) : expr(`var.${value.var}`);
}

export function containerView(context: ViewContext, container: Container | InitContainer): ContainerView {
  const { service } = context;
  return {
    name: container.name,
    image: imageValue(container, imageVariable(service, container.name)),
    imagePullPolicy: container.imagePullPolicy ?? defaults.service.imagePullPolicy(container.image.tag),
    command: container.command ? textList(container.command) : null,
    args: container.args ? textList(container.args) : null,
    workingDir: container.workingDir ?? null,
    ports: container.ports.map((p) => ({
      name: p.name,
      containerPort: p.containerPort,
      protocol: p.protocol === 'TCP' ? null : p.protocol,
    })),
    env: Object.entries(container.env).map(([name, value]) => envView(name, value)),
    envFrom: container.envFrom.map((from) => envFromView(context, from)),
    resources: {
      requests: { ...container.resources.requests },
      limits: {
        ...(Object.fromEntries(Object.entries(container.resources.limits).filter(([, v]) => v !== undefined)) as Record<string, HclValue>),
        ...Object.fromEntries(Object.entries(container.resources.extended).map(([k, v]) => [k, String(v)])),
      },
    },
    probes: (['liveness', 'readiness', 'startup'] as const).flatMap((kind) => {
      const probe = (container.probes as Partial<Record<typeof kind, Probe>>)[kind];
      return probe ? [probeView(`${kind}_probe`, probe)] : [];
    }),
    volumeMounts: container.volumeMounts.map((m) => ({
      attributes: {
        name: m.volume,
        mount_path: m.mountPath,
        sub_path: m.subPath,
        read_only: m.readOnly,
        mount_propagation: m.mountPropagation,
      },
    })),
    securityContext: container.securityContext
      ? nonEmpty({
          run_as_user: container.securityContext.runAsUser,
          run_as_group: container.securityContext.runAsGroup,
          run_as_non_root: container.securityContext.runAsNonRoot,
          read_only_root_filesystem: container.securityContext.readOnlyRootFilesystem,
          allow_privilege_escalation: container.securityContext.allowPrivilegeEscalation,
        })
      : null,
  };
}

function imageValue(container: Container | InitContainer, tagVariable: string): HclValue {
  const image = imageText(container);
  const tag = expr(`var.${tagVariable}`);
  if (typeof image === 'string') return template(`${image}:`, tag);
  if ('var' in image) return template(expr(`var.${image.var}`), ':', tag);
  return template(...image.template.map((p) => (typeof p === 'string' ? p : expr(`var.${p.var}`))), ':', tag);
}

function envFromView({ service }: ViewContext, from: EnvFrom): EnvFromView {
  const options = { optional: from.optional };
  if ('secret' in from) {
    return {
      prefix: from.prefix ?? null,
      secretRef: { name: from.secret === true ? appName('secrets') : from.secret, ...options },
      configMapRef: null,
    };
  }
  const own = from.configMap in service.configMaps;
  return {
    prefix: from.prefix ?? null,
    secretRef: null,
    configMapRef: { name: own ? appName(from.configMap) : from.configMap, ...options },
  };
}

function envView(name: string, value: EnvValue): EnvView {
  const base: EnvView = { name, value: null, secretKeyRef: null, configMapKeyRef: null, fieldPath: null };
  if (typeof value === 'object' && 'secret' in value) {
    return { ...base, secretKeyRef: { name: appName('secrets'), key: value.secret } };
  }
  if (typeof value === 'object' && 'secretRef' in value) {
    return { ...base, secretKeyRef: { name: value.secretRef.name, key: value.secretRef.key } };
  }
  if (typeof value === 'object' && 'configMapRef' in value) {
    return { ...base, configMapKeyRef: { name: value.configMapRef.name, key: value.configMapRef.key } };
  }
  if (typeof value === 'object' && 'field' in value) return { ...base, fieldPath: value.field };
  return { ...base, value: text(value) };
}

function probeView(block: ProbeView['block'], probe: Probe): ProbeView {
  return {
    block,
    httpGet:
      'http' in probe
        ? {
            path: probe.http.path,
            port: probe.http.port,
            headers: Object.entries(probe.http.headers ?? {}).map(([header, value]) => ({ name: header, value })),
          }
        : null,
    tcpSocket: 'tcp' in probe ? { port: probe.tcp.port } : null,
    exec: 'exec' in probe ? { command: probe.exec.command } : null,
    timing: {
      initial_delay_seconds: probe.initialDelaySeconds,
      period_seconds: probe.periodSeconds,
      timeout_seconds: probe.timeoutSeconds,
      failure_threshold: probe.failureThreshold,
    },
  };
}
