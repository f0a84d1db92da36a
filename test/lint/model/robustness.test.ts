import * as path from 'node:path';
import { buildModules, discoverFiles } from '../../../src/terraform/load';
import type { Block, TfModule } from '../../../src/terraform/types';
import { loadSources } from '../../../src/terraform/load';
import { ROOT } from './helpers';

const CONSTRUCTS = path.join(__dirname, '../../fixtures/hcl/constructs');

function allBlocks(blocks: Block[]): Block[] {
  return blocks.flatMap((block) => [block, ...allBlocks(block.blocks)]);
}

async function constructsModule(): Promise<TfModule> {
  const { files } = await discoverFiles([CONSTRUCTS], process.cwd());
  const modules = await buildModules(files);
  expect(modules).toHaveLength(1);
  return modules[0]!;
}

describe('valid Terraform of every kind', () => {
  test('loads without parse errors', async () => {
    const module = await constructsModule();
    expect(module.parseErrors).toEqual([]);
    expect(module.files.map((file) => path.basename(file.path))).toEqual(['main.tf', 'other.tf']);
    expect(module.blocks.map((block) => block.type)).toEqual([
      'terraform',
      'locals',
      'variable',
      'resource',
      'resource',
      'data',
      'moved',
      'import',
      'check',
      'module',
      'output',
    ]);
  });

  test('nested constructs are modelled', async () => {
    const module = await constructsModule();
    const types = allBlocks(module.blocks).map((block) => block.type);
    expect(types).toEqual(expect.arrayContaining(['validation', 'provisioner', 'lifecycle', 'precondition', 'ingress', 'data', 'assert']));
    const web = module.resource('aws_instance.web')!;
    expect(web.repeated).toBe(true);
    expect(web.block.blocks.find((block) => block.type === 'provisioner')?.labels).toEqual(['local-exec']);
    const ingress = module.resource('aws_security_group.web')!.block.blocks[0]!;
    expect(ingress).toMatchObject({ type: 'ingress', dynamic: true });
    expect(Object.keys(ingress.attributes)).toEqual(['from_port', 'to_port', 'protocol']);
  });

  test('every attribute evaluates without throwing, and the supported ones to known values', async () => {
    const module = await constructsModule();
    for (const block of allBlocks(module.blocks))
      for (const attribute of Object.values(block.attributes)) expect(() => attribute.value()).not.toThrow();
    const local = (name: string): unknown => module.locals.find((candidate) => candidate.name === name)?.attribute.value();
    expect(local('text')).toMatchObject({ kind: 'string', value: 'Hello a!\n- a\n- b\n- c\nenabled\n' });
    expect(local('indented')).toMatchObject({ kind: 'string', value: 'indented a\n  more\n' });
    expect(local('by_name')).toMatchObject({ kind: 'object', entries: [{ key: 'a' }, { key: 'c' }] });
    expect(local('nested')).toMatchObject({ kind: 'number', value: 2.25 + 1 });
    expect(local('compare')).toMatchObject({ kind: 'bool', value: true });
    expect(local('splatted')).toMatchObject({ kind: 'unknown', ref: 'aws_instance.web' });
  });
});

describe('bad HCL', () => {
  const GOOD = 'resource "kubernetes_service_v1" "ok" {\n  metadata {\n    name = "ok"\n  }\n}\n';

  test('a syntax error is reported at its line and the other files still load', async () => {
    const bad = 'locals {\n  a = "fine"\n  b = = 2\n}\n\nresource "kubernetes_config_map_v1" "after" {\n  data = { k = "v" }\n}\n';
    const [module] = await loadSources({ 'good.tf': GOOD, 'bad.tf': bad }, ROOT);
    expect(module!.parseErrors).toHaveLength(1);
    expect(module!.parseErrors[0]).toMatchObject({ file: path.join(ROOT, 'bad.tf'), range: { line: 3 } });
    expect(module!.parseErrors[0]!.message).toBe('expected an expression');
    expect(module!.resource('kubernetes_service_v1.ok')).toBeDefined();
    // What follows the error in the same file is still there.
    expect(module!.resource('kubernetes_config_map_v1.after')).toBeDefined();
    expect(module!.locals.find((local) => local.name === 'a')?.attribute.value()).toMatchObject({ kind: 'string', value: 'fine' });
  });

  test('a missing closing brace is reported', async () => {
    const [module] = await loadSources({ 'main.tf': 'locals {\n  a = 1\n' }, ROOT);
    expect(module!.parseErrors.length).toBeGreaterThan(0);
    expect(module!.parseErrors.map((error) => error.message).join(' ')).toMatch(/missing "}"|unexpected/);
  });

  test('an unterminated string is reported at the line it starts', async () => {
    const [module] = await loadSources({ 'main.tf': 'locals {\n  a = "no end\n  b = 2\n}\n\nvariable "v" {\n  default = 1\n}\n' }, ROOT);
    expect(module!.parseErrors.length).toBeGreaterThan(0);
    expect(module!.parseErrors[0]).toMatchObject({ message: expect.stringMatching(/unterminated string/), range: { line: 2, column: 7 } });
  });

  test('garbage does not throw', async () => {
    const [module] = await loadSources({ 'main.tf': '}}}{{{ = = "\n<<EOF\n%{ if }\n${' }, ROOT);
    expect(module!.parseErrors.length).toBeGreaterThan(0);
    for (const block of allBlocks(module!.blocks))
      for (const attribute of Object.values(block.attributes)) expect(() => attribute.value()).not.toThrow();
  });
});
