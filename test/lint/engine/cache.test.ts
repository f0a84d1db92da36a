import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { formatters } from '../../../src/formatters';
import { lintPaths } from '../../../src/lint/engine';
import * as load from '../../../src/terraform/load';
import type { GenModulesConfig } from '../../../src/lint/config';
import { config } from './fixtures';
import { makeTree, writeTree } from './tmpdir';

jest.mock('../../../src/terraform/load', () => {
  const actual = jest.requireActual<typeof import('../../../src/terraform/load')>('../../../src/terraform/load');
  return { ...actual, moduleInstances: jest.fn(actual.moduleInstances) };
});

const moduleInstances = load.moduleInstances as jest.MockedFunction<typeof load.moduleInstances>;

const TREE = {
  'main.tf': 'module "web" {\n  source = "./modules/web"\n}\nmodule "db" {\n  source = "./modules/db"\n}\n',
  'modules/web/main.tf': 'resource "null_resource" "web" {}\nvariable "port" {}\n',
  'modules/db/main.tf': '# gen-modules:ignore test/no-null -- placeholder until the operator lands\nresource "null_resource" "db" {}\n',
  'modules/db/variables.tf': 'variable "size" {\n  description = "Size"\n}\n',
};

/** Lint the tree and render every format, as the CLI would print them. */
async function run(root: string, cacheLocation?: string, input: GenModulesConfig = {}): Promise<string> {
  const result = await lintPaths({ paths: ['.'], cwd: root, config: config(input), cacheLocation });
  const context = { cwd: root, color: false, rules: [], toolVersion: '1.0.0', files: result.files };
  return Object.values(formatters)
    .map((format) => format(result.findings, context))
    .join('\n----\n');
}

/** The files each build call parsed, relative to the root. */
function builtFiles(root: string): string[][] {
  return moduleInstances.mock.calls.map(([files]) => [...files.keys()].map((f) => path.relative(root, f)).sort());
}

beforeEach(() => moduleInstances.mockClear());

describe('lint cache', () => {
  test('a second run over unchanged files parses nothing and prints the same bytes as an uncached run', async () => {
    const root = makeTree(TREE);
    const uncached = await run(root);
    const first = await run(root, '.cache');
    expect(existsSync(path.join(root, '.cache', 'lint.json'))).toBe(true);
    moduleInstances.mockClear();
    const second = await run(root, '.cache');
    expect(moduleInstances).not.toHaveBeenCalled();
    expect(first).toBe(uncached);
    expect(second).toBe(uncached);
    expect(uncached).toContain('test/no-null');
  });

  test('after editing a module file, only that folder (with its caller) is re-linted and output matches an uncached run', async () => {
    const root = makeTree(TREE);
    await run(root, '.cache');
    writeTree(root, { 'modules/web/main.tf': '\n\nresource "null_resource" "web2" {}\nvariable "port" {\n  description = "Port"\n}\n' });
    moduleInstances.mockClear();
    const cached = await run(root, '.cache');
    expect(builtFiles(root)).toEqual([['main.tf', 'modules/web/main.tf']]);
    expect(cached).toBe(await run(root));
    expect(cached).toContain('web2');
  });

  test('editing a file that calls modules re-lints everything', async () => {
    const root = makeTree(TREE);
    await run(root, '.cache');
    writeTree(root, { 'main.tf': 'module "web" {\n  source = "./modules/web"\n}\n' });
    moduleInstances.mockClear();
    const cached = await run(root, '.cache');
    expect(builtFiles(root)).toEqual([Object.keys(TREE).sort()]);
    expect(cached).toBe(await run(root));
  });

  test('a new folder re-lints everything; a removed one too', async () => {
    const root = makeTree(TREE);
    await run(root, '.cache');
    writeTree(root, { 'modules/cache/main.tf': 'resource "null_resource" "c" {}\n' });
    moduleInstances.mockClear();
    expect(await run(root, '.cache')).toBe(await run(root));
    expect(builtFiles(root)[0]).toContain('modules/cache/main.tf');
    rmSync(path.join(root, 'modules/cache'), { recursive: true });
    const afterRemoval = await run(root, '.cache');
    expect(afterRemoval).toBe(await run(root));
    expect(afterRemoval).not.toContain('modules/cache');
  });

  test('a different configuration does not reuse findings', async () => {
    const root = makeTree(TREE);
    await run(root, '.cache');
    moduleInstances.mockClear();
    const relaxed = await run(root, '.cache', { rules: { 'test/no-null': 'off' } });
    expect(moduleInstances).toHaveBeenCalledTimes(1);
    expect(relaxed).toBe(await run(root, undefined, { rules: { 'test/no-null': 'off' } }));
  });

  test('a damaged cache file is a miss, not a failure', async () => {
    const root = makeTree(TREE);
    await run(root, '.cache');
    writeFileSync(path.join(root, '.cache', 'lint.json'), '{"key": ');
    moduleInstances.mockClear();
    expect(await run(root, '.cache')).toBe(await run(root));
    expect(JSON.parse(readFileSync(path.join(root, '.cache', 'lint.json'), 'utf8'))).toHaveProperty('dirs');
  });
});
