import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFileSync } from '../../src/hcl/parser';
import { loadShapes, writeTree } from '../../bench/trees';

/** The benchmark's trees: the same arguments give the same tree, built from many shapes, varied as claimed. */

const shapes = loadShapes();
let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-trees-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function digest(dir: string): string {
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(dir, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  return hash.digest('hex');
}

function tfFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.tf'))
    .map((f) => path.join(dir, f));
}

describe('the benchmark trees', () => {
  it('draws on the hand-written fixtures, the built-in output and the golden cases', () => {
    const origins = shapes.map((s) => s.origin);
    for (const root of [
      'test/fixtures/import/',
      'test/fixtures/precision/valid/',
      'test/fixtures/precision/invalid/',
      'out/modules-k8s/',
      'test/generate/golden/',
    ])
      expect(origins.filter((o) => o.startsWith(root)).length).toBeGreaterThan(3);
  });

  it('builds the user-sized repository as described: about 109 files, 350 KB, 31 modules', () => {
    const dir = path.join(work, 'user');
    const tree = writeTree(dir, { modules: 31, richEvery: 3, seed: 5, shapes });
    expect(tree.modules).toBe(31);
    expect(tree.files).toBeGreaterThanOrEqual(100);
    expect(tree.files).toBeLessThanOrEqual(140);
    expect(tree.bytes).toBeGreaterThanOrEqual(300 * 1024);
    expect(tree.bytes).toBeLessThanOrEqual(400 * 1024);
    const files = tfFiles(dir);
    expect(files).toHaveLength(tree.files);
    expect(files.reduce((sum, f) => sum + fs.statSync(f).size, 0)).toBe(tree.bytes);
  });

  it('gives the same tree for the same arguments, another for another seed', () => {
    const a = writeTree(path.join(work, 'a'), { files: 300, seed: 3, shapes });
    const b = writeTree(path.join(work, 'b'), { files: 300, seed: 3, shapes });
    const c = writeTree(path.join(work, 'c'), { files: 300, seed: 4, shapes });
    expect(a).toEqual(b);
    expect(a.files).toBeGreaterThanOrEqual(300);
    expect(a.files).toBeLessThan(310);
    expect(digest(path.join(work, 'a'))).toBe(digest(path.join(work, 'b')));
    expect(digest(path.join(work, 'a'))).not.toBe(digest(path.join(work, 'c')));
    expect(c.files).toBeGreaterThanOrEqual(300);
  });

  it('varies the modules: renamed, unversioned types, second workloads, comments, heredocs, locals with merge; every file parses', () => {
    const dir = path.join(work, 'varied');
    writeTree(dir, { files: 300, seed: 0, shapes });
    const texts = tfFiles(dir).map((f) => fs.readFileSync(f, 'utf8'));
    const all = texts.join('\n');
    // No module keeps its shape's name: each is renamed with its position.
    for (const module of fs.readdirSync(path.join(dir, 'modules'))) expect(module).toMatch(/-\d+$/);
    expect(all).toMatch(/resource "kubernetes_deployment" /);
    expect(all).toMatch(/resource "kubernetes_deployment_v1" /);
    expect(all).toMatch(/_worker" \{/);
    expect(all).toMatch(/^# resource "kubernetes_config_map" "legacy" \{/m);
    expect(all).toMatch(/<<-EOT/);
    expect(all).toMatch(/= merge\(/);
    expect(all).toMatch(/yamlencode\(/);
    // Not one file copied: most files differ from every other (a versions.tf is often the same, as in real repositories).
    expect(new Set(texts).size).toBeGreaterThan(texts.length * 0.8);
    for (const text of texts) expect(parseFileSync('bench.tf', text).errors.map((e) => e.message)).toEqual([]);
  });
});
