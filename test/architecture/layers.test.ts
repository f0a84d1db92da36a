import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The layers of .dependency-cruiser.cjs hold: no import cycle, no arrow up
 * (hcl → terraform → lint → commands, spec-api → generate, formatters read lint
 * results only). The check runs dependency-cruiser as a developer would.
 */

const REPO = path.resolve(__dirname, '..', '..');
const CONFIG = path.join(REPO, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(REPO, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(cwd: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'err'], { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-modules-layers-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), '{ "compilerOptions": { "module": "node16", "moduleResolution": "node16" } }\n');
  return dir;
}

describe('layers', () => {
  test('the source tree has no cycle and no arrow up', () => {
    const { status, output } = cruise(REPO);
    if (status !== 0) throw new Error(output);
    expect(output).toMatch(/no dependency violations found/);
  });

  test('an arrow up and a cycle are caught', () => {
    const dir = tree({
      'src/hcl/parser.ts': "import { rule } from '../lint/rule';\nexport const parser = rule;\n",
      'src/lint/rule.ts': "import { parser } from '../hcl/parser';\nexport const rule = 1;\nexport const again = parser;\n",
    });
    try {
      const { status, output } = cruise(dir);
      expect(status).not.toBe(0);
      expect(output).toContain('hcl-knows-only-util');
      expect(output).toContain('no-circular');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
