import type { Container, EnvValue, InitContainer, Probe } from '../../spec-api/schema';
import { expr, template, type HclValue } from '../../hcl/encode';
import { imageVariable } from '../../spec-api/naming';
import { appName, nonEmpty, text, type ViewContext } from './context';

export interface EnvView {
  name: string;
  value: HclValue | null;
  secretKeyRef: { name: HclValue; key: string } | null;
  fieldPath: string | null;
}

export interface ProbeView {
  block: 'liveness_probe' | 'readiness_probe' | 'startup_probe';
  httpGet: { path: string; port: HclValue } | null;
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
  resources: { requests: Record<string, HclValue>; limits: Record<string, HclValue> };
  probes: ProbeView[];
  volumeMounts: Array<{ attributes: Record<string, HclValue | undefined> }>;
  securityContext: Record<string, HclValue | undefined> | null;
}

export function imageReference(container: Container | InitContainer): string {
  const { registry, name } = container.image;
  return registry === undefined ? name : `${registry}/${name}`;
}

export function containerView(context: ViewContext, container: Container | InitContainer): ContainerView {
  const { service } = context;
  return {
    name: container.name,
    image: template(`${imageReference(container)}:`, expr(`var.${imageVariable(service, container.name)}`)),
    imagePullPolicy: container.imagePullPolicy,
    command: container.command ? container.command.map(text) : null,
    args: container.args ? container.args.map(text) : null,
    workingDir: container.workingDir ?? null,
    ports: container.ports.map((p) => ({
      name: p.name,
      containerPort: p.containerPort,
      protocol: p.protocol === 'TCP' ? null : p.protocol,
    })),
    env: Object.entries(container.env).map(([name, value]) => envView(name, value)),
    resources: {
      requests: { ...container.resources.requests },
      limits: Object.fromEntries(Object.entries(container.resources.limits).filter(([, v]) => v !== undefined)),
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

function envView(name: string, value: EnvValue): EnvView {
  const base: EnvView = { name, value: null, secretKeyRef: null, fieldPath: null };
  if (typeof value === 'object' && 'secret' in value) {
    return { ...base, secretKeyRef: { name: appName('secrets'), key: value.secret } };
  }
  if (typeof value === 'object' && 'secretRef' in value) {
    return { ...base, secretKeyRef: { name: value.secretRef.name, key: value.secretRef.key } };
  }
  if (typeof value === 'object' && 'field' in value) return { ...base, fieldPath: value.field };
  return { ...base, value: text(value) };
}

function probeView(block: ProbeView['block'], probe: Probe): ProbeView {
  return {
    block,
    httpGet: 'http' in probe ? { path: probe.http.path, port: probe.http.port } : null,
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
