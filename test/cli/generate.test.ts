import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/cli';
import { readTree, REPO, tempDir } from '../support/tmp';

/** The built bin in a temporary project: exit codes, output and files written. */
function project(): string {
  const dir = tempDir('gen-modules-cli-');
  fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
  return dir;
}

describe('gen-modules (generate)', () => {
  const dir = project();

  test('writes the stack into out/ and says so', () => {
    const run = runCli([], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('gen-modules: 6 module(s) verified; 38 file(s) written, 0 unchanged\n');
    expect(readTree(path.join(dir, 'out'))).toEqual(readTree(path.join(REPO, 'out')));
  });

  test('a second run writes nothing', () => {
    const before = fs.statSync(path.join(dir, 'out', 'kubernetes.tf')).mtimeMs;
    const run = runCli(['generate'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('0 file(s) written, 38 unchanged');
    expect(fs.statSync(path.join(dir, 'out', 'kubernetes.tf')).mtimeMs).toBe(before);
  });

  test('--check exits 0 when up to date and 1 with a diff on drift, writing nothing', () => {
    expect(runCli(['--check'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
    const file = path.join(dir, 'out', 'modules-k8s', 'grafana', 'variables.tf');
    const edited = fs.readFileSync(file, 'utf8').replace('"11.4.0"', '"11.3.0"');
    fs.writeFileSync(file, edited);
    const run = runCli(['--check'], dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('--- a/out/modules-k8s/grafana/variables.tf');
    expect(run.stdout).toContain('-  default = "11.3.0"\n+  default = "11.4.0"');
    expect(run.stderr).toContain('1 file(s) out of date');
    expect(fs.readFileSync(file, 'utf8')).toBe(edited);
  });

  test('--check and diff show a deleted spec as deletions; --only leaves other services alone', () => {
    const extra = path.join(dir, 'out', 'modules-k8s', 'grafana', 'rbac.tf');
    fs.writeFileSync(extra, fs.readFileSync(path.join(dir, 'out', 'modules-k8s', 'meshery', 'rbac.tf'), 'utf8'));
    const check = runCli(['--check'], dir);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('--- a/out/modules-k8s/grafana/rbac.tf\n+++ /dev/null\n');
    expect(runCli(['diff', '--only', 'prometheus'], dir).stdout).not.toContain('grafana');
    expect(runCli(['diff', '--only', 'grafana'], dir).stdout).toContain('+++ /dev/null');
    fs.rmSync(extra);
  });

  test('diff prints the same diff and exits 0; --only limits it', () => {
    const run = runCli(['diff'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('+++ b/out/modules-k8s/grafana/variables.tf');
    expect(runCli(['diff', '--only', 'prometheus'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  test('verify exits 0 on the built-in specs', () => {
    const run = runCli(['verify'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('32 file(s) verified');
  });
});

describe('bad input', () => {
  test('an invalid spec exits 2 naming file and field, without a stack trace, and writes nothing', () => {
    const dir = project();
    const spec = path.join(dir, 'specs', 'meshery.ts');
    fs.writeFileSync(spec, fs.readFileSync(spec, 'utf8').replace("memory: '2Gi'", "memory: 'two gigs'"));
    const run = runCli([], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('specs/meshery.ts: containers[0].resources.limits.memory: must be a Kubernetes quantity');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });

  test('unknown flags and commands exit 2 with a suggestion', () => {
    const dir = project();
    const flag = runCli(['--chek'], dir);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain('Unknown argument: chek; did you mean "--check"?');
    const lintFlag = runCli(['lint', '--formt', 'json'], dir);
    expect(lintFlag.status).toBe(2);
    expect(lintFlag.stderr).toContain('Unknown argument: formt; did you mean "--format"?');
    // diff has no --force: nothing close to suggest, and no command either.
    expect(runCli(['diff', '--forse'], dir).stderr).toBe("gen-modules: Unknown argument: forse\nRun 'gen-modules --help' for usage.\n");
    const command = runCli(['verifi'], dir);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain('Unknown argument: verifi; did you mean "verify"?');
    expect(command.stdout).toBe('');
  });

  test('--only with an unknown service exits 2', () => {
    const run = runCli(['--only', 'loki'], project());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--only: no spec named "loki"');
  });

  test('a missing specs folder exits 2', () => {
    const run = runCli(['--specs', 'nowhere'], tempDir());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nowhere: no index.ts here');
  });
});
