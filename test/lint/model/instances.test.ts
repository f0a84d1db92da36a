import * as path from 'node:path';
import * as parser from '../../../src/hcl/parser';
import { buildModules, moduleInstances } from '../../../src/terraform/load';

jest.mock('../../../src/hcl/parser', () => {
  const actual = jest.requireActual<typeof import('../../../src/hcl/parser')>('../../../src/hcl/parser');
  return { ...actual, parseFileSync: jest.fn(actual.parseFileSync) };
});

const parseFileSync = parser.parseFileSync as jest.MockedFunction<typeof parser.parseFileSync>;
const ROOT = '/virtual/instances';

function files(relative: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(relative).map(([name, text]) => [path.join(ROOT, name), text]));
}

/** Folders (relative to the root) of the files parsed so far. */
function parsedFolders(): string[] {
  return parseFileSync.mock.calls.map(([file]) => path.relative(ROOT, path.dirname(file)));
}

beforeEach(() => parseFileSync.mockClear());

describe('moduleInstances', () => {
  test('builds each folder when its instance is asked for, not before', () => {
    const instances = moduleInstances(files({ 'a/main.tf': 'locals {}\n', 'b/main.tf': 'locals {}\n', 'c/main.tf': 'locals {}\n' }));
    expect(parsedFolders()).toEqual([]);
    const first = instances.next();
    expect(first.done ? undefined : path.relative(ROOT, first.value.dir)).toBe('a');
    expect(parsedFolders()).toEqual(['a']);
    expect([...instances].map((module) => path.relative(ROOT, module.dir))).toEqual(['b', 'c']);
    expect(parsedFolders()).toEqual(['a', 'b', 'c']);
  });

  test('a folder called twice is parsed once and its instances share its files; only files that may call a module are read ahead', () => {
    const tree = files({
      'main.tf': 'module "one" {\n  source = "./mod"\n}\n# a module "comment"\nmodule "two" {\n  source = "./mod"\n}\n',
      'mod/main.tf': 'resource "null_resource" "x" {}\n',
      'mod/notes.tf': '# see module.one\nlocals {}\n',
    });
    const instances = [...moduleInstances(tree)];
    expect(instances.map((module) => [path.relative(ROOT, module.dir), module.caller?.call.name])).toEqual([
      ['', undefined],
      ['mod', 'one'],
      ['mod', 'two'],
    ]);
    expect(instances[1]!.files[0]).toBe(instances[2]!.files[0]);
    // The calling file once, read ahead to learn the calls and kept for its instance; each file of the called folder once.
    expect(parsedFolders().sort()).toEqual(['', 'mod', 'mod']);
  });

  test('a module block after a block comment on its line is still found', async () => {
    const tree = files({ 'main.tf': '/* web */ module "web" {\n  source = "./web"\n}\n', 'web/main.tf': 'locals {}\n' });
    const modules = await buildModules(tree);
    expect(modules.map((module) => [path.relative(ROOT, module.dir), module.caller?.call.name])).toEqual([
      ['', undefined],
      ['web', 'web'],
    ]);
  });

  test('the lines of a file are split on first use', () => {
    const [module] = [...moduleInstances(files({ 'main.tf': 'locals {}\r\n# x\n' }))];
    expect(module!.files[0]!.lines).toEqual(['locals {}', '# x']);
    expect(module!.files[0]!.lines).toBe(module!.files[0]!.lines);
  });
});
