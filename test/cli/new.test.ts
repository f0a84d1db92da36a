import fs from 'node:fs';
import path from 'node:path';
import { SPECS_TSCONFIG } from '../../src/spec-api/typecheck';
import { runCli } from '../support/cli';
import { readTree, REPO, tempDir } from '../support/tmp';

function project(): string {
  const dir = tempDir('gen-modules-new-');
  fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
  return dir;
}

describe('gen-modules new <service>', () => {
  const dir = project();
  const index = path.join(dir, 'specs', 'index.ts');
  const original = fs.readFileSync(index, 'utf8');

  test('writes the spec and registers it in the index: an import in order, the name at the end of services', () => {
    const run = runCli(['new', 'uptime-kuma'], dir);
    expect(run).toEqual({ status: 0, stdout: expect.any(String) as string, stderr: '' });
    const [wrote, hint, ...tsconfig] = run.stdout.split('\n');
    expect(wrote).toBe('gen-modules: wrote specs/uptime-kuma.ts and registered it in specs/index.ts; edit it, then run gen-modules diff');
    // The copy has no tsconfig.json above its specs: new shows the one the folder needs.
    expect(hint).toBe(
      'gen-modules: no tsconfig.json governs ./specs; for type checking (tsc, editors, generate --typecheck) put this in ./specs/tsconfig.json:',
    );
    expect(JSON.parse(tsconfig.join('\n'))).toEqual(SPECS_TSCONFIG);
    expect(fs.readFileSync(path.join(dir, 'specs', 'uptime-kuma.ts'), 'utf8')).toContain("name: 'uptime-kuma',");
    const lines = (text: string): string[] => text.split('\n');
    const added = lines(fs.readFileSync(index, 'utf8')).filter((l) => !lines(original).includes(l));
    const removed = lines(original).filter((l) => !lines(fs.readFileSync(index, 'utf8')).includes(l));
    expect(added).toEqual([
      "import uptimeKuma from './uptime-kuma';",
      expect.stringMatching(/^export const services = \[.*, meshery, uptimeKuma\];$/),
    ]);
    expect(removed).toEqual([expect.stringMatching(/^export const services = \[.*, meshery\];$/)]);
    const imports = lines(fs.readFileSync(index, 'utf8')).filter((l) => l.startsWith('import '));
    expect(imports).toEqual([...imports].sort());
  });

  test('a second time refuses with exit 2 and changes nothing', () => {
    const before = readTree(path.join(dir, 'specs'));
    const run = runCli(['new', 'uptime-kuma'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('gen-modules: specs/uptime-kuma.ts: the service "uptime-kuma" already exists\n');
    expect(readTree(path.join(dir, 'specs'))).toEqual(before);
  });

  test('the new spec generates right away, and its module lints clean', () => {
    const diff = runCli(['diff'], dir);
    expect(diff.status).toBe(0);
    expect(diff.stdout).toContain('+++ b/out/modules-k8s/uptime-kuma/main.tf');
    expect(diff.stdout).toContain('+module "k8s_uptime_kuma" {');
    expect(runCli([], dir).status).toBe(0);
    const files = Object.keys(readTree(path.join(dir, 'out', 'modules-k8s', 'uptime-kuma'))).sort();
    expect(files).toEqual(['README.md', 'main.tf', 'outputs.tf', 'variables.tf', 'versions.tf']);
    const main = fs.readFileSync(path.join(dir, 'out', 'modules-k8s', 'uptime-kuma', 'main.tf'), 'utf8');
    for (const part of [
      'resource "kubernetes_deployment_v1"',
      'resource "kubernetes_service_v1"',
      'kind       = "IngressRoute"',
      'liveness_probe',
      'readiness_probe',
      'limits',
    ]) {
      expect(main).toContain(part);
    }
    const lint = runCli(['lint', 'out/modules-k8s/uptime-kuma'], dir);
    expect(lint.stderr).toBe('');
    expect(lint.stdout).not.toMatch(/warning|error/);
    expect(lint.status).toBe(0);
  });
});

describe('gen-modules new refuses bad names', () => {
  test.each([
    ['Uptime', 'uppercase'],
    ['uptime_kuma', 'underscore'],
    ['kuma.io', 'dot'],
    ['kuma-', 'trailing hyphen'],
    ['9kuma', 'leading digit'],
    ['a'.repeat(64), 'too long'],
  ])('%s (%s): exit 2, nothing written', (name) => {
    const dir = project();
    const before = readTree(path.join(dir, 'specs'));
    const run = runCli(['new', name], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not a valid service name: use lowercase letters, digits and hyphens');
    expect(readTree(path.join(dir, 'specs'))).toEqual(before);
  });

  test('an existing spec file of another kind (stack) is refused', () => {
    const run = runCli(['new', 'stack'], project());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('specs/stack.ts: the service "stack" already exists');
  });

  test('a missing name is a usage error', () => {
    const run = runCli(['new'], project());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Not enough non-option arguments');
  });
});
