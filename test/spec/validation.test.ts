import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src/errors';
import { loadSpecs } from '../../src/spec-api/load';
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
    loadSpecs(dir);
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
  expect(web.spec.workload).toEqual({ kind: 'Deployment', replicas: 1 });
  // Kubernetes' own probe defaults.
  expect(web.spec.containers[0]!.probes.liveness).toMatchObject({
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
