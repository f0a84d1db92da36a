import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, tempDir } from '../support/tmp';

/**
 * The hooks of `.pre-commit-hooks.yaml`, installed and run the way pre-commit's
 * `node` language does it (pre-commit itself is not installed here):
 *   1. in a checkout of the repository, `npm install` (stands in: the checkout's
 *      node_modules is this one's; `prepare` then runs in step 2 instead);
 *   2. `npm pack` there, which runs `prepare` and so builds dist/ from the sources;
 *   3. `npm install -g <tarball>` into the hook environment's prefix: only
 *      production dependencies, no build step, as from a registry;
 *   4. each hook's `entry`, split like a command line, with the staged file names
 *      that match `files` appended (unless `pass_filenames: false`), run with the
 *      environment's bin/ first on PATH, from the repository being committed.
 * One install is shared by every hook test: it takes a while.
 */

interface Hook {
  id: string;
  entry: string;
  language: string;
  files?: string;
  pass_filenames?: boolean;
}

interface HookRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The subset of YAML `.pre-commit-hooks.yaml` uses: a list of flat maps of scalars; comments and blank lines. */
function readHooks(text: string): Hook[] {
  const hooks: Array<Record<string, string | boolean>> = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/^\s*#.*$/, '');
    if (line.trim() === '') continue;
    const item = /^(- | {2})([a-z_]+): (.*)$/.exec(line);
    if (!item) throw new Error(`unexpected line in .pre-commit-hooks.yaml: ${raw}`);
    const [, lead, key, value] = item as unknown as [string, string, string, string];
    if (lead === '- ') hooks.push({});
    const hook = hooks[hooks.length - 1];
    if (!hook) throw new Error(`a key before the first hook: ${raw}`);
    hook[key] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return hooks as unknown as Hook[];
}

/** The files of a fresh clone: tracked and new files that git does not ignore, as they are in the working tree. */
function cloneInto(dir: string): void {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: REPO, encoding: 'utf8' });
  for (const file of listed.split('\0').filter(Boolean)) {
    const from = path.join(REPO, file);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, file));
  }
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
}

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

/** Steps 1 to 3: the hook environment's bin/ folder. */
function installHookEnvironment(): string {
  const clone = tempDir('gen-modules-clone-');
  const packs = tempDir('gen-modules-pack-');
  const prefix = tempDir('gen-modules-hook-env-');
  cloneInto(clone);
  const tarball = npm(['pack', '--pack-destination', packs], clone).trim().split('\n').pop() as string;
  npm(['install', '-g', '--prefix', prefix, '--prefer-offline', path.join(packs, tarball)], packs);
  return path.join(prefix, 'bin');
}

/** Step 4: what pre-commit runs for `hook` when `staged` are the files of the commit. */
function runHook(hook: Hook, staged: string[], bin: string, cwd: string): HookRun | 'skipped' {
  const files = staged.filter((f) => new RegExp(hook.files ?? '').test(f));
  if (files.length === 0) return 'skipped';
  const [command, ...args] = hook.entry.split(/\s+/) as [string, ...string[]];
  const withFiles = hook.pass_filenames === false ? args : [...args, ...files];
  const result = spawnSync(command, withFiles, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env['PATH'] ?? ''}`, NO_COLOR: '1' },
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The repository being committed: specs, their generated modules, and a hand-written module. */
function infrastructureRepository(bin: string): string {
  const dir = tempDir('gen-modules-infra-');
  fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
  const generate = spawnSync(path.join(bin, 'gen-modules'), [], { cwd: dir, encoding: 'utf8' });
  expect(generate.stderr).toBe('');
  expect(generate.status).toBe(0);
  fs.mkdirSync(path.join(dir, 'legacy'));
  // variables.tf is clean only when read with main.tf (which uses the variable); main.tf has a literal credential.
  fs.writeFileSync(
    path.join(dir, 'legacy', 'main.tf'),
    'resource "kubernetes_config_map_v1" "app" {\n  metadata {\n    name      = "app"\n    namespace = var.namespace\n  }\n\n  data = {\n    password = "hunter2hunter2"\n  }\n}\n',
  );
  fs.writeFileSync(
    path.join(dir, 'legacy', 'variables.tf'),
    'variable "namespace" {\n  description = "Namespace"\n  type        = string\n  default     = "default"\n}\n',
  );
  return dir;
}

describe('pre-commit hooks, installed from a packed tarball like pre-commit does (slow: one npm pack + global install)', () => {
  const hooks = readHooks(fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8'));
  const hook = (id: string): Hook => {
    const found = hooks.find((h) => h.id === id);
    if (!found) throw new Error(`no hook ${id}`);
    return found;
  };
  let bin = '';
  let repo = '';

  beforeAll(() => {
    bin = installHookEnvironment();
    repo = infrastructureRepository(bin);
  }, 300_000);

  test('both hooks exist, as node hooks', () => {
    expect(hooks.map((h) => [h.id, h.language])).toEqual([
      ['gen-modules-lint', 'node'],
      ['gen-modules-check', 'node'],
    ]);
    expect(hook('gen-modules-check').pass_filenames).toBe(false);
  });

  test('gen-modules-lint: clean generated files pass; other staged files are not passed', () => {
    const run = runHook(
      hook('gen-modules-lint'),
      ['specs/grafana.ts', 'out/modules-k8s/grafana/main.tf', 'out/modules-k8s/grafana/variables.tf'],
      bin,
      repo,
    );
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(runHook(hook('gen-modules-lint'), ['README.md', 'specs/grafana.ts'], bin, repo)).toBe('skipped');
  });

  test('gen-modules-lint: a file is read with its whole module, and only the staged files are reported', () => {
    expect(runHook(hook('gen-modules-lint'), ['legacy/variables.tf'], bin, repo)).toEqual({ status: 0, stdout: '', stderr: '' });
    const run = runHook(hook('gen-modules-lint'), ['legacy/main.tf'], bin, repo);
    expect(run).toMatchObject({ status: 1, stderr: '' });
    expect(run !== 'skipped' && run.stdout).toContain('legacy/main.tf:8:5  error  secrets/hardcoded');
    expect(run !== 'skipped' && run.stdout).not.toContain('legacy/variables.tf');
  });

  test('gen-modules-check: passes when up to date, fails with the diff on drift', () => {
    const anything = ['specs/grafana.ts'];
    expect(runHook(hook('gen-modules-check'), anything, bin, repo)).toEqual({ status: 0, stdout: '', stderr: '' });
    const spec = path.join(repo, 'specs', 'grafana.ts');
    const original = fs.readFileSync(spec, 'utf8');
    fs.writeFileSync(spec, original.replace("tag: '11.4.0'", "tag: '11.5.0'"));
    const run = runHook(hook('gen-modules-check'), anything, bin, repo);
    fs.writeFileSync(spec, original);
    expect(run).toMatchObject({ status: 1 });
    expect(run !== 'skipped' && run.stdout).toContain('+  default = "11.5.0"');
    expect(run !== 'skipped' && run.stderr).toContain('out of date; run gen-modules');
  });

  test('gen-modules new works from the install (ts-morph is a production dependency)', () => {
    const dir = tempDir('gen-modules-new-installed-');
    fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
    const run = spawnSync(path.join(bin, 'gen-modules'), ['new', 'uptime-kuma'], { cwd: dir, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
