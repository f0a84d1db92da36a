import { checkTable, runTestCase, testRule, type RuleTests } from '../../support/rule-tester';
import { describedVariableRule, noNullRule } from './fixtures';

// The tester used as rule authors use it: these rows run as tests of their own.
testRule(noNullRule, {
  valid: [
    { name: 'no null_resource', code: 'resource "terraform_data" "a" {}\n' },
    { name: 'allowed by an option', code: 'resource "null_resource" "keep" {}\n', options: { allow: ['keep'] } },
    { name: 'suppressed with a reason', code: '# gen-modules:ignore test/no-null -- fixture\nresource "null_resource" "a" {}\n' },
  ],
  invalid: [
    {
      name: 'one null_resource',
      code: 'locals {}\nresource "null_resource" "a" {}\n',
      expected: [{ messageId: 'found', line: 2, column: 1 }],
    },
    {
      name: 'several files, pinned message and end',
      files: { 'a.tf': 'resource "null_resource" "a" {}\n', 'b.tf': '\n  resource "null_resource" "b" {}\n' },
      expected: [
        { messageId: 'found', file: 'b.tf', line: 2, column: 3, endLine: 2, endColumn: 31, message: 'Remove null_resource "b"' },
        { messageId: 'found', file: 'a.tf', line: 1, column: 1, endLine: 1, endColumn: 29, message: 'Remove null_resource "a"' },
      ],
    },
    {
      name: 'a different constitution does not change this rule',
      code: 'resource "null_resource" "a" {}\n',
      constitution: { persistentClass: 'ceph' },
      expected: [{ messageId: 'found', line: 1, column: 1 }],
    },
  ],
});

describe('the tester refuses tables that cannot mean what they say', () => {
  const refuse = (tests: RuleTests) => () => testRule(noNullRule, tests);

  test('duplicate names', () => {
    expect(
      refuse({
        valid: [{ name: 'a', code: 'locals {}\n' }],
        invalid: [{ name: 'a', code: 'x', expected: [{ messageId: 'found', line: 1, column: 1 }] }],
      }),
    ).toThrow('duplicate test case name "a"');
  });

  test('identical inputs, also when one uses code and the other files', () => {
    expect(
      refuse({
        valid: [
          { name: 'a', code: 'locals {}\n' },
          { name: 'b', files: { 'main.tf': 'locals {}\n' } },
        ],
        invalid: [],
      }),
    ).toThrow('test cases "a" and "b" have the same input');
  });

  test('the same code with different options is a different input', () => {
    expect(() =>
      checkTable({
        valid: [
          { name: 'a', code: 'locals {}\n' },
          { name: 'b', code: 'locals {}\n', options: { allow: ['x'] } },
        ],
        invalid: [],
      }),
    ).not.toThrow();
  });

  test('an invalid case without expected findings, a valid case with some, code and files together', () => {
    expect(refuse({ valid: [], invalid: [{ name: 'a', code: 'x' }] })).toThrow('invalid test case "a" lists no expected findings');
    expect(refuse({ valid: [{ name: 'a', code: 'x', expected: [{ messageId: 'found', line: 1, column: 1 }] }], invalid: [] })).toThrow(
      'valid test case "a" lists expected findings',
    );
    expect(refuse({ valid: [{ name: 'a', code: 'x', files: {} }], invalid: [] })).toThrow('give exactly one of "code" and "files"');
  });
});

describe('a row fails when the findings differ', () => {
  test('a valid row with a finding', async () => {
    await expect(runTestCase(noNullRule, { name: 'v', code: 'resource "null_resource" "a" {}\n' }, 'valid')).rejects.toThrow(
      /test\/no-null/,
    );
  });

  test('an invalid row whose finding does not come', async () => {
    await expect(
      runTestCase(noNullRule, { name: 'i', code: 'locals {}\n', expected: [{ messageId: 'found', line: 1, column: 1 }] }, 'invalid'),
    ).rejects.toThrow();
  });

  test('an invalid row with the wrong line, column or messageId', async () => {
    const code = 'resource "null_resource" "a" {}\n';
    for (const wrong of [
      { messageId: 'found', line: 2, column: 1 },
      { messageId: 'found', line: 1, column: 2 },
      { messageId: 'other', line: 1, column: 1 },
    ]) {
      await expect(runTestCase(noNullRule, { name: 'i', code, expected: [wrong] }, 'invalid')).rejects.toThrow();
    }
  });

  test('an invalid row that expects fewer findings than come', async () => {
    const code = 'resource "null_resource" "a" {}\nresource "null_resource" "b" {}\n';
    await expect(
      runTestCase(noNullRule, { name: 'i', code, expected: [{ messageId: 'found', line: 1, column: 1 }] }, 'invalid'),
    ).rejects.toThrow();
  });

  test('a row whose HCL does not parse', async () => {
    await expect(runTestCase(describedVariableRule, { name: 'p', code: 'variable "x" {\n' }, 'valid')).rejects.toThrow(
      'test case "p" does not parse',
    );
  });

  test('a row with options the rule rejects', async () => {
    await expect(runTestCase(noNullRule, { name: 'o', code: 'locals {}\n', options: { allow: 'x' } }, 'valid')).rejects.toThrow(
      'test case "o": rules.test/no-null.options.allow: expected array, received "x"',
    );
  });

  test('the rule runs at the severity the configuration resolves', async () => {
    await expect(
      runTestCase(
        describedVariableRule,
        { name: 'w', code: 'variable "x" {}\n', expected: [{ messageId: 'missing', line: 1, column: 1 }] },
        'invalid',
      ),
    ).resolves.toBeUndefined();
  });
});
