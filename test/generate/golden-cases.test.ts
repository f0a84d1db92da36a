import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../src/lint/config';
import { lintPaths } from '../../src/lint/engine';
import { prepare } from '../../src/generate/run';
import { applyChanges } from '../../src/generate/write';
import { readTree, REPO, tempDir } from '../support/tmp';

/**
 * Golden cases: services of the shapes a homelab repository has beyond the
 * built-in stack. Each generates exactly its committed `out/`, verifies against
 * its spec (inside `prepare`) and lints clean with the repository's config.
 */
const GOLDEN = path.join(__dirname, 'golden');
const cases = fs
  .readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

test('there is a golden case for each of the ten example services', () => {
  expect(cases).toEqual([
    'echo',
    'minio',
    'nextcloud',
    'ollama',
    'open-webui',
    'overseerr',
    'renovate',
    'searxng',
    'vaultwarden',
    'whoami',
  ]);
});

describe.each(cases)('%s', (name) => {
  const dir = path.join(GOLDEN, name);
  const expectedDir = path.join(dir, 'out');
  const outRoot = tempDir();
  let generated: Record<string, string>;

  beforeAll(async () => {
    const result = await prepare({ specsDir: path.join(dir, 'specs'), outDir: path.join(outRoot, 'modules-k8s') });
    applyChanges(result.changes);
    generated = readTree(outRoot);
    if (process.env['GOLDEN_UPDATE'] === '1') {
      fs.rmSync(expectedDir, { recursive: true, force: true });
      for (const [file, content] of Object.entries(generated)) {
        fs.mkdirSync(path.dirname(path.join(expectedDir, file)), { recursive: true });
        fs.writeFileSync(path.join(expectedDir, file), content);
      }
    }
  });

  test('generates its committed out/ byte for byte', () => {
    expect(generated).toEqual(readTree(expectedDir));
  });

  test("lints clean with the repository configuration (or the case's own, for exceptions it takes)", async () => {
    const own = path.join(dir, 'gen-modules.config.json');
    const config = loadConfig({ cwd: fs.existsSync(own) ? path.dirname(own) : REPO });
    const result = await lintPaths({ paths: [outRoot], cwd: outRoot, config });
    expect(result.findings.map((f) => `${path.relative(outRoot, f.range.file)}:${f.range.line} ${f.ruleId} ${f.message}`)).toEqual([]);
  });
});
