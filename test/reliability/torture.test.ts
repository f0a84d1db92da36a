import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { inspect } from '../../src/generate/header';
import { BIN } from '../support/cli';
import { readTree, REPO, tempDir } from '../support/tmp';

/**
 * Fault injection: generation killed at random moments, generators racing,
 * a file system that fills up, and the linter fed damaged files. Each round
 * stays in the suite (about half a minute); `npm run torture` runs more rounds
 * (TORTURE_ROUNDS, default 10 there) and TORTURE_SEED replays a failure.
 */
const ROUNDS = Math.max(1, Number(process.env['TORTURE_ROUNDS'] ?? 1));
const SEED = Number(process.env['TORTURE_SEED'] ?? Date.now() % 1_000_000);
jest.setTimeout(60_000 * ROUNDS);

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = random(SEED);
const seedNote = `(TORTURE_SEED=${SEED})`;

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run the CLI; with `killAfterMs`, SIGKILL it then (a crash or a power cut as far as the process knows). */
function start(args: string[], cwd: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve) => {
    const began = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - began });
    });
  });
}

/** Two versions of the specs that change files in two modules. */
function useVersion(dir: string, version: 1 | 2): void {
  const set = (file: string, pattern: RegExp, value: string): void => {
    const full = path.join(dir, 'specs', file);
    fs.writeFileSync(full, fs.readFileSync(full, 'utf8').replace(pattern, value));
  };
  set('grafana.ts', /tag: '11\.4\.\d+'/, `tag: '11.4.${version === 1 ? 0 : 9}'`);
  set('meshery.ts', /memory: '\d+Gi'/, `memory: '${version === 1 ? 2 : 5}Gi'`);
}

function project(): string {
  const dir = tempDir('gen-modules-torture-');
  fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
  return dir;
}

/** The generated files of a tree (the modules' .tf files and READMEs, and kubernetes.tf), without staged leftovers or the lock. */
const tfFiles = (tree: Record<string, string>): Record<string, string> =>
  Object.fromEntries(Object.entries(tree).filter(([name]) => name.endsWith('.tf') || name.endsWith('/README.md')));

const noStack = (stderr: string): boolean => !/internal error|\n\s+at /.test(stderr);

test(`generation killed at random moments leaves every file the old or the new version, with an intact header ${seedNote}`, async () => {
  const dir = project();
  const out = path.join(dir, 'out');
  useVersion(dir, 2);
  expect((await start([], dir)).code).toBe(0);
  const version2 = tfFiles(readTree(out));
  useVersion(dir, 1);
  const first = await start([], dir);
  expect(first.code).toBe(0);
  const version1 = tfFiles(readTree(out));
  const killed: number[] = [];
  for (let i = 0; i < 4 * ROUNDS; i++) {
    useVersion(dir, i % 2 === 0 ? 2 : 1);
    const delay = Math.round(rand() * first.ms * 1.1);
    const run = await start([], dir, delay);
    if (run.signal === 'SIGKILL') killed.push(delay);
    else expect({ delay, code: run.code, stderr: run.stderr }).toEqual({ delay, code: 0, stderr: expect.any(String) as unknown });
    const tree = tfFiles(readTree(out));
    expect(Object.keys(tree).sort()).toEqual(Object.keys(version1).sort());
    for (const [name, content] of Object.entries(tree)) {
      expect({ name, delay, state: inspect(content).state }).toEqual({ name, delay, state: 'intact' });
      expect({ name, delay, known: content === version1[name] || content === version2[name] }).toEqual({ name, delay, known: true });
    }
  }
  // The next run recovers any stale lock, removes staged leftovers and finishes the job.
  useVersion(dir, 2);
  const last = await start([], dir);
  expect({ code: last.code, stderr: last.stderr.replace(/gen-modules: \d+ unfinished file\(s\)[^]*$/, '') }).toEqual({
    code: 0,
    stderr: '',
  });
  expect(readTree(out)).toEqual(version2);
  if (killed.length === 0) console.warn(`no run was killed before it ended ${seedNote}`);
});

test(`two generators at once into the same out/ never crash ${seedNote}`, async () => {
  const dir = project();
  expect((await start([], dir)).code).toBe(0);
  for (let i = 0; i < 2 * ROUNDS; i++) {
    useVersion(dir, i % 2 === 0 ? 2 : 1);
    const runs = await Promise.all([start([], dir), start([], dir)]);
    expect(runs.map((r) => ({ code: r.code, stderr: r.stderr }))).toEqual([
      { code: 0, stderr: '' },
      { code: 0, stderr: '' },
    ]);
    for (const [name, content] of Object.entries(tfFiles(readTree(path.join(dir, 'out')))))
      expect({ name, state: inspect(content).state }).toEqual({ name, state: 'intact' });
  }
});

describe('a file system that fills up', () => {
  const dir = project();
  const mountPoint = path.join(dir, 'small');
  fs.mkdirSync(mountPoint);
  const mounted = process.platform === 'linux' && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mountPoint]).status === 0;
  if (!mounted)
    console.warn(
      'SKIPPED: the tmpfs disk-full case needs mount (root on Linux); the injected write failure of test/reliability/writes.test.ts covers it',
    );
  afterAll(() => {
    if (mounted) spawnSync('umount', [mountPoint]);
  });

  (mounted ? test : test.skip)(
    'all or nothing: a run that does not fit replaces nothing, leaves no staged file, and a re-run finishes',
    async () => {
      const args = ['--out', 'small/modules-k8s'];
      useVersion(dir, 1);
      expect((await start(args, dir)).code).toBe(0);
      const before = readTree(mountPoint);
      // Leave a few KB free, then ask for a change that needs more.
      const filler = path.join(mountPoint, 'filler');
      try {
        fs.writeFileSync(filler, Buffer.alloc(1024 * 1024));
      } catch {
        // ENOSPC: the filler took what it could.
      }
      fs.truncateSync(filler, Math.max(0, fs.statSync(filler).size - 8 * 1024));
      useVersion(dir, 2);
      const full = await start(args, dir);
      expect(full.code).toBe(2);
      expect(full.stderr).toMatch(/^gen-modules: small\/\S+: cannot write: no space left on device \(ENOSPC\); nothing was written\n$/);
      const after = readTree(mountPoint);
      delete after['filler'];
      expect(after).toEqual(before);
      fs.rmSync(filler);
      const rerun = await start(args, dir);
      expect({ code: rerun.code, stderr: rerun.stderr }).toEqual({ code: 0, stderr: '' });
      expect(Object.keys(readTree(mountPoint)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    },
  );

  (mounted ? test : test.skip)('a first run into a 64 KB file system writes nothing', async () => {
    const tiny = path.join(dir, 'tiny');
    fs.mkdirSync(tiny);
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', tiny]).status).toBe(0);
    try {
      const run = await start(['--out', 'tiny/modules-k8s'], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/no space left on device \(ENOSPC\); nothing was written\n$/);
      expect(Object.keys(readTree(tiny))).toEqual([]);
    } finally {
      spawnSync('umount', [tiny]);
    }
  });
});

test(`the linter fed truncated, non-UTF-8 and random-byte files ends with exit 0, 1 or 2 and no stack trace ${seedNote}`, async () => {
  const dir = tempDir('gen-modules-torture-lint-');
  const sources = Object.values(tfFiles(readTree(path.join(REPO, 'out'))));
  const bytes = (n: number, from: number, to: number): Buffer =>
    Buffer.from(Array.from({ length: n }, () => from + Math.floor(rand() * (to - from))));
  const damaged = (i: number): Buffer => {
    const source = Buffer.from(sources[Math.floor(rand() * sources.length)] as string);
    switch (i % 4) {
      case 0:
        return source.subarray(0, Math.floor(rand() * source.length));
      case 1: {
        const at = Math.floor(rand() * source.length);
        return Buffer.concat([source.subarray(0, at), bytes(16, 0x80, 0x100), source.subarray(at)]);
      }
      case 2:
        return bytes(1 + Math.floor(rand() * 2048), 0, 256);
      default: {
        const copy = Buffer.from(source);
        for (let k = 0; k < 20; k++) copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
        return copy;
      }
    }
  };
  const count = 24 * ROUNDS;
  for (let i = 0; i < count; i++) {
    fs.mkdirSync(path.join(dir, `m${i}`));
    fs.writeFileSync(path.join(dir, `m${i}`, 'main.tf'), damaged(i));
  }
  const runs = await Promise.all([
    start(['lint', '.'], dir),
    start(['lint', 'm0/main.tf', '--format', 'sarif'], dir),
    start(['lint', 'm2', '--format', 'json'], dir),
  ]);
  for (const run of runs) {
    expect({ code: run.code, stack: !noStack(run.stderr) }).toEqual({ code: expect.any(Number) as unknown, stack: false });
    expect([0, 1, 2]).toContain(run.code);
  }
});
