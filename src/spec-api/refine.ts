import { imageVariable, storageSizeVariable } from './naming';
import { configText, type ConfigValue, type Service, type Stack, type Text } from './schema';

/** A cross-field problem in a service spec: where (a path into the spec) and what. */
export interface SpecIssue {
  path: Array<string | number>;
  message: string;
}

/**
 * Checks that need more than one field or the stack settings: names that must
 * refer to something declared elsewhere in the spec, classes and nodes the stack
 * knows, and that no two objects get the same name.
 */
export function checkService(service: Service, stack: Stack): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add = (path: Array<string | number>, message: string): void => {
    issues.push({ path, message });
  };

  if (service.containers.length === 0 && service.manifests.length === 0)
    add(['containers'], 'at least one container is needed (or the module is only manifests)');
  if (service.containers.length === 0) {
    const needed = ['initContainers', 'service', 'ingress', 'persistence', 'configMaps', 'volumes', 'rbac'] as const;
    for (const field of needed) {
      const value = service[field];
      const present = Array.isArray(value) ? value.length > 0 : value !== undefined && Object.keys(value).length > 0;
      if (present) add([field], 'needs a workload: containers is empty');
    }
  }
  duplicates(service.manifests.map((m) => m.name)).forEach((name) => add(['manifests'], `manifest name "${name}" is used twice`));
  const allContainers = [...service.containers, ...service.initContainers];
  duplicates(allContainers.map((c) => c.name)).forEach((name) => add(['containers'], `container name "${name}" is used twice`));

  const volumeNames = [...Object.keys(service.persistence), ...Object.keys(service.configMaps), ...service.volumes.map((v) => v.name)];
  duplicates(volumeNames).forEach((name) =>
    add(['volumes'], `volume name "${name}" is used twice across persistence, configMaps and volumes`),
  );
  const declaredVolumes = new Set(volumeNames);

  const secretKeys = new Set(service.secrets?.keys ?? []);
  duplicates(service.secrets?.keys ?? []).forEach((key) => add(['secrets', 'keys'], `secret key "${key}" is listed twice`));

  const ownVariables = new Set(Object.keys(service.variables));
  const builtins = builtinVariableNames(service);
  const reserved = builtins.filter((name) => ownVariables.has(name));
  const declaredVariables = new Set([...ownVariables, ...builtins]);
  reserved.forEach((name) => add(['variables', name], `"${name}" is a variable gen-modules declares itself; choose another name`));

  const checkText = (text: Text | undefined, path: Array<string | number>): void => {
    for (const ref of variableRefs(text)) {
      if (!declaredVariables.has(ref))
        add(path, `variable "${ref}" is not declared in variables (nor one gen-modules declares: ${builtins.join(', ')})`);
    }
  };

  const sections = [
    ['containers', service.containers],
    ['initContainers', service.initContainers],
  ] as const;
  for (const [section, containers] of sections) {
    containers.forEach((container, ci) => {
      const at = (...rest: Array<string | number>): Array<string | number> => [section, ci, ...rest];
      const portNames = new Set(container.ports.map((p) => p.name));
      duplicates(container.ports.map((p) => p.name)).forEach((n) => add(at('ports'), `port name "${n}" is used twice`));
      container.volumeMounts.forEach((mount, mi) => {
        if (!declaredVolumes.has(mount.volume)) {
          add(at('volumeMounts', mi, 'volume'), `volume "${mount.volume}" is not declared in persistence, configMaps or volumes`);
        }
      });
      duplicates(container.volumeMounts.map((m) => m.mountPath)).forEach((p) => add(at('volumeMounts'), `mount path "${p}" is used twice`));
      for (const [name, value] of Object.entries(container.env)) {
        if (typeof value === 'object' && 'secret' in value && !secretKeys.has(value.secret)) {
          add(at('env', name, 'secret'), `secret key "${value.secret}" is not listed in secrets.keys`);
        }
        if (typeof value === 'string' || (typeof value === 'object' && ('var' in value || 'template' in value))) {
          checkText(value, at('env', name));
        }
      }
      container.args?.forEach((arg, ai) => checkText(arg, at('args', ai)));
      container.command?.forEach((arg, ai) => checkText(arg, at('command', ai)));
      for (const [kind, probe] of Object.entries(container.probes)) {
        const port = probe && ('http' in probe ? probe.http.port : 'tcp' in probe ? probe.tcp.port : undefined);
        if (typeof port === 'string' && !portNames.has(port)) {
          add(at('probes', kind, 'http' in probe ? 'http' : 'tcp', 'port'), `port "${port}" is not a port name of this container`);
        }
      }
    });
  }

  const containerPortNames = new Set(service.containers.flatMap((c) => c.ports.map((p) => p.name)));
  service.service?.ports.forEach((port, pi) => {
    if (typeof port.targetPort === 'string' && !containerPortNames.has(port.targetPort)) {
      add(['service', 'ports', pi, 'targetPort'], `"${port.targetPort}" is not a container port name`);
    }
  });

  if (service.ingress) {
    if (!service.service) {
      add(['ingress'], 'an ingress needs a service to route to');
    } else {
      const port = service.ingress.port;
      const known = service.service.ports.some((p) => p.name === port || p.port === port);
      if (!known) add(['ingress', 'port'], `"${port}" is not a port of the service`);
    }
  }

  for (const [key, claim] of Object.entries(service.persistence)) {
    const storageClass = claim.storageClass ?? stack.persistentClass;
    if (!(storageClass in stack.storageClasses)) {
      add(
        ['persistence', key, 'storageClass'],
        `"${storageClass}" is not a storage class of the stack (${Object.keys(stack.storageClasses).join(', ')})`,
      );
    } else if (storageClass !== stack.persistentClass && claim.reason === undefined) {
      add(['persistence', key, 'reason'], `persistent data off the persistent class "${stack.persistentClass}" needs a reason`);
    }
  }

  for (const [key, configMap] of Object.entries(service.configMaps)) {
    for (const [file, content] of Object.entries(configMap.files)) {
      const value: ConfigValue = 'yaml' in content ? content.yaml : 'json' in content ? content.json : content.text;
      for (const ref of configVariableRefs(value)) {
        if (!declaredVariables.has(ref))
          add(
            ['configMaps', key, 'files', file],
            `variable "${ref}" is not declared in variables (nor one gen-modules declares: ${builtins.join(', ')})`,
          );
      }
    }
  }

  service.scheduling.preferHosts.forEach((host, hi) => {
    if (!(host in stack.nodes))
      add(['scheduling', 'preferHosts', hi], `"${host}" is not a node of the stack (${Object.keys(stack.nodes).join(', ')})`);
  });
  const arch = service.scheduling.requireArch;
  if (arch !== undefined) {
    if (!Object.values(stack.nodes).some((node) => node.arch === arch)) {
      add(['scheduling', 'requireArch'], `no node of the stack is ${arch}`);
    }
    service.scheduling.preferHosts.forEach((host, hi) => {
      const node = stack.nodes[host];
      if (node && node.arch !== arch) add(['scheduling', 'preferHosts', hi], `"${host}" is ${node.arch}, but the service requires ${arch}`);
    });
  }

  if (service.workload.kind === 'DaemonSet' && Object.keys(service.persistence).length > 0) {
    add(['persistence'], 'a DaemonSet cannot share one persistent volume claim across nodes; use hostPath or emptyDir');
  }
  return issues;
}

/** Variable names gen-modules declares for every module of this shape. */
export function builtinVariableNames(service: Service): string[] {
  const names = ['namespace'];
  for (const c of [...service.containers, ...service.initContainers]) names.push(imageVariable(service, c.name));
  if (service.ingress) names.push('hostname');
  for (const key of Object.keys(service.persistence)) names.push(storageSizeVariable(service, key));
  return names;
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const value of values) (seen.has(value) ? repeated : seen).add(value);
  return [...repeated];
}

function variableRefs(text: Text | undefined): string[] {
  if (text === undefined || typeof text === 'string') return [];
  if ('var' in text) return [text.var];
  return text.template.flatMap((part) => (typeof part === 'string' ? [] : [part.var]));
}

function configVariableRefs(value: ConfigValue): string[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap(configVariableRefs);
  const reference = configText(value);
  if (reference) return variableRefs(reference);
  return Object.values(value).flatMap(configVariableRefs);
}
