import type { LoadedSpecs } from '../spec-api/load';
import {
  configText,
  type Component,
  type ConfigValue,
  type Container,
  type EnvValue,
  type InitContainer,
  type KubeService,
  type Probe,
  type Service,
  type Text,
} from '../spec-api/schema';
import type { GeneratedFile } from './generate';
import { errorMessage, ThreadError, VerifyError } from '../errors';
import { inThreadParser, type RoundTripParser } from './round-trip';
import { verifierIdentity, verifyKey, type VerifyCache } from './verify-cache';
import {
  componentResourceName,
  objectName,
  resourceName,
  routeResourceName,
  routeService,
  serviceResourceName,
  subResourceName,
  vaultPath,
  volumeNameAnnotation,
} from './naming';
import { allContainers, allRoutes, hostVariable, imageVariable, storageSizeVariable } from '../spec-api/naming';
import type { ViewContext } from './view/context';
import { imageReference, imageText } from './view/container';
import { selectorLabels } from './view/labels';
import { TYPES } from './view/module';
import { manifestResourceName, middlewareSpec, objectComponent, objectResourceName } from './view/objects';

/**
 * The round trip: parse the generated HCL back with `@cdktf/hcl2json` (the
 * reference parser) and check that what it reads carries the spec's values.
 * A template or escaping bug shows up here as a mismatch naming the file and
 * the value, before anything is written.
 */

export interface Mismatch {
  file: string;
  what: string;
  expected: unknown;
  actual: unknown;
}

type Json = unknown;

/** hcl2json writes literal strings in HCL's JSON syntax, where `${` and `%{` are doubled. */
export function jsonTemplate(text: string): string {
  return text.replace(/([$%])\{/g, '$1$1{');
}

/** A spec text as hcl2json returns it: literal parts escaped, variables as `${var.x}`. */
function expectedText(text: Text): string {
  if (typeof text === 'string') return jsonTemplate(text);
  if ('var' in text) return `\${var.${text.var}}`;
  return text.template.map((p) => (typeof p === 'string' ? jsonTemplate(p) : `\${var.${p.var}}`)).join('');
}

function expectedConfig(value: ConfigValue): Json {
  if (value === null || typeof value !== 'object') return typeof value === 'string' ? jsonTemplate(value) : value;
  if (Array.isArray(value)) return value.map(expectedConfig);
  const reference = configText(value);
  if (reference) return expectedText(reference);
  // hcl2json escapes object keys as it does strings.
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [jsonTemplate(k), expectedConfig(v)]));
}

/** Walk a path of keys and indexes; hcl2json wraps every block in a one-element array. */
function dig(root: Json, path: Array<string | number>): Json {
  let node: Json = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[key];
  }
  return node;
}

/** The argument of `${yamlencode(...)}` as hcl2json returns it, or undefined. */
function encodedArgument(raw: Json): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const match = /^\$\{(?:yamlencode|jsonencode)\(([\s\S]*)\)\}$/.exec(raw);
  return match?.[1];
}

class Checker {
  readonly mismatches: Mismatch[] = [];
  constructor(private readonly dir: string) {}

  equal(file: string, what: string, actual: Json, expected: Json): void {
    if (!deepEqual(actual, expected)) this.mismatches.push({ file: `${this.dir}/${file}`, what, expected, actual });
  }
}

function deepEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b as object).sort();
  if (ka.length !== kb.length || ka.some((k, i) => k !== kb[i])) return false;
  return ka.every((k) => deepEqual((a as Record<string, Json>)[k], (b as Record<string, Json>)[k]));
}

/**
 * What hcl2json reads in a service's rendered text. A text it cannot parse is a
 * template or escaping bug: a VerifyError naming the service's folder and
 * hcl2json's message (line and column in `name`).
 */
async function parseText(parser: RoundTripParser, dir: string, name: string, text: string): Promise<Json> {
  try {
    return await parser.parse(name, text);
  } catch (error) {
    if (error instanceof ThreadError) throw error;
    throw new VerifyError([`${dir}: hcl2json cannot parse the generated HCL: ${errorMessage(error)}`]);
  }
}

/** Check one service's generated files against its spec. */
export async function verifyService(
  service: Service,
  specs: LoadedSpecs,
  generated: GeneratedFile[],
  parser: RoundTripParser = inThreadParser,
): Promise<Mismatch[]> {
  // The module's README is read from these same files: only the Terraform carries the spec.
  const files = generated.filter((f) => f.path.endsWith('.tf'));
  const dir = files[0]?.path.replace(/\/[^/]+$/, '') ?? service.name;
  const check = new Checker(dir);
  const byName = new Map(files.map((f) => [f.path.slice(dir.length + 1), f.content]));
  const tf: Json = await parseText(parser, dir, `${dir}/module.tf`, [...byName.values()].join('\n'));
  const stack = specs.stack;
  const multi = service.components.length > 1;
  const context = { service, stack };

  // Bodies of yamlencode() calls, parsed in one more pass: they come back as expression text.
  const encoded: Array<{ key: string; text: string }> = [];
  const addEncoded = (key: string, raw: Json): void => {
    const text = encodedArgument(raw);
    if (text !== undefined) encoded.push({ key, text });
  };
  for (const key of Object.keys(service.configMaps)) {
    const data = dig(tf, ['resource', TYPES.configMap, subResourceName(service, key), 0, 'data']) as Record<string, Json> | undefined;
    for (const [file, raw] of Object.entries(data ?? {})) addEncoded(`cm_${key}_${file}`, raw);
  }
  const manifests = (dig(tf, ['resource', 'kubectl_manifest']) ?? {}) as Record<string, Json>;
  for (const resource of Object.keys(manifests)) addEncoded(resource, dig(manifests, [resource, 0, 'yaml_body']));
  const bodies = encoded.length
    ? ((await parseText(parser, dir, `${dir}/bodies.tf`, `locals {\n${encoded.map((e, i) => `v${i} = ${e.text}`).join('\n')}\n}\n`)) as {
        locals?: Array<Record<string, Json>>;
      })
    : {};
  const body = (key: string): Json => {
    const i = encoded.findIndex((e) => e.key === key);
    return i < 0 ? undefined : bodies.locals?.[0]?.[`v${i}`];
  };

  const variable = (v: string): Json => dig(tf, ['variable', v, 0]);

  for (const component of service.components) {
    const name = componentResourceName(component);
    const kind = component.workload.kind;
    const resource = ['resource', TYPES[kind], name, 0];
    const template =
      kind === 'CronJob' ? [...resource, 'spec', 0, 'job_template', 0, 'spec', 0, 'template', 0] : [...resource, 'spec', 0, 'template', 0];
    const podSpec = [...template, 'spec', 0];
    const where = multi ? `${component.name} ` : '';
    verifyContainers(check, tf, service, podSpec, 'container', component.containers, where);
    verifyContainers(check, tf, service, podSpec, 'init_container', component.initContainers, where);
    verifyWorkload(check, tf, context, component, resource, podSpec, where);
    verifyServices(check, tf, context, component, where);
  }

  for (const [key, claim] of Object.entries(service.persistence)) {
    const pvc = dig(tf, ['resource', TYPES.pvc, subResourceName(service, key), 0]);
    const storageClass = claim.storageClass ?? stack.persistentClass;
    check.equal('main.tf', `PVC ${key} storage class`, dig(pvc, ['spec', 0, 'storage_class_name']), storageClass);
    check.equal('main.tf', `PVC ${key} name`, dig(pvc, ['metadata', 0, 'name']), `\${local.app_name}-${key}`);
    check.equal(
      'variables.tf',
      `${storageSizeVariable(service, key)} default`,
      dig(variable(storageSizeVariable(service, key)), ['default']),
      claim.size,
    );
    const annotation = storageClass === stack.persistentClass ? { 'volume-name': volumeNameAnnotation(service, key) } : undefined;
    check.equal('main.tf', `PVC ${key} annotations`, dig(pvc, ['metadata', 0, 'annotations']), annotation);
  }

  for (const [key, cm] of Object.entries(service.configMaps)) {
    for (const [file, content] of Object.entries(cm.files)) {
      const raw = dig(tf, ['resource', TYPES.configMap, subResourceName(service, key), 0, 'data', file]);
      if ('text' in content) check.equal('main.tf', `config ${objectName(service, key)}/${file}`, raw, expectedText(content.text));
      else
        check.equal(
          'main.tf',
          `config ${objectName(service, key)}/${file}`,
          body(`cm_${key}_${file}`),
          expectedConfig('yaml' in content ? content.yaml : content.json),
        );
    }
  }

  for (const [varName, v] of Object.entries(service.variables)) {
    const declared = variable(varName);
    check.equal('variables.tf', `variable ${varName} type`, dig(declared, ['type']), `\${${v.type}}`);
    check.equal('variables.tf', `variable ${varName} default`, dig(declared, ['default']), expectedConfig(v.default));
    check.equal('variables.tf', `variable ${varName} description`, dig(declared, ['description']), jsonTemplate(v.description));
  }

  const labels = dig(tf, ['locals', 0, 'labels']) as Record<string, Json> | undefined;
  for (const [key, value] of Object.entries(service.labels.extra))
    check.equal('main.tf', `label ${key}`, dig(labels, [key]), expectedText(value));
  if (!service.labels.defaults) {
    const extraKeys = new Set(Object.keys(service.labels.extra));
    const defaultKeys = Object.keys(labels ?? {}).filter((k) => !extraKeys.has(k) && k !== 'app' && k !== 'app.kubernetes.io/name');
    check.equal('main.tf', 'labels without the defaults', defaultKeys, []);
  }

  for (const { component, route, index } of allRoutes(service)) {
    const first = component === service.components[0] && index === 0;
    const hostname = route.host ?? `${service.name}.${stack.domain}`;
    const hostVar = hostVariable(route);
    const target = routeService(component, route);
    const port = target.ports.find((p) => p.name === route.port || p.port === route.port)?.port;
    const what = (field: string): string => `${route.kind} ${hostVar} ${field}`;
    check.equal('variables.tf', `${hostVar} default`, dig(variable(hostVar), ['default']), hostname);
    check.equal('outputs.tf', `${hostVar} output`, dig(tf, ['output', hostVar, 0, 'value']), `\${var.${hostVar}}`);
    const serviceRef = `\${${TYPES.service}.${serviceResourceName(component, target)}.metadata[0].name}`;
    const middlewares = [
      ...(route.auth ? ['${local.app_name}-auth'] : []),
      ...route.middlewares.map((m) => ('object' in m ? `\${local.app_name}-${m.object}` : m.name)),
    ];
    if (route.kind === 'Ingress') {
      const ingress = dig(tf, ['resource', TYPES.ingress, routeResourceName(route), 0]);
      const rule = dig(ingress, ['spec', 0, 'rule', 0]);
      check.equal('main.tf', what('host'), dig(rule, ['host']), `\${var.${hostVar}}`);
      check.equal('main.tf', what('backend'), dig(rule, ['http', 0, 'path', 0, 'backend', 0, 'service', 0]), {
        name: serviceRef,
        port: [{ number: port }],
      });
      check.equal('main.tf', what('TLS'), dig(ingress, ['spec', 0, 'tls', 0]), {
        hosts: [`\${var.${hostVar}}`],
        secret_name: stack.tlsSecret,
      });
      const annotations = (dig(ingress, ['metadata', 0, 'annotations']) ?? {}) as Record<string, Json>;
      check.equal(
        'main.tf',
        what('entry point'),
        annotations['traefik.ingress.kubernetes.io/router.entrypoints'],
        stack.ingress.entryPoint,
      );
      for (const [key, value] of Object.entries(route.annotations))
        check.equal('main.tf', what(`annotation ${key}`), annotations[key], jsonTemplate(value));
      const raw = annotations['traefik.ingress.kubernetes.io/router.middlewares'];
      const listed = typeof raw === 'string' ? raw : '';
      for (const m of middlewares)
        if (!listed.includes(`-${m}@kubernetescrd`)) check.equal('main.tf', what(`middleware ${m}`), listed, `...-${m}@kubernetescrd`);
    } else {
      const routeBody = body(routeResourceName(route));
      check.equal('main.tf', what('match'), dig(routeBody, ['spec', 'routes', 0, 'match']), `Host(\`\${var.${hostVar}}\`)`);
      check.equal('main.tf', what('TLS secret'), dig(routeBody, ['spec', 'tls', 'secretName']), stack.tlsSecret);
      check.equal('main.tf', what('entry points'), dig(routeBody, ['spec', 'entryPoints']), [stack.ingress.entryPoint]);
      check.equal('main.tf', what('service'), dig(routeBody, ['spec', 'routes', 0, 'services', 0]), { name: serviceRef, port });
      const names = ((dig(routeBody, ['spec', 'routes', 0, 'middlewares']) ?? []) as Json[]).map((m) => dig(m, ['name']));
      check.equal('main.tf', what('middlewares'), names, middlewares.map(jsonTemplateOrRef));
      if (first) check.equal('main.tf', what('name'), dig(routeBody, ['metadata', 'name']), '${local.app_name}');
    }
  }

  if (allRoutes(service).some(({ route }) => route.auth)) {
    const middleware = body('auth_middleware');
    const forward = stack.auth.forward;
    if (forward) {
      check.equal('main.tf', 'forward auth address', dig(middleware, ['spec', 'forwardAuth', 'address']), jsonTemplate(forward.address));
    } else {
      check.equal('main.tf', 'basic auth secret', dig(middleware, ['spec', 'basicAuth', 'secret']), '${local.app_name}-basic-auth');
      const remoteKey = vaultPath(service, stack);
      check.equal('secrets.tf', 'basic auth password', dig(body('basic_auth_secret'), ['spec', 'data', 0, 'remoteRef']), {
        key: remoteKey,
        property: stack.auth.basic.passwordProperty,
      });
    }
  }

  if (service.secrets) {
    const es = body('external_secret');
    const remoteKey = vaultPath(service, stack);
    check.equal(
      'secrets.tf',
      'ExternalSecret data',
      dig(es, ['spec', 'data']),
      service.secrets.keys.map((k) => ({ secretKey: k, remoteRef: { key: remoteKey, property: k } })),
    );
    check.equal('secrets.tf', 'ExternalSecret store', dig(es, ['spec', 'secretStoreRef']), {
      name: stack.secretStore.name,
      kind: stack.secretStore.kind,
    });
  }

  if (service.rbac) {
    const rules = dig(tf, ['resource', TYPES.clusterRole, resourceName(service), 0, 'rule']);
    const expected = service.rbac.clusterRules.map((r) =>
      Object.fromEntries(
        Object.entries({
          api_groups: r.apiGroups,
          resources: r.resources,
          resource_names: r.resourceNames,
          non_resource_urls: r.nonResourceURLs,
          verbs: r.verbs,
        }).filter(([, v]) => v !== undefined),
      ),
    );
    check.equal('rbac.tf', 'ClusterRole rules', rules, expected);
  }

  for (const [name, output] of Object.entries(service.outputs)) {
    const value = output.value;
    const expected =
      typeof value === 'object' && 'serviceOf' in value
        ? `\${${TYPES.service}.${serviceResourceName(
            service.components.find((c) => c.name === value.serviceOf) as Component,
            { name: value.service } as KubeService,
          )}.metadata[0].name}`
        : expectedText(value);
    check.equal('outputs.tf', `output ${name}`, dig(tf, ['output', name, 0, 'value']), expected);
    check.equal('outputs.tf', `output ${name} description`, dig(tf, ['output', name, 0, 'description']), jsonTemplate(output.description));
  }

  verifyObjects(check, tf, context, body);

  const renovate = byName.get('variables.tf') ?? '';
  for (const c of allContainers(service)) {
    const line = new RegExp(
      `# renovate: datasource=docker depName=${escapeRegExp(imageReference(c, service))}\\n\\s*default\\s*= "${escapeRegExp(c.image.tag)}"\\n`,
    );
    if (!line.test(renovate))
      check.equal('variables.tf', `renovate comment above ${imageVariable(service, c.name)} default`, 'missing', 'present');
  }
  return check.mismatches;
}

/** A middleware name as hcl2json returns it: references as is, literal text escaped. */
function jsonTemplateOrRef(name: string): string {
  return name.startsWith('${') ? name : jsonTemplate(name);
}

function verifyContainers(
  check: Checker,
  tf: Json,
  service: Service,
  podSpec: Array<string | number>,
  block: 'container' | 'init_container',
  list: Array<Container | InitContainer>,
  where: string,
): void {
  const variable = (v: string): Json => dig(tf, ['variable', v, 0]);
  list.forEach((c, i) => {
    const at = [...podSpec, block, i];
    const what = (field: string): string => `${where}${block} "${c.name}" ${field}`;
    const tagVariable = imageVariable(service, c.name);
    check.equal('main.tf', what('name'), dig(tf, [...at, 'name']), c.name);
    check.equal('main.tf', what('image'), dig(tf, [...at, 'image']), `${expectedText(imageText(c))}:\${var.${tagVariable}}`);
    check.equal('variables.tf', `${tagVariable} default`, dig(variable(tagVariable), ['default']), c.image.tag);
    if (c.args) check.equal('main.tf', what('args'), dig(tf, [...at, 'args']), expectedList(c.args));
    if (c.command) check.equal('main.tf', what('command'), dig(tf, [...at, 'command']), expectedList(c.command));
    c.ports.forEach((p, pi) => {
      check.equal('main.tf', what(`port ${p.name}`), dig(tf, [...at, 'port', pi, 'container_port']), p.containerPort);
      check.equal('main.tf', what(`port name`), dig(tf, [...at, 'port', pi, 'name']), p.name);
    });
    Object.entries(c.env).forEach(([envName, value], ei) => {
      const env = dig(tf, [...at, 'env', ei]);
      check.equal('main.tf', what(`env ${envName} name`), dig(env, ['name']), envName);
      check.equal('main.tf', what(`env ${envName}`), envActual(env), expectedEnv(value));
    });
    c.envFrom.forEach((from, fi) => {
      const actual = dig(tf, [...at, 'env_from', fi]);
      const ref = 'secret' in from ? 'secret_ref' : 'config_map_ref';
      const name =
        'secret' in from
          ? from.secret === true
            ? '${local.app_name}-secrets'
            : from.secret
          : from.configMap in service.configMaps
            ? `\${local.app_name}-${from.configMap}`
            : from.configMap;
      check.equal('main.tf', what(`env_from ${fi}`), dig(actual, [ref, 0, 'name']), name);
      check.equal('main.tf', what(`env_from ${fi} prefix`), dig(actual, ['prefix']), from.prefix);
    });
    check.equal('main.tf', what('resources.requests'), dig(tf, [...at, 'resources', 0, 'requests']), c.resources.requests);
    check.equal(
      'main.tf',
      what('resources.limits.memory'),
      dig(tf, [...at, 'resources', 0, 'limits', 'memory']),
      c.resources.limits.memory,
    );
    for (const [resource, count] of Object.entries(c.resources.extended)) {
      check.equal('main.tf', what(`resources.limits ${resource}`), dig(tf, [...at, 'resources', 0, 'limits', resource]), String(count));
    }
    for (const [kind, probe] of Object.entries(c.probes as Record<string, Probe | undefined>)) {
      if (!probe || !('http' in probe)) continue;
      const headers = Object.entries(probe.http.headers ?? {}).map(([name, value]) => ({ name, value: jsonTemplate(value) }));
      const actual = dig(tf, [...at, `${kind}_probe`, 0, 'http_get', 0, 'http_header']) ?? [];
      check.equal('main.tf', what(`${kind} probe headers`), actual, headers);
    }
    c.volumeMounts.forEach((m, mi) => {
      check.equal('main.tf', what(`volume_mount ${m.volume}`), dig(tf, [...at, 'volume_mount', mi, 'mount_path']), m.mountPath);
    });
  });
}

function verifyWorkload(
  check: Checker,
  tf: Json,
  context: ViewContext,
  component: Component,
  resource: Array<string | number>,
  podSpec: Array<string | number>,
  where: string,
): void {
  const { service } = context;
  const workload = component.workload;
  const what = (field: string): string => `${where}${workload.kind} ${field}`;
  // Jobs select their pods by the controller's own labels: no selector to write.
  if (workload.kind !== 'Job' && workload.kind !== 'CronJob') {
    const selector = dig(tf, [...resource, 'spec', 0, 'selector', 0, 'match_labels']);
    check.equal('main.tf', what('selector'), selector, expectedSelector(context, component));
  }
  if (workload.kind === 'Deployment' || workload.kind === 'StatefulSet') {
    const replicas = typeof workload.replicas === 'number' ? workload.replicas : `\${var.${workload.replicas.var}}`;
    check.equal('main.tf', what('replicas'), dig(tf, [...resource, 'spec', 0, 'replicas']), replicas);
  }
  if (workload.kind === 'CronJob') {
    const spec = dig(tf, [...resource, 'spec', 0]);
    check.equal('main.tf', what('schedule'), dig(spec, ['schedule']), workload.schedule);
    check.equal('main.tf', what('concurrency policy'), dig(spec, ['concurrency_policy']), workload.concurrencyPolicy);
    check.equal(
      'main.tf',
      what('successful jobs history'),
      dig(spec, ['successful_jobs_history_limit']),
      workload.successfulJobsHistoryLimit,
    );
    check.equal('main.tf', what('failed jobs history'), dig(spec, ['failed_jobs_history_limit']), workload.failedJobsHistoryLimit);
    check.equal('main.tf', what('backoff limit'), dig(spec, ['job_template', 0, 'spec', 0, 'backoff_limit']), workload.backoffLimit);
  }
  if (workload.kind === 'Job')
    check.equal('main.tf', what('backoff limit'), dig(tf, [...resource, 'spec', 0, 'backoff_limit']), workload.backoffLimit);
  if (workload.kind === 'Job' || workload.kind === 'CronJob') {
    check.equal('main.tf', what('restart policy'), dig(tf, [...podSpec, 'restart_policy']), workload.restartPolicy);
  }
  const scheduling = component.scheduling;
  check.equal('main.tf', what('runtime class'), dig(tf, [...podSpec, 'runtime_class_name']), scheduling.runtimeClassName);
  const arches =
    scheduling.requireArch === undefined
      ? []
      : typeof scheduling.requireArch === 'string'
        ? [scheduling.requireArch]
        : scheduling.requireArch;
  const nodeSelector = {
    ...(arches.length === 1 ? { 'kubernetes.io/arch': arches[0] } : {}),
    ...Object.fromEntries(Object.entries(scheduling.nodeSelector).map(([k, v]) => [k, expectedText(v)])),
  };
  check.equal(
    'main.tf',
    what('node selector'),
    dig(tf, [...podSpec, 'node_selector']),
    Object.keys(nodeSelector).length > 0 ? nodeSelector : undefined,
  );
  const affinity = dig(tf, [...podSpec, 'affinity', 0, 'node_affinity', 0]);
  const required = [
    ...(arches.length > 1 ? [{ key: 'kubernetes.io/arch', operator: 'In', values: arches }] : []),
    ...(scheduling.requireHosts ? [{ key: 'kubernetes.io/hostname', operator: 'In', values: scheduling.requireHosts }] : []),
  ];
  check.equal(
    'main.tf',
    what('required node affinity'),
    dig(affinity, ['required_during_scheduling_ignored_during_execution', 0, 'node_selector_term', 0, 'match_expressions']),
    required.length > 0 ? required : undefined,
  );
  const preferred = [
    ...(scheduling.preferHosts.length > 0 ? [{ weight: 100, key: 'kubernetes.io/hostname', values: scheduling.preferHosts }] : []),
    ...scheduling.preferArch.map((p) => ({ weight: p.weight, key: 'kubernetes.io/arch', values: [p.arch] })),
  ].map((p) => ({ weight: p.weight, preference: [{ match_expressions: [{ key: p.key, operator: 'In', values: p.values }] }] }));
  check.equal(
    'main.tf',
    what('preferred node affinity'),
    dig(affinity, ['preferred_during_scheduling_ignored_during_execution']),
    preferred.length > 0 ? preferred : undefined,
  );
  const volumes = (dig(tf, [...podSpec, 'volume']) ?? []) as Json[];
  const volume = (name: string): Json => volumes.find((v) => dig(v, ['name']) === name);
  for (const v of component.volumes) {
    if ('hostPath' in v)
      check.equal(
        'main.tf',
        what(`volume ${v.name} host path`),
        dig(volume(v.name), ['host_path', 0, 'path']),
        expectedText(v.hostPath.path),
      );
    if ('configMap' in v) {
      const name =
        v.configMap.key !== undefined
          ? `\${${TYPES.configMap}.${subResourceName(service, v.configMap.key)}.metadata[0].name}`
          : (v.configMap.name as string);
      check.equal('main.tf', what(`volume ${v.name} ConfigMap`), dig(volume(v.name), ['config_map', 0, 'name']), name);
    }
  }
  const dependsOn = (dig(tf, [...resource, 'depends_on']) ?? []) as Json[];
  for (const other of component.dependsOn) {
    const target = service.components.find((c) => c.name === other);
    const ref = target ? `${TYPES[target.workload.kind]}.${componentResourceName(target)}` : other;
    if (!dependsOn.includes(`\${${ref}}`)) check.equal('main.tf', what(`depends_on ${other}`), dependsOn, `[..., ${ref}]`);
  }
}

function verifyServices(check: Checker, tf: Json, context: ViewContext, component: Component, where: string): void {
  for (const target of component.services) {
    const resource = dig(tf, ['resource', TYPES.service, serviceResourceName(component, target), 0]);
    const what = (field: string): string => `${where}Service ${target.name ?? component.name} ${field}`;
    check.equal('main.tf', what('type'), dig(resource, ['spec', 0, 'type']), target.type);
    check.equal('main.tf', what('selector'), dig(resource, ['spec', 0, 'selector']), expectedSelector(context, component));
    const ports = (dig(resource, ['spec', 0, 'port']) ?? []) as Json[];
    check.equal(
      'main.tf',
      what('ports'),
      ports.map((p) => ({ name: dig(p, ['name']), port: dig(p, ['port']), nodePort: dig(p, ['node_port']) })),
      target.ports.map((p) => ({ name: p.name, port: p.port, nodePort: p.nodePort })),
    );
  }
}

/** The selector of a component's workload and Services, as hcl2json returns it. */
function expectedSelector(context: ViewContext, component: Component): Json {
  return Object.fromEntries(
    Object.entries(selectorLabels(context, component)).map(([k, v]) => [k, typeof v === 'string' ? v : '${local.app_name}']),
  );
}

function verifyObjects(check: Checker, tf: Json, context: ViewContext, body: (key: string) => Json): void {
  const { service } = context;
  for (const object of service.objects) {
    const resourceName = objectResourceName(context, object);
    const what = (field: string): string => `${object.kind} ${resourceName} ${field}`;
    if (object.kind === 'PodDisruptionBudget' || object.kind === 'NetworkPolicy') {
      const type = object.kind === 'PodDisruptionBudget' ? TYPES.pdb : TYPES.networkPolicy;
      const component = objectComponent(context, object);
      const spec = dig(tf, ['resource', type, resourceName, 0, 'spec', 0]);
      const selector =
        object.kind === 'PodDisruptionBudget' ? dig(spec, ['selector', 0, 'match_labels']) : dig(spec, ['pod_selector', 0, 'match_labels']);
      check.equal('objects.tf', what('selector'), selector, expectedSelector(context, component));
      if (object.kind === 'PodDisruptionBudget') {
        check.equal('objects.tf', what('min_available'), dig(spec, ['min_available']), object.minAvailable);
        check.equal('objects.tf', what('max_unavailable'), dig(spec, ['max_unavailable']), object.maxUnavailable);
      } else {
        const ports = (dig(spec, ['ingress', 0, 'ports']) ?? []) as Json[];
        check.equal(
          'objects.tf',
          what('ports'),
          ports.map((p) => dig(p, ['port'])),
          object.ports.map((p) => String(p.port)),
        );
        check.equal('objects.tf', what('sources'), ((dig(spec, ['ingress', 0, 'from']) ?? []) as Json[]).length, object.from.length);
      }
      continue;
    }
    const actual = body(resourceName);
    check.equal('objects.tf', what('kind'), dig(actual, ['kind']), object.kind);
    if (object.kind === 'Middleware') {
      check.equal('objects.tf', what('name'), dig(actual, ['metadata', 'name']), `\${local.app_name}-${object.name}`);
      check.equal(
        'objects.tf',
        what('spec'),
        dig(actual, ['spec']),
        expectedConfig(JSON.parse(JSON.stringify(middlewareSpec(object))) as ConfigValue),
      );
    } else if (object.kind === 'VerticalPodAutoscaler') {
      const component = objectComponent(context, object);
      check.equal('objects.tf', what('target kind'), dig(actual, ['spec', 'targetRef', 'kind']), component.workload.kind);
      check.equal('objects.tf', what('update mode'), dig(actual, ['spec', 'updatePolicy', 'updateMode']), object.updateMode);
    } else {
      const component = objectComponent(context, object);
      check.equal(
        'objects.tf',
        what('endpoint selector'),
        dig(actual, ['spec', 'endpointSelector', 'matchLabels']),
        expectedSelector(context, component),
      );
      check.equal(
        'objects.tf',
        what('entities'),
        dig(actual, ['spec', 'ingress', 0, 'fromEntities']),
        object.fromEntities.length > 0 ? object.fromEntities : undefined,
      );
    }
  }
  for (const manifest of service.manifests) {
    const actual = body(manifestResourceName(manifest));
    const what = (field: string): string => `manifest ${manifest.name} ${field}`;
    check.equal('objects.tf', what('apiVersion'), dig(actual, ['apiVersion']), manifest.apiVersion);
    check.equal('objects.tf', what('kind'), dig(actual, ['kind']), manifest.kind);
    const own = manifest.metadata ?? {};
    const name = own.name !== undefined ? jsonTemplate(own.name) : `\${local.app_name}-${manifest.name}`;
    check.equal('objects.tf', what('name'), dig(actual, ['metadata', 'name']), name);
    const namespace = own.namespace !== undefined ? expectedText(own.namespace) : '${var.namespace}';
    check.equal('objects.tf', what('namespace'), dig(actual, ['metadata', 'namespace']), manifest.namespaced ? namespace : undefined);
    if (own.labels !== undefined && Object.keys(own.labels).length > 0)
      check.equal('objects.tf', what('labels'), dig(actual, ['metadata', 'labels']), expectedTextMap(own.labels));
    if (own.annotations !== undefined && Object.keys(own.annotations).length > 0)
      check.equal('objects.tf', what('annotations'), dig(actual, ['metadata', 'annotations']), expectedTextMap(own.annotations));
    check.equal('objects.tf', what('spec'), dig(actual, ['spec']), manifest.spec === undefined ? undefined : expectedConfig(manifest.spec));
    for (const [field, value] of Object.entries(manifest.fields ?? {}))
      check.equal('objects.tf', what(field), dig(actual, [field]), expectedConfig(value));
  }
}

function expectedTextMap(map: Record<string, Text>): Json {
  return Object.fromEntries(Object.entries(map).map(([key, value]) => [key, expectedText(value)]));
}

function expectedList(value: Text[] | { var: string }): Json {
  return Array.isArray(value) ? value.map(expectedText) : `\${var.${value.var}}`;
}

function envActual(env: Json): Json {
  const value = dig(env, ['value']);
  if (value !== undefined) return { value };
  const secret = dig(env, ['value_from', 0, 'secret_key_ref', 0]);
  if (secret !== undefined) return { secret };
  const configMap = dig(env, ['value_from', 0, 'config_map_key_ref', 0]);
  if (configMap !== undefined) return { configMap };
  return { field: dig(env, ['value_from', 0, 'field_ref', 0, 'field_path']) };
}

function expectedEnv(value: EnvValue): Json {
  if (typeof value === 'object' && 'secret' in value) return { secret: { name: '${local.app_name}-secrets', key: value.secret } };
  if (typeof value === 'object' && 'secretRef' in value) return { secret: { name: value.secretRef.name, key: value.secretRef.key } };
  if (typeof value === 'object' && 'configMapRef' in value)
    return { configMap: { name: value.configMapRef.name, key: value.configMapRef.key } };
  if (typeof value === 'object' && 'field' in value) return { field: value.field };
  return { value: expectedText(value) };
}

/**
 * The round trips of a run, asked for service by service as each is rendered:
 * a parser on a worker thread works through them while this thread renders the
 * next service and checks the answers. With a cache, a service whose spec and
 * rendered files passed before is not parsed again, and every service that
 * passes now is recorded.
 */
export interface RoundTrips {
  /** Verify one service's rendered files (its parse is asked for now). */
  add(service: Service, own: GeneratedFile[]): void;
  /**
   * The mismatches of every service added, in the order they were added. When
   * some parse failed, the first such service's error is thrown.
   */
  results(): Promise<Mismatch[]>;
}

export function startRoundTrips(specs: LoadedSpecs, cache?: VerifyCache, parser: RoundTripParser = inThreadParser): RoundTrips {
  const identity = cache && verifierIdentity(__filename);
  const started: Array<{ key: string | undefined; mismatches: Promise<Mismatch[]> }> = [];
  return {
    add(service, own) {
      const key = identity === undefined ? undefined : verifyKey(identity, specs.stack, service, own);
      if (key !== undefined && cache?.passed(key)) return;
      const mismatches = verifyService(service, specs, own, parser);
      // Settled below; until then a failure must not count as unhandled.
      mismatches.catch(() => undefined);
      started.push({ key, mismatches });
    },
    async results() {
      const settled = await Promise.allSettled(started.map((s) => s.mismatches));
      const results: Mismatch[] = [];
      for (const [i, outcome] of settled.entries()) {
        if (outcome.status === 'rejected') throw outcome.reason as Error;
        results.push(...outcome.value);
        const { key } = started[i]!;
        if (key !== undefined && outcome.value.length === 0) cache?.record(key);
      }
      return results;
    },
  };
}

/** Verify every service (of `only`) in `files`; the mismatches of all of them. */
export async function verifyAll(
  specs: LoadedSpecs,
  files: GeneratedFile[],
  only?: ReadonlySet<string>,
  cache?: VerifyCache,
  parser: RoundTripParser = inThreadParser,
): Promise<Mismatch[]> {
  const roundTrips = startRoundTrips(specs, cache, parser);
  for (const { spec } of specs.services)
    if (!only || only.has(spec.name))
      roundTrips.add(
        spec,
        files.filter((f) => f.service === spec.name),
      );
  return roundTrips.results();
}

export function describeMismatch(m: Mismatch): string {
  return `${m.file}: ${m.what}: expected ${JSON.stringify(m.expected)}, found ${JSON.stringify(m.actual)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
