import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createRule } from '../../../src/lint/rule';
import { analyseModules, exitCodeFor, lintModules, lintPaths } from '../../../src/lint/engine';
import { loadSources, moduleInstances } from '../../../src/terraform/load';
import type { TreeFact } from '../../../src/terraform/tree';
import type { Finding } from '../../../src/lint/types';
import type { GenModulesConfig } from '../../../src/lint/config';
import { config } from './fixtures';
import { makeTree } from './tmpdir';

function brief(findings: Finding[], root: string): string[] {
  return findings.map((f) => `${path.relative(root, f.range.file)}:${f.range.line}:${f.range.column} ${f.severity} ${f.ruleId}`);
}

async function lintTree(files: Record<string, string>, paths: string[], input: GenModulesConfig = {}) {
  const root = makeTree(files);
  const result = await lintPaths({ paths, cwd: root, config: config(input) });
  return { root, result, lines: brief(result.findings, root) };
}

describe('lintPaths', () => {
  test('a file that does not parse is a parse-error finding at its line; the other files are still linted', async () => {
    const { lines, result } = await lintTree(
      {
        'mods/a/main.tf': 'resource "null_resource" "a" {\n  x = \n}\n',
        'mods/a/other.tf': 'resource "null_resource" "b" {}\n',
        'mods/b/main.tf': 'resource "null_resource" "c" {}\n',
      },
      ['mods'],
    );
    expect(lines).toContain('mods/a/main.tf:2:3 error hcl/parse-error');
    expect(lines).toContain('mods/a/other.tf:1:1 error test/no-null');
    expect(lines).toContain('mods/b/main.tf:1:1 error test/no-null');
    expect(exitCodeFor(result.findings)).toBe(2);
  });

  test('a file on disk that is not UTF-8 is a parse-error finding at the offending byte', async () => {
    const root = makeTree({ 'm/other.tf': 'resource "null_resource" "b" {}\n' });
    // Saved as Latin-1 by an editor: "é" is the single byte 0xE9.
    writeFileSync(path.join(root, 'm/main.tf'), Buffer.from('locals {\n  # caf\xe9 menu\n  a = 1\n}\n', 'latin1'));
    const result = await lintPaths({ paths: ['m'], cwd: root, config: config({}) });
    expect(brief(result.findings, root)).toEqual(['m/main.tf:2:8 error hcl/parse-error', 'm/other.tf:1:1 error test/no-null']);
    expect(result.findings[0]!.message).toMatch(/^invalid character encoding: byte 0xE9 is not UTF-8/);
  });

  test('given files, findings are reported for those files only, with the rest of the folder as context', async () => {
    const { lines, result, root } = await lintTree(
      {
        'm/main.tf': 'resource "null_resource" "a" {}\n',
        'm/variables.tf': 'variable "v" {}\n',
        'n/main.tf': 'resource "null_resource" "z" {}\n',
      },
      ['m/variables.tf'],
    );
    expect(lines).toEqual(['m/variables.tf:1:1 warning test/described-variable']);
    expect(result.files).toEqual([path.join(root, 'm/variables.tf')]);
  });

  test('severity overrides and rules that are off', async () => {
    const files = { 'main.tf': 'resource "null_resource" "a" {}\nvariable "v" {}\n' };
    expect((await lintTree(files, ['.'], { rules: { 'test/no-null': 'info' } })).lines).toEqual([
      'main.tf:1:1 info test/no-null',
      'main.tf:2:1 warning test/described-variable',
    ]);
    expect((await lintTree(files, ['.'], { rules: { 'test/described-variable': 'off' } })).lines).toEqual([
      'main.tf:1:1 error test/no-null',
    ]);
  });

  test('rule options from the configuration reach the rule', async () => {
    const files = { 'main.tf': 'resource "null_resource" "a" {}\nresource "null_resource" "b" {}\n' };
    expect((await lintTree(files, ['.'], { rules: { 'test/no-null': { options: { allow: ['a'] } } } })).lines).toEqual([
      'main.tf:2:1 error test/no-null',
    ]);
  });

  test('a missing path is a user error', async () => {
    await expect(lintTree({}, ['nowhere'])).rejects.toThrow('no such file or directory');
  });
});

describe('module instances', () => {
  const tree = {
    'main.tf': 'module "one" {\n  source = "./mod"\n}\nmodule "two" {\n  source = "./mod"\n}\n',
    'mod/main.tf': 'resource "null_resource" "x" {}\n',
  };

  test('the same finding from several instances of a module is reported once', async () => {
    const modules = await loadSources(tree, '/virtual/dedupe');
    const raw = [...analyseModules(modules, config()).values()].flatMap((r) => r.findings);
    expect(raw.filter((f) => f.ruleId === 'test/no-null')).toHaveLength(2);
    expect(brief(lintModules(modules, config()), '/virtual/dedupe')).toEqual(['mod/main.tf:1:1 error test/no-null']);
  });

  test('analyseModules records the folders of the callers an instance was evaluated with', async () => {
    const results = analyseModules(await loadSources(tree, '/virtual/deps'), config());
    expect(results.get('/virtual/deps/mod')?.deps).toEqual(['/virtual/deps']);
    expect(results.get('/virtual/deps')?.deps).toEqual([]);
  });
});

describe('rules that compare modules across the tree', () => {
  /** The names of every null_resource of the tree, gathered module by module. */
  const NULL_NAMES: TreeFact<Set<string>> = {
    gather() {
      const names = new Set<string>();
      return { add: (module) => module.resourcesOf('null_resource').forEach((r) => names.add(r.name)), result: () => names };
    },
  };
  /** Reports a variable named like a null_resource of another module of a complete tree. */
  const shadowRule = createRule({
    id: 'test/shadow',
    defaultSeverity: 'warning',
    summary: 's',
    messages: { shadow: 'variable "{{name}}" is named like a null_resource' },
    scope: 'tree',
    facts: [NULL_NAMES],
    check({ module, report, onTree }) {
      const variables = module.variables.map((v) => ({ name: v.name, range: v.block.headerRange }));
      onTree((tree) => {
        if (!tree.complete) return;
        const names = tree.fact(NULL_NAMES);
        for (const v of variables) if (names.has(v.name)) report({ messageId: 'shadow', data: { name: v.name }, range: v.range });
      });
    },
  });
  const files = {
    'a/main.tf': 'variable "db" {\n  description = "d"\n}\n',
    'b/main.tf': 'resource "null_resource" "db" {}\n',
  };

  test('judge once every module has been seen, with facts gathered from all of them, reporting on their own module', async () => {
    const root = makeTree({ ...files, '.git/HEAD': 'ref: refs/heads/main\n' });
    const result = await lintPaths({ paths: ['.'], cwd: root, config: config({}, [shadowRule]) });
    expect(brief(result.findings, root)).toEqual(['a/main.tf:1:1 warning test/shadow']);
  });

  test('are judged against a tree that is not complete when the run is not the whole repository', async () => {
    const root = makeTree(files);
    const result = await lintPaths({ paths: ['.'], cwd: root, config: config({}, [shadowRule]) });
    expect(result.findings).toEqual([]);
  });

  test('take the module instances one at a time, as the loader yields them', () => {
    const absolute = new Map(Object.entries(files).map(([name, text]) => [path.join('/virtual/stream', name), text]));
    const seen: string[] = [];
    const instances = function* () {
      for (const module of moduleInstances(absolute)) {
        seen.push(path.basename(module.dir));
        yield module;
      }
    };
    const results = analyseModules(instances(), config({}, [shadowRule]), true);
    expect(seen).toEqual(['a', 'b']);
    expect(results.get('/virtual/stream/a')?.findings.map((f) => f.ruleId)).toEqual(['test/shadow']);
  });

  test('a rule of scope module that waits for the tree, or a tree rule that reads an undeclared fact, is a rule bug', async () => {
    const modules = await loadSources(files, '/virtual/scope');
    const moduleScoped = createRule({ ...shadowRule, id: 'test/module-scoped', scope: 'module' });
    expect(() => lintModules(modules, config({}, [moduleScoped]), true)).toThrow(
      'rule test/module-scoped failed on module /virtual/scope/a: rule test/module-scoped waits for the tree; declare scope "tree"',
    );
    const undeclared = createRule({ ...shadowRule, id: 'test/undeclared', facts: [] });
    expect(() => lintModules(modules, config({}, [undeclared]), true)).toThrow(
      'rule test/undeclared failed on module /virtual/scope/a: a tree fact was read that no rule of scope "tree" declared in its `facts`',
    );
  });
});

describe('rule failures', () => {
  test('a rule that throws is reported with its id and module', async () => {
    const broken = createRule({
      id: 'test/broken',
      defaultSeverity: 'error',
      summary: 's',
      messages: { m: 'm' },
      check: () => {
        throw new Error('boom');
      },
    });
    const modules = await loadSources({ 'main.tf': 'locals {}\n' }, '/virtual/broken');
    expect(() => lintModules(modules, config({}, [broken]))).toThrow('rule test/broken failed on module /virtual/broken: boom');
  });

  test('a report with an unknown message id is a rule bug', async () => {
    const wrong = createRule({
      id: 'test/wrong',
      defaultSeverity: 'error',
      summary: 's',
      messages: { m: 'm' },
      check: ({ module, report }) => {
        // @ts-expect-error an unknown message id is a compile error; the engine still guards rules built without types
        report({ messageId: 'nope', range: module.blocks[0]!.range });
      },
    });
    const modules = await loadSources({ 'main.tf': 'locals {}\n' }, '/virtual/wrong');
    expect(() => lintModules(modules, config({}, [wrong]))).toThrow('rule test/wrong reported unknown messageId "nope"');
  });
});

describe('exitCodeFor', () => {
  const finding = (ruleId: string, severity: Finding['severity']): Finding => ({
    ruleId,
    severity,
    message: 'm',
    range: { file: '/f', line: 1, column: 1, endLine: 1, endColumn: 2 },
  });

  test('0 when clean or only warnings and info', () => {
    expect(exitCodeFor([])).toBe(0);
    expect(exitCodeFor([finding('a/b', 'warning'), finding('a/c', 'info')])).toBe(0);
  });

  test('1 for an error finding', () => {
    expect(exitCodeFor([finding('a/b', 'error'), finding('a/c', 'warning')])).toBe(1);
  });

  test('1 when warnings exceed --max-warnings, 0 at the limit', () => {
    const warnings = [finding('a/b', 'warning'), finding('a/c', 'warning')];
    expect(exitCodeFor(warnings, { maxWarnings: 2 })).toBe(0);
    expect(exitCodeFor(warnings, { maxWarnings: 1 })).toBe(1);
    expect(exitCodeFor(warnings, { maxWarnings: 0 })).toBe(1);
  });

  test('2 for a parse error, whatever else', () => {
    expect(exitCodeFor([finding('a/b', 'error'), finding('hcl/parse-error', 'error')])).toBe(2);
  });
});
