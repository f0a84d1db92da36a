import { parse } from '@cdktf/hcl2json';
import type { LoadedSpecs } from '../spec-api/load';
import {
  configText,
  type ConfigValue,
  type Container,
  type EnvValue,
  type InitContainer,
  type Service,
  type Text,
} from '../spec-api/schema';
import type { GeneratedFile } from './generate';
import { objectName, vaultPath, resourceName, subResourceName, volumeNameAnnotation } from './naming';
import { imageVariable, storageSizeVariable } from '../spec-api/naming';
import { imageReference } from './view/container';
import { manifestResourceName } from './view/manifests';
import { TYPES } from './view/module';

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
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expectedConfig(v)]));
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

async function parseText(name: string, text: string): Promise<Json> {
  return parse(name, text);
}

/** Check one service's generated files against its spec. */
export async function verifyService(service: Service, specs: LoadedSpecs, files: GeneratedFile[]): Promise<Mismatch[]> {
  const dir = files[0]?.path.replace(/\/[^/]+$/, '') ?? service.name;
  const check = new Checker(dir);
  const byName = new Map(files.map((f) => [f.path.slice(dir.length + 1), f.content]));
  const tf: Json = await parseText(`${dir}/module.tf`, [...byName.values()].join('\n'));
  const name = resourceName(service);
  const workloadType = TYPES[service.workload.kind];
  const podSpec = ['resource', workloadType, name, 0, 'spec', 0, 'template', 0, 'spec', 0];

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
  addEncoded('external_secret', dig(tf, ['resource', 'kubectl_manifest', 'external_secret', 0, 'yaml_body']));
  addEncoded('ingress_route', dig(tf, ['resource', 'kubectl_manifest', 'ingress_route', 0, 'yaml_body']));
  addEncoded('auth_middleware', dig(tf, ['resource', 'kubectl_manifest', 'auth_middleware', 0, 'yaml_body']));
  addEncoded('basic_auth_secret', dig(tf, ['resource', 'kubectl_manifest', 'basic_auth_secret', 0, 'yaml_body']));
  for (const manifest of service.manifests)
    addEncoded(`manifest_${manifest.name}`, dig(tf, ['resource', 'kubectl_manifest', manifestResourceName(manifest), 0, 'yaml_body']));
  const bodies = encoded.length
    ? ((await parseText(`${dir}/bodies.tf`, `locals {\n${encoded.map((e, i) => `v${i} = ${e.text}`).join('\n')}\n}\n`)) as {
        locals?: Array<Record<string, Json>>;
      })
    : {};
  const body = (key: string): Json => {
    const i = encoded.findIndex((e) => e.key === key);
    return i < 0 ? undefined : bodies.locals?.[0]?.[`v${i}`];
  };

  const variable = (v: string): Json => dig(tf, ['variable', v, 0]);
  const containersOf = (block: 'container' | 'init_container', list: Array<Container | InitContainer>): void => {
    list.forEach((c, i) => {
      const at = [...podSpec, block, i];
      const what = (field: string): string => `${block} "${c.name}" ${field}`;
      check.equal('main.tf', what('name'), dig(tf, [...at, 'name']), c.name);
      check.equal('main.tf', what('image'), dig(tf, [...at, 'image']), `${imageReference(c)}:\${var.${imageVariable(service, c.name)}}`);
      check.equal(
        'variables.tf',
        `${imageVariable(service, c.name)} default`,
        dig(variable(imageVariable(service, c.name)), ['default']),
        c.image.tag,
      );
      if (c.args) check.equal('main.tf', what('args'), dig(tf, [...at, 'args']), c.args.map(expectedText));
      if (c.command) check.equal('main.tf', what('command'), dig(tf, [...at, 'command']), c.command.map(expectedText));
      c.ports.forEach((p, pi) => {
        check.equal('main.tf', what(`port ${p.name}`), dig(tf, [...at, 'port', pi, 'container_port']), p.containerPort);
        check.equal('main.tf', what(`port name`), dig(tf, [...at, 'port', pi, 'name']), p.name);
      });
      Object.entries(c.env).forEach(([envName, value], ei) => {
        const env = dig(tf, [...at, 'env', ei]);
        check.equal('main.tf', what(`env ${envName} name`), dig(env, ['name']), envName);
        check.equal('main.tf', what(`env ${envName}`), envActual(env), expectedEnv(value));
      });
      check.equal('main.tf', what('resources.requests'), dig(tf, [...at, 'resources', 0, 'requests']), c.resources.requests);
      check.equal(
        'main.tf',
        what('resources.limits.memory'),
        dig(tf, [...at, 'resources', 0, 'limits', 'memory']),
        c.resources.limits.memory,
      );
      c.volumeMounts.forEach((m, mi) => {
        check.equal('main.tf', what(`volume_mount ${m.volume}`), dig(tf, [...at, 'volume_mount', mi, 'mount_path']), m.mountPath);
      });
    });
  };
  containersOf('container', service.containers);
  containersOf('init_container', service.initContainers);

  for (const [key, claim] of Object.entries(service.persistence)) {
    const pvc = dig(tf, ['resource', TYPES.pvc, subResourceName(service, key), 0]);
    const storageClass = claim.storageClass ?? specs.stack.persistentClass;
    check.equal('main.tf', `PVC ${key} storage class`, dig(pvc, ['spec', 0, 'storage_class_name']), storageClass);
    check.equal('main.tf', `PVC ${key} name`, dig(pvc, ['metadata', 0, 'name']), `\${local.app_name}-${key}`);
    check.equal(
      'variables.tf',
      `${storageSizeVariable(service, key)} default`,
      dig(variable(storageSizeVariable(service, key)), ['default']),
      claim.size,
    );
    const annotation = storageClass === specs.stack.persistentClass ? { 'volume-name': volumeNameAnnotation(service, key) } : undefined;
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
    check.equal(
      'variables.tf',
      `variable ${varName} default`,
      dig(declared, ['default']),
      typeof v.default === 'string' ? jsonTemplate(v.default) : v.default,
    );
    check.equal('variables.tf', `variable ${varName} description`, dig(declared, ['description']), jsonTemplate(v.description));
  }

  if (service.ingress) {
    const hostname = service.ingress.host ?? `${service.name}.${specs.stack.domain}`;
    check.equal('variables.tf', 'hostname default', dig(variable('hostname'), ['default']), hostname);
    const route = body('ingress_route');
    check.equal('main.tf', 'IngressRoute match', dig(route, ['spec', 'routes', 0, 'match']), 'Host(`${var.hostname}`)');
    check.equal('main.tf', 'IngressRoute TLS secret', dig(route, ['spec', 'tls', 'secretName']), specs.stack.tlsSecret);
    check.equal('main.tf', 'IngressRoute entry points', dig(route, ['spec', 'entryPoints']), [specs.stack.ingress.entryPoint]);
  }

  if (service.ingress?.auth) {
    const middleware = body('auth_middleware');
    const route = body('ingress_route');
    check.equal(
      'main.tf',
      'IngressRoute auth middleware',
      dig(route, ['spec', 'routes', 0, 'middlewares', 0, 'name']),
      '${local.app_name}-auth',
    );
    const forward = specs.stack.auth.forward;
    if (forward) {
      check.equal('main.tf', 'forward auth address', dig(middleware, ['spec', 'forwardAuth', 'address']), jsonTemplate(forward.address));
    } else {
      check.equal('main.tf', 'basic auth secret', dig(middleware, ['spec', 'basicAuth', 'secret']), '${local.app_name}-basic-auth');
      const remoteKey = vaultPath(service, specs.stack);
      check.equal('secrets.tf', 'basic auth password', dig(body('basic_auth_secret'), ['spec', 'data', 0, 'remoteRef']), {
        key: remoteKey,
        property: specs.stack.auth.basic.passwordProperty,
      });
    }
  }

  if (service.secrets) {
    const es = body('external_secret');
    const remoteKey = vaultPath(service, specs.stack);
    check.equal(
      'secrets.tf',
      'ExternalSecret data',
      dig(es, ['spec', 'data']),
      service.secrets.keys.map((k) => ({ secretKey: k, remoteRef: { key: remoteKey, property: k } })),
    );
    check.equal('secrets.tf', 'ExternalSecret store', dig(es, ['spec', 'secretStoreRef']), {
      name: specs.stack.secretStore.name,
      kind: specs.stack.secretStore.kind,
    });
  }

  if (service.rbac) {
    const rules = dig(tf, ['resource', TYPES.clusterRole, name, 0, 'rule']);
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

  for (const manifest of service.manifests) {
    const manifestBody = body(`manifest_${manifest.name}`);
    const what = `manifest ${manifest.name}`;
    check.equal('manifests.tf', `${what} apiVersion`, dig(manifestBody, ['apiVersion']), manifest.apiVersion);
    check.equal('manifests.tf', `${what} kind`, dig(manifestBody, ['kind']), manifest.kind);
    if (manifest.metadata?.name !== undefined)
      check.equal('manifests.tf', `${what} name`, dig(manifestBody, ['metadata', 'name']), jsonTemplate(manifest.metadata.name));
    if (manifest.spec !== undefined)
      check.equal('manifests.tf', `${what} spec`, dig(manifestBody, ['spec']), expectedConfig(manifest.spec));
    for (const [field, value] of Object.entries(manifest.fields ?? {}))
      check.equal('manifests.tf', `${what} ${field}`, dig(manifestBody, [field]), expectedConfig(value));
  }

  const renovate = byName.get('variables.tf') ?? '';
  for (const c of [...service.containers, ...service.initContainers]) {
    const line = new RegExp(
      `# renovate: datasource=docker depName=${escapeRegExp(imageReference(c))}\\n\\s*default\\s*= "${escapeRegExp(c.image.tag)}"\\n`,
    );
    if (!line.test(renovate))
      check.equal('variables.tf', `renovate comment above ${imageVariable(service, c.name)} default`, 'missing', 'present');
  }
  return check.mismatches;
}

function envActual(env: Json): Json {
  const value = dig(env, ['value']);
  if (value !== undefined) return { value };
  const secret = dig(env, ['value_from', 0, 'secret_key_ref', 0]);
  if (secret !== undefined) return { secret };
  return { field: dig(env, ['value_from', 0, 'field_ref', 0, 'field_path']) };
}

function expectedEnv(value: EnvValue): Json {
  if (typeof value === 'object' && 'secret' in value) return { secret: { name: '${local.app_name}-secrets', key: value.secret } };
  if (typeof value === 'object' && 'secretRef' in value) return { secret: { name: value.secretRef.name, key: value.secretRef.key } };
  if (typeof value === 'object' && 'field' in value) return { field: value.field };
  return { value: expectedText(value) };
}

/** Verify every service; mismatches of all of them. */
export async function verifyAll(specs: LoadedSpecs, files: GeneratedFile[], only?: ReadonlySet<string>): Promise<Mismatch[]> {
  const results: Mismatch[] = [];
  for (const { spec } of specs.services) {
    if (only && !only.has(spec.name)) continue;
    const own = files.filter((f) => f.service === spec.name);
    results.push(...(await verifyService(spec, specs, own)));
  }
  return results;
}

export function describeMismatch(m: Mismatch): string {
  return `${m.file}: ${m.what}: expected ${JSON.stringify(m.expected)}, found ${JSON.stringify(m.actual)}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
