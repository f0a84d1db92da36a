import { UserError } from '../../../src/errors';
import { defineConfig, loadConfig } from '../../../src/lint/config';
import { suggestion } from '../../../src/util/suggest';
import { defaultConstitution } from '../../../src/lint/constitution';
import { config, noNullRule, testRules } from './fixtures';
import { makeTree } from './tmpdir';

function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

describe('built-in configuration', () => {
  test('is the default constitution and every rule at its default severity', () => {
    const resolved = loadConfig({ cwd: makeTree({}), rules: testRules });
    expect(resolved.file).toBeNull();
    expect(resolved.constitution).toEqual(defaultConstitution);
    expect(resolved.settings.get('test/no-null')).toEqual({ severity: 'error', ignorable: true, options: { allow: [], limit: 10 } });
    expect(resolved.settings.get('test/described-variable')?.severity).toBe('warning');
    expect(resolved.settings.get('suppression/unused')?.severity).toBe('warning');
    expect(resolved.active.map((a) => a.rule.id)).toEqual(['test/no-null', 'test/described-variable']);
  });
});

describe('merging', () => {
  test('a constitution key replaces the default key whole; the other keys keep their defaults', () => {
    const resolved = config({
      constitution: { persistentClass: 'ceph', storageClasses: { ceph: { bindingMode: 'Immediate', network: true, nfs: false } } },
    });
    expect(resolved.constitution.persistentClass).toBe('ceph');
    expect(Object.keys(resolved.constitution.storageClasses)).toEqual(['ceph']);
    expect(resolved.constitution.secretStore).toEqual(defaultConstitution.secretStore);
  });

  test('severity strings and objects override, "off" removes the rule from the run, options and ignorable are kept', () => {
    const resolved = config({
      rules: { 'test/no-null': { severity: 'warning', options: { allow: ['x'] }, ignorable: false }, 'test/described-variable': 'off' },
    });
    expect(resolved.active.map((a) => [a.rule.id, a.setting.severity])).toEqual([['test/no-null', 'warning']]);
    expect(resolved.settings.get('test/no-null')).toEqual({ severity: 'warning', ignorable: false, options: { allow: ['x'], limit: 10 } });
    expect(resolved.settings.get('test/described-variable')?.severity).toBe('off');
  });

  test('the hash changes with anything that changes findings, and only then', () => {
    expect(config({}).hash).toBe(config({}).hash);
    expect(config({ rules: { 'test/no-null': 'warning' } }).hash).not.toBe(config({}).hash);
    expect(config({ constitution: { glusterfsRoot: '/x' } }).hash).not.toBe(config({}).hash);
    expect(config({ rules: { 'test/no-null': { options: { allow: ['a'] } } } }).hash).not.toBe(config({}).hash);
  });

  test('defineConfig returns its argument', () => {
    const input = { rules: { 'test/no-null': 'off' as const } };
    expect(defineConfig(input)).toBe(input);
  });
});

describe('validation names the file and the field', () => {
  const resolve = (input: unknown) => errorOf(() => config(input as never));

  test('bad severity string and bad severity in an object', () => {
    expect(resolve({ rules: { 'test/no-null': 'warn' } })).toBe(
      'built-in configuration: rules.test/no-null: expected "off", "info", "warning", "error" or { severity, options, ignorable }, received "warn"',
    );
    expect(resolve({ rules: { 'test/no-null': { severity: 'fatal' } } })).toBe(
      'built-in configuration: rules.test/no-null.severity: expected one of "off", "info", "warning", "error", received "fatal"',
    );
  });

  test('rule options are validated by the rule schema', () => {
    expect(resolve({ rules: { 'test/no-null': { options: { limit: 'many', extra: true } } } })).toBe(
      [
        'built-in configuration: rules.test/no-null.options.limit: expected number, received "many"',
        'built-in configuration: rules.test/no-null.options.extra: unknown key',
      ].join('\n'),
    );
    expect(resolve({ rules: { 'test/described-variable': { options: { x: 1 } } } })).toBe(
      'built-in configuration: rules.test/described-variable.options.x: unknown key',
    );
  });

  test('constitution fields, before and after merging', () => {
    expect(resolve({ constitution: { persistentClass: 3 } })).toBe(
      'built-in configuration: constitution.persistentClass: expected string, received number 3',
    );
    expect(resolve({ constitution: { secretStore: { name: 'v' } } })).toBe(
      'built-in configuration: constitution.secretStore.kind: required, expected string',
    );
    expect(resolve({ constitution: { exceptions: [{ rule: 'a/b', workload: 'w', reason: '' }] } })).toBe(
      'built-in configuration: constitution.exceptions[0].reason: an exception needs a reason',
    );
    expect(resolve({ constitution: { colour: 'red' } })).toBe('built-in configuration: constitution.colour: unknown key');
  });

  test('unknown top-level key', () => {
    expect(resolve({ rule: {} })).toBe('built-in configuration: rule: unknown key');
  });

  test('an unknown rule id suggests the closest known id', () => {
    expect(resolve({ rules: { 'test/no-nul': 'off' } })).toBe(
      'built-in configuration: rules.test/no-nul: unknown rule id; did you mean "test/no-null"?',
    );
    expect(resolve({ rules: { 'other/no-null': 'off' } })).toBe(
      'built-in configuration: rules.other/no-null: unknown rule id; did you mean "test/no-null"?',
    );
    expect(resolve({ rules: { 'zzz/qqqqqqq': 'off' } })).toBe('built-in configuration: rules.zzz/qqqqqqq: unknown rule id');
  });

  test('the parse-error id cannot be configured, the suppression ids can', () => {
    expect(resolve({ rules: { 'hcl/parse-error': 'off' } })).toBe(
      'built-in configuration: rules.hcl/parse-error: cannot be configured; a file that does not parse cannot be linted',
    );
    expect(config({ rules: { 'suppression/unused': 'error' } }).settings.get('suppression/unused')?.severity).toBe('error');
  });

  test('suggestion() is empty when nothing is close', () => {
    expect(suggestion('abc', ['health/probes'])).toBe('');
    expect(suggestion('health/probe', ['health/probes', 'storage/class'])).toBe('; did you mean "health/probes"?');
  });
});

describe('loading config files', () => {
  const tsConfig = (severity: string) =>
    `import type { GenModulesConfig } from '${require.resolve('../../../src/lint/config').replace(/\.ts$/, '')}';\n` +
    `const config: GenModulesConfig = { rules: { 'test/no-null': '${severity}' } };\nexport default config;\n`;

  test('gen-modules.config.json in cwd', () => {
    const cwd = makeTree({ 'gen-modules.config.json': JSON.stringify({ rules: { 'test/no-null': 'info' } }) });
    const resolved = loadConfig({ cwd, rules: testRules });
    expect(resolved.file).toMatch(/gen-modules\.config\.json$/);
    expect(resolved.settings.get('test/no-null')?.severity).toBe('info');
  });

  test('gen-modules.config.ts in cwd, default export', () => {
    const cwd = makeTree({ 'gen-modules.config.ts': tsConfig('warning') });
    expect(loadConfig({ cwd, rules: testRules }).settings.get('test/no-null')?.severity).toBe('warning');
  });

  test('precedence: --config, else the one of .ts and .json present (both present is refused)', () => {
    const cwd = makeTree({
      'gen-modules.config.ts': tsConfig('warning'),
      'gen-modules.config.json': JSON.stringify({ rules: { 'test/no-null': 'info' } }),
      'custom.json': JSON.stringify({ rules: { 'test/no-null': 'off' } }),
    });
    expect(errorOf(() => loadConfig({ cwd, rules: testRules }))).toMatch(
      /^gen-modules\.config\.ts and gen-modules\.config\.json are both in \S+; keep one, or name it with --config$/,
    );
    expect(loadConfig({ cwd, configPath: 'custom.json', rules: testRules }).settings.get('test/no-null')?.severity).toBe('off');
    expect(loadConfig({ cwd, configPath: 'gen-modules.config.json', rules: testRules }).settings.get('test/no-null')?.severity).toBe(
      'info',
    );
  });

  test('errors name the config file', () => {
    const cwd = makeTree({ 'gen-modules.config.json': JSON.stringify({ rules: { 'test/no-null': { options: { limit: 0 } } } }) });
    expect(errorOf(() => loadConfig({ cwd, rules: [noNullRule] }))).toBe(
      'gen-modules.config.json: rules.test/no-null.options.limit: expected more than 0, received number 0',
    );
  });

  test('invalid JSON, a missing --config file, a .ts file without default export', () => {
    const cwd = makeTree({ 'gen-modules.config.json': '{ "rules": ', 'bare.ts': 'export const x = 1;\n' });
    expect(errorOf(() => loadConfig({ cwd, rules: testRules }))).toMatch(/^gen-modules\.config\.json: invalid JSON: /);
    expect(errorOf(() => loadConfig({ cwd, configPath: 'nope.json', rules: testRules }))).toBe('--config: nope.json: no such file');
    expect(errorOf(() => loadConfig({ cwd, configPath: 'bare.ts', rules: testRules }))).toMatch(/bare\.ts: no default export/);
  });
});
