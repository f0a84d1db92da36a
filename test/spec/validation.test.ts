import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src/errors';
import { loadSpecs } from '../../src/spec-api/load';
import { checkManifestSchemas, manifestUses } from '../../src/generate/manifests';
import { REPO, tempDir } from '../support/tmp';

/**
 * Every kind of invalid spec is refused with the spec's file and the field path.
 * Each case writes a specs folder whose one service is the valid base with one change.
 */
const root = tempDir('gen-modules-specs-');
const stackSource = fs.readFileSync(path.join(REPO, 'specs', 'stack.ts'), 'utf8');

const base = {
  name: 'web',
  description: 'A web app',
  containers: [
    {
      name: 'web',
      image: { name: 'nginx', tag: '1.27.0' },
      ports: [{ name: 'http', containerPort: 8080 }],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      probes: { liveness: { http: { path: '/', port: 'http' } } },
      volumeMounts: [] as Array<{ volume: string; mountPath: string }>,
    },
  ],
  service: { ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  ingress: { port: 'http' },
};
type Spec = Record<string, unknown>;

let counter = 0;
function specsWith(change: (spec: Spec & typeof base) => void, extraServices = ''): string {
  const dir = path.join(root, `case-${counter++}`);
  fs.mkdirSync(dir);
  const spec = structuredClone(base) as Spec & typeof base;
  change(spec);
  fs.writeFileSync(path.join(dir, 'stack.ts'), stackSource);
  fs.writeFileSync(
    path.join(dir, 'web.ts'),
    `import { defineService } from 'gen-modules';\nexport default defineService(${JSON.stringify(spec, null, 2)} as never);\n`,
  );
  fs.writeFileSync(
    path.join(dir, 'index.ts'),
    `import stack from './stack';\nimport web from './web';\n${extraServices ? "import other from './other';\n" : ''}export { stack };\nexport const services = [web${extraServices ? ', other' : ''}];\n`,
  );
  if (extraServices) fs.writeFileSync(path.join(dir, 'other.ts'), extraServices);
  return dir;
}

function errorOf(dir: string): string {
  try {
    loadSpecs(dir, { checks: [checkManifestSchemas] });
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('the specs were accepted');
}

const cases: Array<[string, (spec: Spec & typeof base) => void, string]> = [
  ['bad service name', (s) => (s.name = 'Web_App'), 'web.ts: name: must be lowercase letters, digits and hyphens'],
  ['image tag with a space', (s) => (s.containers[0]!.image.tag = 'v 1'), 'web.ts: containers[0].image.tag: must be an image tag'],
  [
    'missing resources',
    (s) => delete (s.containers[0] as Partial<(typeof base.containers)[0]>).resources,
    'web.ts: containers[0].resources: required, expected object',
  ],
  [
    'bad quantity',
    (s) => (s.containers[0]!.resources.limits.memory = 'lots'),
    'web.ts: containers[0].resources.limits.memory: must be a Kubernetes quantity',
  ],
  ['unknown field', (s) => ((s as Spec)['replicas'] = 2), 'web.ts: replicas: unknown key'],
  [
    'probe on an unknown port',
    (s) => (s.containers[0]!.probes.liveness.http.port = 'admin'),
    'web.ts: containers[0].probes.liveness.http.port: port "admin" is not a port name of this container',
  ],
  [
    'mount of an undeclared volume',
    (s) => s.containers[0]!.volumeMounts.push({ volume: 'data', mountPath: '/data' }),
    'web.ts: containers[0].volumeMounts[0].volume: volume "data" is not declared',
  ],
  ['ingress on an unknown port', (s) => (s.ingress.port = 'https'), 'web.ts: ingress.port: "https" is not a port of the service'],
  [
    'secret env without the key',
    (s) => ((s.containers[0] as Spec)['env'] = { TOKEN: { secret: 'TOKEN' } }),
    'web.ts: containers[0].env.TOKEN.secret: secret key "TOKEN" is not listed in secrets.keys',
  ],
  [
    'unknown storage class',
    (s) => ((s as Spec)['persistence'] = { data: { storageClass: 'ceph', size: '1Gi' } }),
    'web.ts: persistence.data.storageClass: "ceph" is not a storage class of the stack',
  ],
  [
    'off the persistent class without a reason',
    (s) => ((s as Spec)['persistence'] = { data: { storageClass: 'local-path', size: '1Gi' } }),
    'web.ts: persistence.data.reason: persistent data off the persistent class "glusterfs-nfs" needs a reason',
  ],
  [
    'unknown preferred host',
    (s) => ((s as Spec)['scheduling'] = { preferHosts: ['zeus'] }),
    'web.ts: scheduling.preferHosts[0]: "zeus" is not a node of the stack',
  ],
  [
    'preferred host of the wrong architecture',
    (s) => ((s as Spec)['scheduling'] = { preferHosts: ['nyx'], requireArch: 'amd64' }),
    'web.ts: scheduling.preferHosts[0]: "nyx" is arm64, but the service requires amd64',
  ],
  [
    'undeclared variable',
    (s) => ((s.containers[0] as Spec)['args'] = [{ var: 'level' }]),
    'web.ts: containers[0].args[0]: variable "level" is not declared',
  ],
];

describe.each(cases)('%s', (_name, change, expected) => {
  test('is refused with file and field', () => {
    expect(errorOf(specsWith(change))).toContain(expected);
  });
});

test('a valid spec loads, with defaults applied in one place', () => {
  const loaded = loadSpecs(specsWith(() => undefined));
  const web = loaded.services[0]!;
  expect(web.file).toMatch(/web\.ts$/);
  expect(web.spec.components[0]!.workload).toEqual({ kind: 'Deployment', replicas: 1 });
  // Kubernetes' own probe defaults.
  expect(web.spec.components[0]!.containers[0]!.probes.liveness).toMatchObject({
    initialDelaySeconds: 0,
    periodSeconds: 10,
    timeoutSeconds: 1,
    failureThreshold: 3,
  });
});

test('two services with one name are refused, naming both files', () => {
  const other = "import { defineService } from 'gen-modules';\nimport web from './web';\nexport default defineService({ ...web });\n";
  expect(errorOf(specsWith(() => undefined, other))).toMatch(/other\.ts: name: service "web" is already defined in .*web\.ts/);
});

test('a spec with a TypeScript syntax error names the file, line and column', () => {
  const dir = specsWith(() => undefined);
  fs.writeFileSync(
    path.join(dir, 'web.ts'),
    "import { defineService } from 'gen-modules';\nexport default defineService({ name: 'web', });;\nconst = 1;\n",
  );
  expect(errorOf(dir)).toMatch(/web\.ts:3:7: /);
});

test('every problem of every spec is listed at once', () => {
  const message = errorOf(
    specsWith((s) => {
      s.name = 'Bad';
      s.containers[0]!.image.tag = 'v 1';
    }),
  );
  expect(message).toContain('name:');
  expect(message).toContain('containers[0].image.tag:');
});

/** The web container's fields with another name, as a second component. */
function component(name: string, extra: Spec = {}): Spec {
  const [web] = structuredClone(base.containers);
  return { name, containers: [{ ...web, name }], service: structuredClone(base.service), ...extra };
}

/** The base spec rewritten as `components`: web first, then the given ones. */
function withComponents(...others: Spec[]): (spec: Spec & typeof base) => void {
  return (s) => {
    const spec = s as Spec;
    spec['components'] = [component('web', { ingress: base.ingress }), ...others];
    for (const key of ['containers', 'service', 'ingress']) delete spec[key];
  };
}

const breadthCases: Array<[string, (spec: Spec & typeof base) => void, string]> = [
  [
    'a config file of no accepted shape lists the shapes',
    (s) => ((s as Spec)['configMaps'] = { config: { files: { 'app.toml': { toml: 'a = 1' } } } }),
    'web.ts: configMaps.config.files.app.toml: expected one of: { yaml: DATA }, { json: DATA }, { text: TEXT }',
  ],
  [
    'an env value of no accepted shape lists the shapes',
    (s) => ((s.containers[0] as Spec)['env'] = { B: { secrt: 'B' } }),
    'web.ts: containers[0].env.B: expected one of: a string, variable(name), tpl`...`, { secret: KEY }, { secretRef: { name, key } }',
  ],
  [
    'a workload kind that does not exist lists the kinds',
    (s) => ((s as Spec)['workload'] = { kind: 'ReplicaSet' }),
    'web.ts: workload.kind: expected kind "Deployment", "StatefulSet", "DaemonSet", "Job" (backoffLimit, restartPolicy, ...) or "CronJob"',
  ],
  [
    'a variable of the wrong type lists the types',
    (s) => ((s as Spec)['variables'] = { hosts: { description: 'Hosts', type: 'set(string)', default: [] } }),
    'web.ts: variables.hosts.type: expected type "string", "number", "bool", "list(string)" or "map(string)"',
  ],
  [
    'a CronJob without a valid schedule',
    (s) => {
      (s as Spec)['workload'] = { kind: 'CronJob', schedule: 'hourly' };
      delete (s as Spec)['service'];
      delete (s as Spec)['ingress'];
    },
    'web.ts: workload.schedule: must be a cron schedule',
  ],
  [
    'a CronJob with a Service',
    (s) => ((s as Spec)['workload'] = { kind: 'CronJob', schedule: '@daily' }),
    'web.ts: workload.kind: a CronJob runs to completion: it takes no Service or ingress',
  ],
  ['service and services both', (s) => ((s as Spec)['services'] = [s.service]), 'web.ts: services: give service or services, not both'],
  [
    'a second Service without a name',
    (s) => {
      (s as Spec)['services'] = [s.service, s.service];
      delete (s as Spec)['service'];
    },
    'web.ts: services[1].name: every Service after the first needs a name',
  ],
  [
    'a node port on a ClusterIP Service',
    (s) => ((s.service.ports[0] as Spec)['nodePort'] = 30080),
    'web.ts: service.ports[0].nodePort: a nodePort needs type NodePort or LoadBalancer',
  ],
  [
    'a second route without its own hostname variable',
    (s) => {
      (s as Spec)['ingresses'] = [s.ingress, { ...s.ingress, host: 'other.example.net' }];
      delete (s as Spec)['ingress'];
    },
    'web.ts: ingresses[1].hostVariable: hostname variable "hostname" is used by another route',
  ],
  [
    'a route through a Middleware the module does not declare',
    (s) => ((s.ingress as Spec)['middlewares'] = [{ object: 'redirect' }]),
    'web.ts: ingress.middlewares[0].object: "redirect" is not a Middleware of this module\'s objects or manifests',
  ],
  [
    'a number variable where text is due, and a string variable as the replica count',
    (s) => {
      (s as Spec)['variables'] = { count: { description: 'Pods', type: 'string', default: '2' } };
      (s as Spec)['workload'] = { kind: 'Deployment', replicas: { var: 'count' } };
    },
    'web.ts: workload.replicas: variable "count" is string; this field takes number',
  ],
  [
    'required hosts the stack does not have',
    (s) => ((s as Spec)['scheduling'] = { requireHosts: ['zeus'] }),
    'web.ts: scheduling.requireHosts[0]: "zeus" is not a node of the stack',
  ],
  [
    'containers sharing a tag variable with different tags',
    (s) => {
      s.containers.push({ ...structuredClone(s.containers[0]!), name: 'sidecar', image: { name: 'nginx', tag: '1.26.0' } });
      for (const c of s.containers) (c.image as Spec)['tagVariable'] = 'nginx_tag';
    },
    'containers sharing tag variable "nginx_tag" have different tags (1.27.0, 1.26.0)',
  ],
  [
    'a ConfigMap volume naming no ConfigMap of the spec',
    (s) => ((s as Spec)['volumes'] = [{ name: 'settings', configMap: { key: 'config' } }]),
    'web.ts: volumes[0].configMap.key: "config" is not a key of configMaps',
  ],
  [
    'a PodDisruptionBudget with both bounds',
    (s) => ((s as Spec)['objects'] = [{ kind: 'PodDisruptionBudget', minAvailable: 1, maxUnavailable: 1 }]),
    'web.ts: objects[0]: a PodDisruptionBudget sets minAvailable or maxUnavailable, one of them',
  ],
  [
    'an object of a kind outside the typed set points to manifests',
    (s) => ((s as Spec)['objects'] = [{ kind: 'ServiceMonitor' }]),
    'any other kind goes in manifests',
  ],
  [
    'a manifest of a kind its known API group lacks',
    (s) => ((s as Spec)['manifests'] = [{ name: 'x', apiVersion: 'traefik.io/v1alpha1', kind: 'Router', spec: {}, reason: 'test' }]),
    'web.ts: manifests[0].kind: traefik.io has no kind Router',
  ],
  [
    'a manifest whose body its CRD schema refuses',
    (s) =>
      ((s as Spec)['manifests'] = [
        { name: 'x', apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', spec: { routes: [{ mach: 'Host(`a`)' }] }, reason: 'test' },
      ]),
    'web.ts: manifests[0].spec.routes[0]',
  ],
  [
    'a manifest of a moved API group',
    (s) =>
      ((s as Spec)['manifests'] = [
        { name: 'x', apiVersion: 'traefik.containo.us/v1alpha1', kind: 'Middleware', spec: {}, reason: 'test' },
      ]),
    'web.ts: manifests[0].apiVersion: API group traefik.containo.us is no longer served; use traefik.io',
  ],
  [
    'a component depending on one the module lacks',
    withComponents(component('worker', { dependsOn: ['queue'] })),
    'web.ts: components[1].dependsOn[0]: "queue" is not a component of this module',
  ],
  ['two components of one name', withComponents(component('web')), 'web.ts: components: component name "web" is used twice'],
  [
    'components and a top-level component field',
    (s) => {
      withComponents()(s);
      (s as Spec)['podAnnotations'] = {};
    },
    'web.ts: podAnnotations: unknown key',
  ],
  [
    'an output of a component without a Service',
    (s) => ((s as Spec)['outputs'] = { url: { description: 'URL', value: { serviceOf: 'web', service: 'admin' } } }),
    'web.ts: outputs.url.value: component "web" has no Service named "admin"',
  ],
  ['no components and no manifests', onlyManifests([]), 'web.ts: components: at least one component (or containers) is needed'],
  [
    'claims in a module of manifests only',
    (s) => {
      onlyManifests([{ name: 'cm', apiVersion: 'v1', kind: 'ConfigMap', fields: { data: { a: 'b' } }, reason: 'test' }])(s);
      (s as Spec)['persistence'] = { data: { size: '1Gi', mountPath: '/data' } };
    },
    'web.ts: persistence: needs a workload: the module has no components',
  ],
  [
    'a manifest field that is metadata or status',
    onlyManifests([{ name: 'cm', apiVersion: 'v1', kind: 'ConfigMap', fields: { status: {} }, reason: 'test' }]),
    'web.ts: manifests[0].fields.status: Invalid key in record',
  ],
  [
    "an undeclared variable in a manifest's own metadata",
    onlyManifests([{ name: 'cm', apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: { var: 'ns' } }, reason: 'test' }]),
    'web.ts: manifests[0].metadata.namespace: variable "ns" is not declared',
  ],
];

/** The spec as a module of these manifests only: `components: []`, no workload fields. */
function onlyManifests(manifests: Spec[]): (s: Spec) => void {
  return (s) => {
    for (const key of ['containers', 'service', 'ingress']) delete s[key];
    s['components'] = [];
    s['manifests'] = manifests;
  };
}

describe.each(breadthCases)('%s', (_name, change, expected) => {
  test('is refused with file and field', () => {
    expect(errorOf(specsWith(change))).toContain(expected);
  });
});

test('cross-reference errors come with the schema errors, in one pass', () => {
  const message = errorOf(
    specsWith((s) => {
      s.containers[0]!.resources.limits.memory = 'lots';
      s.containers[0]!.probes.liveness.http.port = 'admin';
      (s.containers[0] as Spec)['args'] = [{ var: 'level' }];
      s.service.ports[0]!.targetPort = 'https';
    }),
  );
  expect(message.split('\n').slice(1)).toEqual([
    expect.stringContaining('containers[0].resources.limits.memory: must be a Kubernetes quantity'),
    expect.stringContaining('containers[0].args[0]: variable "level" is not declared'),
    expect.stringContaining('containers[0].probes.liveness.http.port: port "admin" is not a port name of this container'),
    expect.stringContaining('service.ports[0].targetPort: "https" is not a container port name'),
  ]);
});

test('a manifest of an API group without a known schema is accepted, and listed as unchecked', () => {
  const spec = {
    name: 'monitor',
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    spec: { endpoints: [{ port: 'http' }] },
    reason: 'scraped by the Prometheus operator',
  };
  const loaded = loadSpecs(specsWith((s) => ((s as Spec)['manifests'] = [spec])));
  expect(manifestUses(loaded)).toEqual([
    expect.stringMatching(
      /web\.ts: manifests: ServiceMonitor "monitor" \(monitoring\.coreos\.com\/v1\), no known schema: unchecked: scraped by the Prometheus operator$/,
    ),
  ]);
});

test('the one-component shorthand and the same module as components parse alike', () => {
  const shorthand = loadSpecs(specsWith(() => undefined)).services[0]!;
  const explicit = loadSpecs(specsWith(withComponents())).services[0]!;
  expect(shorthand.shorthand).toBe(true);
  expect(explicit.shorthand).toBe(false);
  expect(explicit.spec).toEqual(shorthand.spec);
});
