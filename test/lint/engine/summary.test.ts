import * as configModule from '../../../src/lint/config';
import { runLint } from '../../../src/commands/lint-run';
import type { LintArgs } from '../../../src/commands/lint-options';
import { makeTree, writeTree } from './tmpdir';

jest.mock('../../../src/lint/config', () => {
  const actual = jest.requireActual<typeof import('../../../src/lint/config')>('../../../src/lint/config');
  return { ...actual, loadConfig: jest.fn(actual.loadConfig) };
});
const loadConfig = configModule.loadConfig as jest.MockedFunction<typeof configModule.loadConfig>;

/**
 * An unchanged tree under `--cache` is answered from the last run's findings
 * before the configuration is even loaded; any change to a file, the config
 * file or a TypeScript file the config imports falls through to a real lint.
 */
const TREE = {
  'gen-modules.config.ts':
    "import { defineConfig } from 'gen-modules';\nimport { undocumented } from './severity';\n\nexport default defineConfig({ rules: { 'terraform/documented-variables': undocumented } });\n",
  'severity.ts': "export const undocumented = 'error' as const;\n",
  'modules/web/main.tf': 'variable "port" {\n  type = number\n}\n\noutput "port" {\n  description = "Port"\n  value       = var.port\n}\n',
};

const args = (): LintArgs => ({ paths: ['modules'], format: 'json', cache: true, 'cache-location': '.cache' });

async function lint(root: string): Promise<{ code: number; out: string }> {
  let out = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await runLint(args(), root), out };
  } finally {
    write.mockRestore();
  }
}

beforeEach(() => loadConfig.mockClear());

test('a second run over an unchanged tree and config does not load the configuration', async () => {
  const root = makeTree(TREE);
  const first = await lint(root);
  expect(first.code).toBe(1);
  expect((JSON.parse(first.out) as { errorCount: number }).errorCount).toBe(1);
  expect(loadConfig).toHaveBeenCalledTimes(1);
  loadConfig.mockClear();
  const second = await lint(root);
  expect(loadConfig).not.toHaveBeenCalled();
  expect(second).toEqual(first);
});

test('a change in a file the config imports is seen', async () => {
  const root = makeTree(TREE);
  await lint(root);
  writeTree(root, { 'severity.ts': "export const undocumented = 'off' as const;\n" });
  loadConfig.mockClear();
  const after = await lint(root);
  expect(loadConfig).toHaveBeenCalledTimes(1);
  expect(after.code).toBe(0);
  expect((JSON.parse(after.out) as { errorCount: number }).errorCount).toBe(0);
});

test('a change in a linted file is seen', async () => {
  const root = makeTree(TREE);
  await lint(root);
  writeTree(root, {
    'modules/web/main.tf':
      'variable "port" {\n  description = "Port"\n  type        = number\n}\n\noutput "port" {\n  description = "Port"\n  value       = var.port\n}\n',
  });
  loadConfig.mockClear();
  const after = await lint(root);
  expect(loadConfig).toHaveBeenCalledTimes(1);
  expect(after.code).toBe(0);
});
