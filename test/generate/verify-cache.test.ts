import fs from 'node:fs';
import path from 'node:path';
import { renderAll, type GeneratedFile } from '../../src/generate/generate';
import { prepare } from '../../src/generate/run';
import { verifyAll } from '../../src/generate/verify';
import { openVerifyCache, verifierIdentity, verifyKey, type VerifyCache } from '../../src/generate/verify-cache';
import { loadSpecs } from '../../src/spec-api/load';
import { runOptions } from '../../src/commands/shared-options';
import { tempDir } from '../support/tmp';

/**
 * The verify cache skips the hcl2json round trip of a service only when its spec,
 * the stack and every rendered file are exactly those of a round trip that passed:
 * any changed file is still verified.
 */
const GOLDEN = path.join(__dirname, 'golden');
const specs = loadSpecs(path.join(GOLDEN, 'minio', 'specs'));
const files = renderAll(specs, { modulesDir: 'modules-k8s' });
const service = specs.services[0]!.spec;
const own = files.filter((f) => f.service === service.name);

/** `node_port = 30900` → 30901 in main.tf: a mismatch the round trip reports. */
function broken(list: GeneratedFile[]): GeneratedFile[] {
  return list.map((f) =>
    f.path.endsWith('/main.tf') ? { ...f, content: f.content.replace('node_port   = 30900', 'node_port   = 30901') } : f,
  );
}

test('a service whose round trip passed is recorded, and a changed file is verified again', async () => {
  const cache = openVerifyCache(tempDir('verify-cache-'));
  expect(await verifyAll(specs, files, undefined, cache)).toEqual([]);
  expect(cache.passed(verifyKey(verifierIdentity(require.resolve('../../src/generate/verify')), specs.stack, service, own))).toBe(true);
  // The edited main.tf gives another key: verified, and its mismatch reported.
  const mismatches = await verifyAll(specs, broken(files), undefined, cache);
  expect(mismatches.map((m) => `${m.file}: ${m.what}`)).toEqual(['modules-k8s/minio/main.tf: Service minio ports']);
});

test('a recorded round trip is not parsed again (a cache that says "passed" hides even a broken file)', async () => {
  const everything: VerifyCache = { passed: () => true, record: () => undefined, save: () => undefined, empty: () => false };
  expect(await verifyAll(specs, broken(files), undefined, everything)).toEqual([]);
  expect(await verifyAll(specs, broken(files))).not.toEqual([]);
});

test('a failed round trip is never recorded', async () => {
  const recorded: string[] = [];
  const cache: VerifyCache = { passed: () => false, record: (key) => void recorded.push(key), save: () => undefined, empty: () => true };
  expect(await verifyAll(specs, broken(files), undefined, cache)).not.toEqual([]);
  expect(recorded).toEqual([]);
});

test('the key changes with the verifier, the stack, the spec and every rendered file', () => {
  const key = verifyKey('1.0.0:1', specs.stack, service, own);
  expect(verifyKey('1.0.0:1', specs.stack, service, own)).toBe(key);
  expect(verifyKey('1.0.1:1', specs.stack, service, own)).not.toBe(key);
  expect(verifyKey('1.0.0:1', { ...specs.stack, domain: 'other.example' }, service, own)).not.toBe(key);
  expect(verifyKey('1.0.0:1', specs.stack, { ...service, description: 'changed' }, own)).not.toBe(key);
  for (const file of own) {
    const edited = own.map((f) => (f === file ? { ...f, content: `${f.content}\n` } : f));
    expect(verifyKey('1.0.0:1', specs.stack, service, edited)).not.toBe(key);
  }
});

test('the cache is kept in verify.json of its folder; an unreadable file is an empty cache', () => {
  const dir = tempDir('verify-cache-');
  const first = openVerifyCache(dir);
  first.record('a');
  first.save();
  expect(first.empty()).toBe(false);
  expect(openVerifyCache(dir).passed('a')).toBe(true);
  expect(openVerifyCache(dir).passed('b')).toBe(false);
  fs.writeFileSync(path.join(dir, 'verify.json'), '{ not json');
  expect(openVerifyCache(dir).passed('a')).toBe(false);
  expect(openVerifyCache(dir).empty()).toBe(true);
  // Saving over an unreadable file starts it again.
  const again = openVerifyCache(dir);
  again.record('c');
  again.save();
  expect(openVerifyCache(dir).passed('c')).toBe(true);
});

test('prepare records the passed round trips in the folder it is given, and only then', async () => {
  const cacheDir = path.join(tempDir('verify-cache-'), '.gen-modules-cache');
  const outDir = path.join(tempDir('verify-out-'), 'modules-k8s');
  const specsDir = path.join(GOLDEN, 'minio', 'specs');
  await prepare({ specsDir, outDir });
  expect(fs.existsSync(cacheDir)).toBe(false);
  await prepare({ specsDir, outDir, verifyCache: cacheDir });
  const stored = JSON.parse(fs.readFileSync(path.join(cacheDir, 'verify.json'), 'utf8')) as { passed: string[] };
  expect(stored.passed).toHaveLength(1);
});

test('generate and diff keep the cache in .gen-modules-cache/ of the working folder unless --no-verify-cache; verify never uses it', () => {
  expect(runOptions({ specs: './specs', verifyCache: true }).verifyCache).toBe(path.resolve('.gen-modules-cache'));
  expect(runOptions({ specs: './specs', verifyCache: false }).verifyCache).toBeUndefined();
  // The verify command has no --verify-cache option: its arguments never carry it.
  expect(runOptions({ specs: './specs' }).verifyCache).toBeUndefined();
});
