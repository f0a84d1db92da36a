import { format } from '@cdktf/hcl-tools';
import path from 'node:path';
import { prepare } from '../../src/generate/run';
import { applyChanges } from '../../src/generate/write';
import { readTree, REPO, tempDir } from '../support/tmp';

/**
 * The committed `out/` is what the built-in specs generate, byte for byte, and
 * every generated file is already `terraform fmt` output.
 */
describe('built-in stack', () => {
  const dir = tempDir();
  let generated: Record<string, string>;

  beforeAll(async () => {
    const result = await prepare({ specsDir: path.join(REPO, 'specs'), outDir: path.join(dir, 'modules-k8s') });
    applyChanges(result.changes);
    generated = readTree(dir);
  });

  test('regenerating equals the committed out/ byte for byte', () => {
    expect(Object.keys(generated).sort()).toEqual(Object.keys(readTree(path.join(REPO, 'out'))).sort());
    expect(generated).toEqual(readTree(path.join(REPO, 'out')));
  });

  test('writes every module, with secrets.tf and rbac.tf only where needed', () => {
    const files = Object.keys(generated).sort();
    expect(files).toContain('kubernetes.tf');
    const services = ['prometheus', 'node-exporter', 'kube-state-metrics', 'alertmanager', 'grafana', 'meshery'];
    for (const service of services) {
      for (const file of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'README.md'])
        expect(files).toContain(`modules-k8s/${service}/${file}`);
    }
    const withFile = (name: string): string[] => services.filter((s) => files.includes(`modules-k8s/${s}/${name}`));
    // Secrets: the spec's own keys, or the basic-auth password of an admin UI.
    expect(withFile('secrets.tf')).toEqual(['prometheus', 'alertmanager', 'grafana', 'meshery']);
    expect(withFile('rbac.tf')).toEqual(['prometheus', 'kube-state-metrics', 'meshery']);
  });

  test('every .tf file is terraform fmt output; every file LF only, with a final newline', async () => {
    for (const [name, content] of Object.entries(generated)) {
      if (name.endsWith('.tf')) expect({ name, formatted: await format(content) }).toEqual({ name, formatted: content });
      expect(content.includes('\r')).toBe(false);
      expect(content.endsWith('\n') && !content.endsWith('\n\n')).toBe(true);
    }
  });

  test('generation is deterministic', async () => {
    const again = await prepare({ specsDir: path.join(REPO, 'specs'), outDir: path.join(dir, 'modules-k8s') });
    expect(again.changes.every((c) => c.kind === 'unchanged')).toBe(true);
  });
});
