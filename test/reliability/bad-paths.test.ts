import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { discoverFiles } from '../../src/terraform/load';
import { BIN, runCli, type CliRun } from '../support/cli';
import { readTree, REPO, tempDir } from '../support/tmp';

/**
 * Ordinary mistakes with paths end with exit 2 and one line naming the path:
 * no stack trace, no hang, nothing written.
 */

function project(): string {
  const dir = tempDir('gen-modules-paths-');
  fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'afile'), 'not a folder\n');
  return dir;
}

/** Exit 2, one line on stderr matching `line`, nothing on stdout. */
function expectOneLine(run: CliRun, line: RegExp): void {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect(run.stderr).not.toContain('internal error');
  expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  expect(run.stderr).toMatch(line);
  expect(run).toMatchObject({ status: 2, stdout: '' });
}

/** Like the user would run it: unprivileged (as root, permissions would not apply, so the run drops to `nobody`). */
function runUnprivileged(args: string[], cwd: string): CliRun {
  if (process.getuid?.() !== 0) return runCli(args, cwd);
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    uid: 65534,
    gid: 65534,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('generate with a path that is not what it should be', () => {
  const dir = project();
  afterEach(() => expect(fs.existsSync(path.join(dir, 'out'))).toBe(false));

  test('--specs is a file', () =>
    expectOneLine(runCli(['--specs', 'afile'], dir), /^gen-modules: --specs: afile: not a folder, but a regular file$/m));

  test('--out is a file', () =>
    expectOneLine(runCli(['--out', 'afile'], dir), /^gen-modules: --out: afile: not a folder, but a regular file$/m));

  test('--out below a file', () =>
    expectOneLine(
      runCli(['--out', 'afile/modules-k8s'], dir),
      /^gen-modules: --out: afile\/modules-k8s: not a folder \(afile is a regular file\)$/m,
    ));

  test('--out under /sys', () =>
    expectOneLine(
      runCli(['--out', '/sys/kernel/gen-modules-test'], dir),
      /^gen-modules: --out: \/sys\/kernel\/gen-modules-test: on the sysfs kernel file system, not a place for files$/m,
    ));

  test('--out under /proc is refused at once (it used to spin at 100% CPU)', () =>
    expectOneLine(
      runCli(['--out', '/proc/self/gen-modules/modules-k8s'], dir),
      /^gen-modules: --out: \/proc\/self\/gen-modules\/modules-k8s: on the procfs kernel file system/m,
    ));

  test('--root is a file', () =>
    expectOneLine(runCli(['--root', 'afile'], dir), /^gen-modules: --root: afile: not a folder, but a regular file$/m));

  test('--root naming a folder that does not exist is refused, not created', () => {
    expectOneLine(runCli(['--root', 'infra'], dir), /^gen-modules: --root: infra: no such folder$/m);
    expect(fs.existsSync(path.join(dir, 'infra'))).toBe(false);
  });

  test('a FIFO where a generated file goes is refused without reading it', () => {
    const other = project();
    fs.mkdirSync(path.join(other, 'out', 'modules-k8s', 'grafana'), { recursive: true });
    spawnSync('mkfifo', [path.join(other, 'out', 'modules-k8s', 'grafana', 'main.tf')]);
    const run = spawnSync(process.execPath, [BIN], { cwd: other, encoding: 'utf8', timeout: 60_000 });
    expectOneLine(
      { status: run.status, stdout: run.stdout, stderr: run.stderr },
      /^gen-modules: out\/modules-k8s\/grafana\/main\.tf: not a regular file, but a FIFO; refusing to read it$/m,
    );
  });
});

describe('--out on a read-only file system', () => {
  const dir = project();
  const mountPoint = path.join(dir, 'ro');
  fs.mkdirSync(mountPoint);
  const mounted =
    process.platform === 'linux' && spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', mountPoint]).status === 0;
  if (!mounted) console.warn('SKIPPED: --out on a read-only file system needs mount (root on Linux); not tested here');
  afterAll(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });

  (mounted ? test : test.skip)('exits 2 naming the folder, nothing written', () => {
    expectOneLine(
      runCli(['--out', 'ro/modules-k8s'], dir),
      /^gen-modules: ro\/modules-k8s: cannot write here: read-only file system \(EROFS\); nothing was written$/m,
    );
    expectOneLine(
      runCli(['--out', 'ro'], dir),
      /^gen-modules: ro: cannot write here: read-only file system \(EROFS\); nothing was written$/m,
    );
  });
});

/** As root the run drops to `nobody`, who must be able to reach the built CLI (not so in a private checkout folder). */
const unprivilegedCanRun =
  process.getuid?.() !== 0 || spawnSync(process.execPath, [BIN, '--version'], { uid: 65534, gid: 65534 }).status === 0;
if (!unprivilegedCanRun)
  console.warn('SKIPPED: the CLI under uid 65534 (this checkout is not readable by nobody); the in-process EACCES test still runs');

describe('lint with a path that cannot be read (in process)', () => {
  test('a .tf file whose read fails with EACCES is one line naming it', async () => {
    const dir = tempDir('gen-modules-paths-');
    fs.mkdirSync(path.join(dir, 'mod'));
    fs.writeFileSync(path.join(dir, 'mod', 'main.tf'), 'variable "a" {}\n');
    const real = fs.readFileSync;
    const spy = jest.spyOn(fs, 'readFileSync').mockImplementation((file: fs.PathOrFileDescriptor, options?: unknown) => {
      if (String(file).endsWith('main.tf')) throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      return real(file, options as BufferEncoding);
    });
    try {
      await expect(discoverFiles(['mod'], dir)).rejects.toThrow(/mod\/main\.tf: cannot read: permission denied \(EACCES\)$/);
    } finally {
      spy.mockRestore();
    }
  });
});

(unprivilegedCanRun ? describe : describe.skip)('lint with a path that cannot be read', () => {
  const dir = tempDir('gen-modules-paths-');
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'mod'));
  fs.writeFileSync(path.join(dir, 'mod', 'main.tf'), 'variable "a" {}\n');
  fs.writeFileSync(path.join(dir, 'afile'), 'x');

  test('a .tf file that cannot be read (EACCES)', () => {
    fs.writeFileSync(path.join(dir, 'mod', 'secret.tf'), 'variable "b" {}\n');
    fs.chmodSync(path.join(dir, 'mod', 'secret.tf'), 0o000);
    try {
      expectOneLine(runUnprivileged(['lint', 'mod'], dir), /^gen-modules: mod\/secret\.tf: cannot read: permission denied \(EACCES\)$/m);
    } finally {
      fs.rmSync(path.join(dir, 'mod', 'secret.tf'));
    }
  });

  test('a folder that cannot be read (EACCES)', () => {
    fs.mkdirSync(path.join(dir, 'mod', 'locked'), { mode: 0o000 });
    try {
      expectOneLine(
        runUnprivileged(['lint', 'mod'], dir),
        /^gen-modules: mod\/locked: cannot read the folder: permission denied \(EACCES\)$/m,
      );
    } finally {
      fs.rmdirSync(path.join(dir, 'mod', 'locked'));
    }
  });

  test('a FIFO passed by name is refused at once (it used to hang)', () => {
    spawnSync('mkfifo', [path.join(dir, 'pipe.tf')]);
    const run = spawnSync(process.execPath, [BIN, 'lint', 'pipe.tf'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expectOneLine({ status: run.status, stdout: run.stdout, stderr: run.stderr }, /pipe\.tf: not a regular file or folder, but a FIFO$/m);
  });

  test('--cache-location is a file', () =>
    expectOneLine(
      runCli(['lint', 'mod', '--cache', '--cache-location', 'afile'], dir),
      /^gen-modules: --cache-location: afile: not a folder, but a regular file$/m,
    ));

  test('both gen-modules.config.ts and gen-modules.config.json present is refused, not one silently picked', () => {
    const both = tempDir('gen-modules-paths-');
    fs.mkdirSync(path.join(both, 'mod'));
    fs.writeFileSync(path.join(both, 'mod', 'main.tf'), 'variable "a" {}\n');
    fs.writeFileSync(path.join(both, 'gen-modules.config.ts'), 'export default {};\n');
    fs.writeFileSync(path.join(both, 'gen-modules.config.json'), '{}\n');
    expectOneLine(
      runCli(['lint', 'mod'], both),
      /^gen-modules: gen-modules\.config\.ts and gen-modules\.config\.json are both in \.; keep one, or name it with --config$/m,
    );
    expect(readTree(both)).not.toHaveProperty('.gen-modules-cache');
  });
});
