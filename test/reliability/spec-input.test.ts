import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../../src/errors';
import { renderAll } from '../../src/generate/generate';
import { verifyAll } from '../../src/generate/verify';
import { loadSpecs } from '../../src/spec-api/load';
import { runCli } from '../support/cli';
import { REPO, tempDir } from '../support/tmp';

/**
 * Spec files are code: whatever they export, or do while loading, ends in one
 * line per problem naming the file and the field path (exit 2), never a stack
 * trace, a silent exit or a value written wrong.
 */
const root = tempDir('gen-modules-spec-input-');
const stackSource = fs.readFileSync(path.join(REPO, 'specs', 'stack.ts'), 'utf8');

const base = `{
  name: 'web',
  description: 'A web app',
  containers: [
    {
      name: 'web',
      image: { name: 'nginx', tag: '1.27.0' },
      ports: [{ name: 'http', containerPort: 8080 }],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } },
      volumeMounts: [{ volume: 'config', mountPath: '/etc/web' }],
    },
  ],
  service: { ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  configMaps: { config: { files: { 'app.yml': { yaml: CONFIG } } } },
}`;

let counter = 0;
/** A specs folder whose web.ts runs `prelude`, then exports the base service with `config` as its YAML config file. */
function specs(options: { prelude?: string; config?: string; webSource?: string; services?: string; stack?: string }): string {
  const dir = path.join(root, `case-${counter++}`);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'stack.ts'), options.stack ?? stackSource);
  const web =
    options.webSource ??
    `import { defineService } from 'gen-modules';\n${options.prelude ?? ''}\nexport default defineService(${base.replace('CONFIG', options.config ?? '{ level: 1 }')} as never);\n`;
  fs.writeFileSync(path.join(dir, 'web.ts'), web);
  fs.writeFileSync(
    path.join(dir, 'index.ts'),
    `import stack from './stack';\nimport web from './web';\nexport { stack };\nexport const services = ${options.services ?? '[web]'};\n`,
  );
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

describe('a spec file that exports nothing', () => {
  test('an emptied spec file is named as the imported file that exports nothing', () => {
    const message = errorOf(specs({ webSource: '' }));
    expect(message).toMatch(
      /index\.ts: services\[0\]: imported from \S+\/web\.ts, which exports nothing; a spec file ends with `export default defineService\(\{\.\.\.\}\)`/,
    );
    expect(message).not.toContain('name: required');
  });

  test('a spec file with only named exports says it has no default export', () => {
    const message = errorOf(specs({ webSource: 'export const web = 1;\n' }));
    expect(message).toMatch(/web\.ts, which has no default export \(it exports web\)/);
  });

  test('services [undefined, null, 42] names each index', () => {
    const message = errorOf(specs({ services: '[undefined, null, 42, web]' }));
    expect(message).toMatch(/index\.ts: services\[0\]: expected a defineService\(\{\.\.\.\}\) value, received nothing/);
    expect(message).toMatch(/index\.ts: services\[1\]: expected a defineService\(\{\.\.\.\}\) value, received null/);
    expect(message).toMatch(/index\.ts: services\[2\]: expected a defineService\(\{\.\.\.\}\) value, received number 42/);
  });
});

describe('values that are not data', () => {
  test('a throwing getter is reported with the spec file and the field path', () => {
    const message = errorOf(
      specs({ config: `Object.defineProperty({ level: 1 }, 'secret', { enumerable: true, get() { throw new Error('vault is down'); } })` }),
    );
    expect(message).toMatch(/web\.ts: configMaps\.config\.files\.app\.yml\.yaml\.secret: reading it threw: vault is down/);
  });

  test('a cyclic object is reported with the field path and where it refers back to', () => {
    const message = errorOf(specs({ prelude: 'const loop: Record<string, unknown> = { a: 1 };\nloop.self = loop;', config: 'loop' }));
    expect(message).toMatch(
      /web\.ts: configMaps\.config\.files\.app\.yml\.yaml\.self: refers back to configMaps\.config\.files\.app\.yml\.yaml \(a cycle\)/,
    );
  });

  test('a config nested 5,000 deep is reported, not a stack overflow', () => {
    const message = errorOf(
      specs({ prelude: 'let deep: unknown = 1;\nfor (let i = 0; i < 5000; i++) deep = { d: deep };', config: 'deep as never' }),
    );
    expect(message).toMatch(/web\.ts: configMaps\.config\.files\.app\.yml\.yaml(\.d)+: nested more than 64 levels deep/);
  });

  test.each([
    ['Date', 'new Date(0)', 'found a Date'],
    ['Map', 'new Map([["a", 1]])', 'found a Map'],
    ['Set', 'new Set([1])', 'found a Set'],
    ['RegExp', '/a+/', 'found a RegExp'],
    ['BigInt', 'BigInt(10)', 'found a BigInt (10n)'],
    ['function', '() => 1', 'found a function'],
    ['undefined', 'undefined', 'found undefined'],
    ['class instance', 'new (class Point { x = 1 })()', 'found an instance of Point'],
  ])('a %s in a config object names the field and the type found', (_name, value, found) => {
    const message = errorOf(specs({ config: `{ level: 1, when: ${value} }` }));
    expect(message).toContain(`configMaps.config.files.app.yml.yaml.when: expected a JSON value, ${found}`);
  });

  test('a lone UTF-16 surrogate is bad input with the field path (exit 2), not a verify mismatch', () => {
    const message = errorOf(specs({ config: `{ level: 'a\\uD800b' }` }));
    expect(message).toMatch(
      /web\.ts: configMaps\.config\.files\.app\.yml\.yaml\.level: contains a lone UTF-16 surrogate \(\\uD800 at offset 1\)/,
    );
    const dir = specs({ prelude: `const name = 'we\\uDC00b';`, config: '{ [name]: 1 }' });
    expect(errorOf(dir)).toMatch(/yaml\.we.b: the key contains a lone UTF-16 surrogate/u);
  });

  test('a config key containing ${ or %{ verifies (keys are unescaped like values)', async () => {
    const specsData = loadSpecs(specs({ config: `{ '\${HOME}': 'a', '%{if}': { 'x\${y}': '\${z}' } }` }));
    const files = renderAll(specsData, { modulesDir: 'modules-k8s' });
    expect(await verifyAll(specsData, files)).toEqual([]);
  });

  test.each(['ceph', 'toString', 'constructor'])('a persistentClass not among the storage classes (%s) is refused', (name) => {
    const stack = stackSource.replace(/persistentClass: '[^']+'/, `persistentClass: '${name}'`);
    expect(stack).not.toBe(stackSource);
    expect(errorOf(specs({ stack }))).toContain(`stack.ts: persistentClass: "${name}" is not one of storageClasses`);
  });

  test.each(['toString', '__proto__'])('a storage class or preferred host named like an Object method (%s) is refused', (name) => {
    const withClaim = specs({
      webSource: `import { defineService } from 'gen-modules';\nexport default defineService({ ...${base.replace('CONFIG', '{}')}, persistence: { data: { storageClass: '${name}', size: '1Gi' } }, scheduling: { preferHosts: ['${name}'] } } as never);\n`,
    });
    const refused = errorOf(withClaim);
    expect(refused).toContain(`persistence.data.storageClass: "${name}" is not a storage class of the stack`);
    expect(refused).toContain(`scheduling.preferHosts[0]: "${name}" is not a node of the stack`);
  });
});

describe('process.exit() while loading a spec', () => {
  const dir = specs({ prelude: 'process.exit(0);' });

  test('generate fails with exit 2 naming the spec, and writes nothing', () => {
    const run = runCli(['--specs', dir, '--out', path.join(dir, 'out', 'modules-k8s')], root);
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr: expect.stringMatching(/^gen-modules: \S*web\.ts: called process\.exit\(0\) while loading; .*\n$/) as unknown,
    });
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('--check fails with exit 2 too', () => {
    expect(runCli(['--check', '--specs', dir, '--out', path.join(dir, 'out', 'modules-k8s')], root).status).toBe(2);
  });

  test('a spec that catches its own exit is still refused', () => {
    expect(errorOf(specs({ prelude: 'try { process.exit(3); } catch {}' }))).toMatch(/web\.ts: called process\.exit\(3\) while loading/);
  });

  test('an exit scheduled by a spec for later ends the run with exit 2 and says so', () => {
    const later = specs({ prelude: 'setImmediate(() => process.exit(0));' });
    const run = runCli(['--specs', later, '--out', path.join(later, 'out', 'modules-k8s')], root);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('the run was ended by process.exit(0) before it finished');
  });
});
