import { allContainers, allRoutes, hostVariable, imageVariable, storageSizeVariable } from './naming';
import { configText, type Component, type ConfigValue, type Service, type Stack, type Text, type Variable } from './schema';

/** A cross-field problem in a service spec: where (a path into the spec) and what. */
export interface SpecIssue {
  path: Array<string | number>;
  message: string;
}

type Path = Array<string | number>;
type Add = (path: Path, message: string) => void;

/** Output names gen-modules declares itself. */
const BUILTIN_OUTPUTS = ['service_name', 'namespace'];

/**
 * Checks that need more than one field or the stack settings: names that must
 * refer to something declared elsewhere in the spec, classes and nodes the stack
 * knows, and that no two objects get the same name. Paths are into the module
 * (`components[i]...`); the loader shows them as written.
 */
export function checkService(service: Service, stack: Stack): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const add: Add = (path, message) => {
    issues.push({ path, message });
  };

  checkWorkloadless(service, add);
  duplicates(allContainers(service).map((c) => c.name)).forEach((name) => add(['components'], `container name "${name}" is used twice`));
  duplicates(service.components.map((c) => c.name)).forEach((name) => add(['components'], `component name "${name}" is used twice`));

  const moduleVolumes = [...Object.keys(service.persistence), ...Object.keys(service.configMaps)];
  duplicates(moduleVolumes).forEach((name) =>
    add(['persistence'], `volume name "${name}" is used twice across persistence and configMaps`),
  );
  duplicates(service.secrets?.keys ?? []).forEach((key) => add(['secrets', 'keys'], `secret key "${key}" is listed twice`));

  const variables = variableChecks(service, add);

  service.components.forEach((component, index) => checkComponent(service, stack, component, ['components', index], variables, add));
  checkRoutes(service, add);
  checkTagVariables(service, add);

  for (const [key, claim] of Object.entries(service.persistence)) {
    const storageClass = claim.storageClass ?? stack.persistentClass;
    if (!Object.hasOwn(stack.storageClasses, storageClass)) {
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
      variables.config(value, ['configMaps', key, 'files', file]);
    }
  }
  Object.entries(service.labels.extra).forEach(([key, value]) => variables.text(value, ['labels', 'extra', key]));

  checkOutputs(service, variables, add);
  checkObjects(service, add);
  checkManifests(service, variables, add);
  return issues;
}

interface VariableChecks {
  /** A text field: its variables must be declared, and be strings, numbers or bools. */
  text(value: Text | undefined, path: Path): void;
  /** A field that takes a whole variable of this type. */
  typed(name: string, types: Array<Variable['type']>, path: Path): void;
  config(value: ConfigValue, path: Path): void;
}

function variableChecks(service: Service, add: Add): VariableChecks {
  const own = new Set(Object.keys(service.variables));
  const builtins = builtinVariableNames(service);
  builtins
    .filter((name) => own.has(name))
    .forEach((name) => add(['variables', name], `"${name}" is a variable gen-modules declares itself; choose another name`));
  const typeOf = (name: string): Variable['type'] | undefined =>
    service.variables[name]?.type ?? (builtins.includes(name) ? 'string' : undefined);
  const undeclared = (name: string): string =>
    `variable "${name}" is not declared in variables (nor one gen-modules declares: ${builtins.join(', ')})`;
  const typed = (name: string, types: Array<Variable['type']>, path: Path): void => {
    const type = typeOf(name);
    if (type === undefined) add(path, undeclared(name));
    else if (!types.includes(type)) add(path, `variable "${name}" is ${type}; this field takes ${types.join(' or ')}`);
  };
  const text = (value: Text | undefined, path: Path): void => {
    for (const ref of variableRefs(value)) typed(ref, ['string', 'number', 'bool'], path);
  };
  return { text, typed, config: (value, path) => configVariableRefs(value).forEach((ref) => text({ var: ref }, path)) };
}

function checkComponent(service: Service, stack: Stack, component: Component, at: Path, variables: VariableChecks, add: Add): void {
  const volumeNames = [...Object.keys(service.persistence), ...Object.keys(service.configMaps), ...component.volumes.map((v) => v.name)];
  duplicates(volumeNames).forEach((name) =>
    add([...at, 'volumes'], `volume name "${name}" is used twice across persistence, configMaps and volumes`),
  );
  const declaredVolumes = new Set(volumeNames);
  const secretKeys = new Set(service.secrets?.keys ?? []);
  const kind = component.workload.kind;

  const workload = component.workload;
  if ((workload.kind === 'Deployment' || workload.kind === 'StatefulSet') && typeof workload.replicas === 'object') {
    variables.typed(workload.replicas.var, ['number'], [...at, 'workload', 'replicas']);
  }

  component.volumes.forEach((volume, vi) => {
    if ('hostPath' in volume) variables.text(volume.hostPath.path, [...at, 'volumes', vi, 'hostPath', 'path']);
    if ('configMap' in volume) {
      const { key, name } = volume.configMap;
      if ((key === undefined) === (name === undefined))
        add([...at, 'volumes', vi, 'configMap'], 'give key (one of configMaps) or name (a ConfigMap made elsewhere), one of them');
      else if (key !== undefined && !(key in service.configMaps))
        add([...at, 'volumes', vi, 'configMap', 'key'], `"${key}" is not a key of configMaps`);
    }
  });

  const sections = [
    ['containers', component.containers],
    ['initContainers', component.initContainers],
  ] as const;
  for (const [section, containers] of sections) {
    containers.forEach((container, ci) => {
      const here = (...rest: Path): Path => [...at, section, ci, ...rest];
      const portNames = new Set(container.ports.map((p) => p.name));
      duplicates(container.ports.map((p) => p.name)).forEach((n) => add(here('ports'), `port name "${n}" is used twice`));
      container.volumeMounts.forEach((mount, mi) => {
        if (!declaredVolumes.has(mount.volume)) {
          add(here('volumeMounts', mi, 'volume'), `volume "${mount.volume}" is not declared in persistence, configMaps or volumes`);
        }
        if (kind === 'DaemonSet' && mount.volume in service.persistence) {
          add(
            here('volumeMounts', mi, 'volume'),
            'a DaemonSet cannot share one persistent volume claim across nodes; use hostPath or emptyDir',
          );
        }
      });
      duplicates(container.volumeMounts.map((m) => m.mountPath)).forEach((p) =>
        add(here('volumeMounts'), `mount path "${p}" is used twice`),
      );
      for (const [name, value] of Object.entries(container.env)) {
        if (typeof value === 'object' && 'secret' in value && !secretKeys.has(value.secret)) {
          add(here('env', name, 'secret'), `secret key "${value.secret}" is not listed in secrets.keys`);
        }
        if (typeof value === 'string' || (typeof value === 'object' && ('var' in value || 'template' in value))) {
          variables.text(value, here('env', name));
        }
      }
      container.envFrom.forEach((from, fi) => {
        if ('secret' in from && from.secret === true && !service.secrets)
          add(here('envFrom', fi, 'secret'), 'secret: true needs secrets.keys');
      });
      for (const field of ['args', 'command'] as const) {
        const list = container[field];
        if (list === undefined) continue;
        if (Array.isArray(list)) list.forEach((arg, ai) => variables.text(arg, here(field, ai)));
        else variables.typed(list.var, ['list(string)'], here(field));
      }
      const { registry, name } = container.image;
      for (const [field, part] of [
        ['registry', registry],
        ['name', name],
      ] as const) {
        if (typeof part === 'object') variables.typed(part.var, ['string'], here('image', field));
      }
      for (const [probeKind, probe] of Object.entries(container.probes)) {
        const port = probe && ('http' in probe ? probe.http.port : 'tcp' in probe ? probe.tcp.port : undefined);
        if (typeof port === 'string' && !portNames.has(port)) {
          add(here('probes', probeKind, 'http' in probe ? 'http' : 'tcp', 'port'), `port "${port}" is not a port name of this container`);
        }
      }
    });
  }

  const containerPortNames = new Set(component.containers.flatMap((c) => c.ports.map((p) => p.name)));
  const serviceField = component.services.length === 1 ? ['service'] : ['services'];
  component.services.forEach((target, si) => {
    const here = component.services.length === 1 ? [...at, 'service'] : [...at, 'services', si];
    if (si > 0 && target.name === undefined)
      add([...here, 'name'], 'every Service after the first needs a name (the suffix of its object name)');
    target.ports.forEach((port, pi) => {
      if (typeof port.targetPort === 'string' && !containerPortNames.has(port.targetPort)) {
        add([...here, 'ports', pi, 'targetPort'], `"${port.targetPort}" is not a container port name`);
      }
      if (port.nodePort !== undefined && target.type === 'ClusterIP')
        add([...here, 'ports', pi, 'nodePort'], 'a nodePort needs type NodePort or LoadBalancer');
    });
    if (target.externalTrafficPolicy !== undefined && target.type === 'ClusterIP') {
      add([...here, 'externalTrafficPolicy'], 'externalTrafficPolicy needs type NodePort or LoadBalancer');
    }
  });
  duplicates(component.services.map((s) => s.name ?? '')).forEach((n) =>
    add([...at, ...serviceField], `Service name "${n}" is used twice`),
  );

  if ((kind === 'Job' || kind === 'CronJob') && (component.services.length > 0 || component.routes.length > 0)) {
    add([...at, 'workload', 'kind'], `a ${kind} runs to completion: it takes no Service or ingress`);
  }

  component.routes.forEach((route, ri) => {
    const here = component.routes.length === 1 ? [...at, 'ingress'] : [...at, 'ingresses', ri];
    const target = route.service === undefined ? component.services[0] : component.services.find((s) => s.name === route.service);
    if (component.services.length === 0) add(here, 'an ingress needs a service to route to');
    else if (!target) add([...here, 'service'], `"${route.service ?? ''}" is not the name of one of this component's Services`);
    else if (!target.ports.some((p) => p.name === route.port || p.port === route.port))
      add([...here, 'port'], `"${route.port}" is not a port of the service`);
    if (route.kind === 'IngressRoute' && Object.keys(route.annotations).length > 0)
      add([...here, 'annotations'], 'annotations are for kind Ingress; an IngressRoute takes middlewares');
    route.middlewares.forEach((m, mi) => {
      if (!('object' in m)) return;
      const declared =
        service.objects.some((o) => o.kind === 'Middleware' && o.name === m.object) ||
        service.manifests.some((o) => o.kind === 'Middleware' && o.apiVersion.startsWith('traefik.io/') && o.name === m.object);
      if (!declared) {
        add([...here, 'middlewares', mi, 'object'], `"${m.object}" is not a Middleware of this module's objects or manifests`);
      }
    });
  });

  component.dependsOn.forEach((other, di) => {
    if (other === component.name) add([...at, 'dependsOn', di], 'a component cannot depend on itself');
    else if (!service.components.some((c) => c.name === other))
      add([...at, 'dependsOn', di], `"${other}" is not a component of this module`);
  });

  checkScheduling(stack, component, at, variables, add);
}

function checkScheduling(stack: Stack, component: Component, at: Path, variables: VariableChecks, add: Add): void {
  const scheduling = component.scheduling;
  const here = (...rest: Path): Path => [...at, 'scheduling', ...rest];
  const nodes = Object.keys(stack.nodes).join(', ');
  scheduling.preferHosts.forEach((host, hi) => {
    if (!Object.hasOwn(stack.nodes, host)) add(here('preferHosts', hi), `"${host}" is not a node of the stack (${nodes})`);
  });
  scheduling.requireHosts?.forEach((host, hi) => {
    if (!Object.hasOwn(stack.nodes, host)) add(here('requireHosts', hi), `"${host}" is not a node of the stack (${nodes})`);
  });
  const arches =
    scheduling.requireArch === undefined
      ? []
      : typeof scheduling.requireArch === 'string'
        ? [scheduling.requireArch]
        : scheduling.requireArch;
  for (const arch of [...arches, ...scheduling.preferArch.map((p) => p.arch)]) {
    if (!Object.values(stack.nodes).some((node) => node.arch === arch))
      add(here(arches.includes(arch) ? 'requireArch' : 'preferArch'), `no node of the stack is ${arch}`);
  }
  if (arches.length > 0) {
    for (const field of ['preferHosts', 'requireHosts'] as const) {
      (scheduling[field] ?? []).forEach((host, hi) => {
        const node = stack.nodes[host];
        if (node && !arches.includes(node.arch))
          add(here(field, hi), `"${host}" is ${node.arch}, but the service requires ${arches.join(' or ')}`);
      });
    }
  }
  Object.entries(scheduling.nodeSelector).forEach(([key, value]) => variables.text(value, here('nodeSelector', key)));
}

/** Every route has its own hostname variable and host. */
function checkRoutes(service: Service, add: Add): void {
  const routes = allRoutes(service);
  const pathOf = (component: Component, index: number): Path => {
    const ci = service.components.indexOf(component);
    return component.routes.length === 1 ? ['components', ci, 'ingress'] : ['components', ci, 'ingresses', index];
  };
  const seen = new Set<string>();
  routes.forEach(({ component, route, index }, i) => {
    const variable = hostVariable(route);
    if (seen.has(variable))
      add(
        [...pathOf(component, index), 'hostVariable'],
        `hostname variable "${variable}" is used by another route; name another with hostVariable`,
      );
    seen.add(variable);
    if (i > 0 && route.host === undefined) add([...pathOf(component, index), 'host'], 'every route after the first needs its host');
  });
}

/** Containers that share a tag variable run the same release: their tags must agree. */
function checkTagVariables(service: Service, add: Add): void {
  const tags = new Map<string, string>();
  service.components.forEach((component, ci) =>
    component.containers.concat(component.initContainers).forEach((container) => {
      const variable = imageVariable(service, container.name);
      const earlier = tags.get(variable);
      if (earlier !== undefined && earlier !== container.image.tag) {
        add(
          ['components', ci, 'containers'],
          `containers sharing tag variable "${variable}" have different tags (${earlier}, ${container.image.tag})`,
        );
      }
      tags.set(variable, container.image.tag);
    }),
  );
}

function checkOutputs(service: Service, variables: VariableChecks, add: Add): void {
  const taken = new Set([...BUILTIN_OUTPUTS, ...allRoutes(service).map(({ route }) => hostVariable(route))]);
  for (const [name, output] of Object.entries(service.outputs)) {
    const at = ['outputs', name];
    if (taken.has(name)) add(at, `"${name}" is an output gen-modules declares itself; choose another name`);
    const value = output.value;
    if (typeof value === 'object' && 'serviceOf' in value) {
      const component = service.components.find((c) => c.name === value.serviceOf);
      if (!component) add([...at, 'value', 'serviceOf'], `"${value.serviceOf}" is not a component of this module`);
      else if (!component.services.some((s) => s.name === value.service)) {
        add(
          [...at, 'value'],
          `component "${component.name}" has no Service${value.service === undefined ? '' : ` named "${value.service}"`}`,
        );
      }
    } else {
      variables.text(value, [...at, 'value']);
    }
  }
}

function checkObjects(service: Service, add: Add): void {
  const names: string[] = [];
  service.objects.forEach((object, oi) => {
    const at = ['objects', oi];
    if (object.kind === 'Middleware') {
      const options = ['redirectRegex', 'redirectScheme', 'stripPrefix', 'headers', 'buffering'].filter(
        (k) => k in object && (object as Record<string, unknown>)[k] !== undefined,
      );
      if (options.length !== 1) add(at, 'a Middleware sets exactly one of redirectRegex, redirectScheme, stripPrefix, headers, buffering');
      names.push(`Middleware ${object.name}`);
      return;
    }
    const component = object.component === undefined ? service.components[0] : service.components.find((c) => c.name === object.component);
    if (!component) {
      add([...at, 'component'], `"${object.component ?? ''}" is not a component of this module`);
      return;
    }
    names.push(`${object.kind} ${component.name}`);
    const runsToCompletion = component.workload.kind === 'Job' || component.workload.kind === 'CronJob';
    if (object.kind === 'PodDisruptionBudget') {
      if ((object.minAvailable === undefined) === (object.maxUnavailable === undefined))
        add(at, 'a PodDisruptionBudget sets minAvailable or maxUnavailable, one of them');
      if (runsToCompletion) add([...at, 'component'], `a PodDisruptionBudget protects long-running pods, not a ${component.workload.kind}`);
    }
    if (object.kind === 'VerticalPodAutoscaler' && runsToCompletion)
      add([...at, 'component'], `a VerticalPodAutoscaler targets a long-running workload, not a ${component.workload.kind}`);
    const peers =
      object.kind === 'NetworkPolicy'
        ? object.from.flatMap((p) => ('component' in p ? [p.component] : []))
        : object.kind === 'CiliumNetworkPolicy'
          ? object.fromComponents
          : [];
    peers.forEach((peer) => {
      if (!service.components.some((c) => c.name === peer)) add(at, `"${peer}" is not a component of this module`);
    });
  });
  duplicates(names).forEach((name) => add(['objects'], `${name} is declared twice`));
}

/** Escape-hatch manifests: unique names, declared variables (their bodies are checked by the generator against CRD schemas). */
function checkManifests(service: Service, variables: VariableChecks, add: Add): void {
  duplicates(service.manifests.map((m) => m.name)).forEach((name) => add(['manifests'], `manifest name "${name}" is used twice`));
  service.manifests.forEach((manifest, mi) => {
    if (manifest.spec !== undefined) variables.config(manifest.spec, ['manifests', mi, 'spec']);
    for (const [field, value] of Object.entries(manifest.fields ?? {})) variables.config(value, ['manifests', mi, 'fields', field]);
    const own = manifest.metadata ?? {};
    variables.text(own.namespace, ['manifests', mi, 'metadata', 'namespace']);
    for (const map of ['labels', 'annotations'] as const)
      for (const [key, value] of Object.entries(own[map] ?? {})) variables.text(value, ['manifests', mi, 'metadata', map, key]);
  });
}

/** Variable names gen-modules declares for every module of this shape. */
export function builtinVariableNames(service: Service): string[] {
  const names = new Set(['namespace']);
  for (const c of allContainers(service)) names.add(imageVariable(service, c.name));
  for (const { route } of allRoutes(service)) names.add(hostVariable(route));
  for (const key of Object.keys(service.persistence)) names.add(storageSizeVariable(service, key));
  return [...names];
}

/** A module without components is only manifests: nothing that needs a workload. */
function checkWorkloadless(service: Service, add: Add): void {
  if (service.components.length > 0) return;
  if (service.manifests.length === 0)
    add(['components'], 'at least one component (or containers) is needed, unless the module is only manifests');
  const needed = ['persistence', 'configMaps', 'rbac', 'objects', 'secrets'] as const;
  for (const field of needed) {
    const value = service[field];
    const present = Array.isArray(value) ? value.length > 0 : value !== undefined && Object.keys(value).length > 0;
    if (present) add([field], 'needs a workload: the module has no components');
  }
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
