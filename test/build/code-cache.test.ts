import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, tempDir } from '../support/tmp';

/**
 * The executable's launcher (dist/bin/launch.js, from scripts/launcher.js) loads the bundle
 * with the V8 code cache the build trained. `GEN_MODULES_CODE_CACHE=report` makes it say on
 * stderr what became of the cache; without it, a run must look the same with a good cache,
 * a bad one or none.
 */
const DIST = path.join(REPO, 'dist');
const LAUNCHER = path.join(DIST, 'bin', 'launch.js');
const HEADER = 36;

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[], env: Record<string, string> = {}, nodeOptions: string[] = []): Run {
  const result = spawnSync(process.execPath, [...nodeOptions, ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '', GEN_MODULES_CODE_CACHE: '', ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A lint with findings: its exit code, its report and its stderr are what must not change. */
const LINT = ['lint', path.join('test', 'fixtures', 'hcl', 'repo')];

function cacheStatus(bin: string, nodeOptions: string[] = []): string {
  const run = node([bin, '--version'], { GEN_MODULES_CODE_CACHE: 'report' }, nodeOptions);
  expect(run.status).toBe(0);
  return /^gen-modules: code cache (.+)$/m.exec(run.stderr)?.[1] ?? `no report in ${JSON.stringify(run.stderr)}`;
}

function shippedCache(): string {
  const name = fs.readdirSync(path.join(DIST, 'bin')).find((file) => file.endsWith('.v8cache'));
  if (name === undefined) throw new Error('dist/bin has no code cache: run npm run build');
  return path.join(DIST, 'bin', name);
}

/**
 * The package as installed, in a temporary folder: dist/cli.js and dist/bin copied (so they
 * can be damaged), everything else linked to the repository's.
 */
function packageCopy(): { root: string; bin: string; dir: string; cache: string } {
  const root = tempDir('gen-modules-code-cache-');
  for (const entry of fs.readdirSync(REPO)) {
    if (entry !== 'dist' && entry !== '.git') fs.symlinkSync(path.join(REPO, entry), path.join(root, entry));
  }
  const dist = path.join(root, 'dist');
  fs.mkdirSync(path.join(dist, 'bin'), { recursive: true });
  for (const entry of fs.readdirSync(DIST)) {
    if (entry === 'bin' || entry === 'cli.js') fs.cpSync(path.join(DIST, entry), path.join(dist, entry), { recursive: true });
    else fs.symlinkSync(path.join(DIST, entry), path.join(dist, entry));
  }
  const dir = path.join(dist, 'bin');
  return { root, bin: path.join(dist, 'cli.js'), dir, cache: path.join(dir, path.basename(shippedCache())) };
}

describe('the code cache of the executable', () => {
  let good: Run;
  beforeAll(() => {
    good = node([path.join(DIST, 'cli.js'), ...LINT]);
  });

  test('the lint used below has findings, so its output says something', () => {
    expect(good.status).toBe(1);
    expect(good.stdout).toContain('problems');
  });

  test('the bundle is ASCII only (the launcher reads it as latin1)', () => {
    const bytes = fs.readFileSync(path.join(DIST, 'bin', 'cli.js'));
    expect(bytes.findIndex((byte) => byte > 0x7f)).toBe(-1);
  });

  test('the shipped cache is accepted by a fresh process', () => {
    expect(cacheStatus(path.join(DIST, 'cli.js'))).toBe('accepted');
  });

  test('the bundle is loaded once, as the module dist/bin/cli.js', () => {
    const bundle = path.join(DIST, 'bin', 'cli.js');
    const script = `const exports = require(${JSON.stringify(LAUNCHER)}).load();
const module = require.cache[${JSON.stringify(bundle)}];
console.log(JSON.stringify({
  same: require(${JSON.stringify(bundle)}) === exports && module.exports === exports,
  loaded: module.loaded,
  filename: module.filename,
  start: typeof exports.start,
}));`;
    expect(JSON.parse(node(['-e', script]).stdout)).toEqual({ same: true, loaded: true, filename: bundle, start: 'function' });
  });

  test('a damaged cache is refused and the run is the same', () => {
    const copy = packageCopy();
    const file = fs.readFileSync(copy.cache);
    // V8 takes this one (it does not notice): the launcher's checksum must refuse it.
    for (let at = HEADER + 4096; at < HEADER + 4196; at++) file[at] = (file[at] as number) ^ 0xff;
    fs.writeFileSync(copy.cache, file);
    expect(cacheStatus(copy.bin)).toBe('damaged');
    expect(node([copy.bin, ...LINT])).toEqual(good);
    // Cut short (a copy that did not finish), down to less than its header.
    for (const length of [file.length - 1000, 20]) {
      fs.writeFileSync(copy.cache, fs.readFileSync(shippedCache()).subarray(0, length));
      expect(cacheStatus(copy.bin)).toBe('damaged');
    }
  });

  test('a cache made for another bundle of the same length is refused and the run is the same', () => {
    const copy = packageCopy();
    const bundle = path.join(copy.dir, 'cli.js');
    const source = fs.readFileSync(bundle, 'utf8');
    // Another build: its first line (empty) is a space, the length is the same (V8 would take the cache).
    expect(source[0]).toBe('\n');
    const changed = ` ${source.slice(1)}`;
    expect(changed.length).toBe(source.length);
    fs.writeFileSync(bundle, changed);
    const digest = crypto.createHash('sha256').update(changed).digest('hex');
    const launcher = fs.readFileSync(path.join(copy.dir, 'launch.js'), 'utf8');
    const shipped = /const BUNDLE_SHA256 = '([0-9a-f]{64})'/.exec(launcher)?.[1] ?? '';
    expect(shipped).toHaveLength(64);
    fs.writeFileSync(path.join(copy.dir, 'launch.js'), launcher.replace(shipped, digest));
    // The old cache, under the name the new launcher looks for.
    fs.renameSync(copy.cache, path.join(copy.dir, `cli-${digest.slice(0, 16)}.v8cache`));
    expect(cacheStatus(copy.bin)).toBe('for another bundle');
    expect(node([copy.bin, ...LINT])).toEqual(good);
  });

  test('a cache V8 refuses (made under other flags) is ignored and the run is the same', () => {
    expect(cacheStatus(path.join(DIST, 'cli.js'), ['--liftoff-only'])).toBe('rejected');
    expect(node([path.join(DIST, 'cli.js'), ...LINT], {}, ['--liftoff-only'])).toEqual(good);
  });

  test('a missing or unreadable cache is ignored and the run is the same', () => {
    const copy = packageCopy();
    fs.rmSync(copy.cache);
    expect(cacheStatus(copy.bin)).toBe('missing');
    expect(node([copy.bin, ...LINT])).toEqual(good);
    fs.mkdirSync(copy.cache);
    expect(cacheStatus(copy.bin)).toBe('unreadable');
  });

  test('GEN_MODULES_CODE_CACHE=off compiles without it', () => {
    const script = `const launcher = require(${JSON.stringify(LAUNCHER)}); launcher.load(); console.log(launcher.codeCacheStatus());`;
    expect(node(['-e', script], { GEN_MODULES_CODE_CACHE: 'off' }).stdout.trim()).toBe('off');
  });

  test('the package ships the executable, its launcher and its cache', () => {
    const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO, encoding: 'utf8' });
    expect(packed.status).toBe(0);
    const files = (JSON.parse(packed.stdout) as { files: { path: string; mode: number }[] }[])[0]?.files ?? [];
    const paths = files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining(['dist/cli.js', 'dist/bin/cli.js', 'dist/bin/launch.js']));
    expect(paths).toContain(path.relative(REPO, shippedCache()));
    expect(fs.readFileSync(path.join(DIST, 'cli.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    expect(fs.statSync(path.join(DIST, 'cli.js')).mode & 0o111).toBe(0o111);
  });
});
