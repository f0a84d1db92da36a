import type { Range } from '../../src/hcl/syntax';
import type { LVal } from '../../src/terraform/types';
import { mayMismatch, parseTypeExpr, typeProblems, typeText } from '../../src/schema/types';

const RANGE: Range = { file: '/m/main.tf', line: 1, column: 1, endLine: 9, endColumn: 1 };
const at = (line: number): Range => ({ file: RANGE.file, line, column: 3, endLine: line, endColumn: 9 });
const str = (value: string, line = 1): LVal => ({ kind: 'string', value, range: at(line) });
const num = (value: number, line = 1): LVal => ({ kind: 'number', value, range: at(line) });
const bool = (value: boolean, line = 1): LVal => ({ kind: 'bool', value, range: at(line) });
const list = (...items: LVal[]): LVal => ({ kind: 'tuple', items, range: at(1) });
const object = (entries: Record<string, LVal>): LVal => ({ kind: 'object', entries: Object.entries(entries).map(([key, value]) => ({ key, keyRange: value.range, value })), range: at(1) });

describe('parseTypeExpr', () => {
  test.each([
    ['string', 'string'],
    ['list(number)', 'list(number)'],
    ['set( string )', 'set(string)'],
    ['map(list(bool))', 'map(list(bool))'],
    ['tuple([string, number])', 'tuple([string, number])'],
    ['object({\n  host = string # the hostname\n  port = optional(number, 80)\n  tags = optional(map(string), { a = "b" })\n})', 'object({host = string, port = optional(number), tags = optional(map(string))})'],
    ['any', 'any'],
  ])('%s', (text, expected) => {
    const type = parseTypeExpr(text);
    expect(type && typeText(type)).toBe(expected);
  });

  test.each(['strin', 'list(string', 'map()', 'object({ a = })', 'string string', ''])('%j is not a type this reads', (text) => {
    expect(parseTypeExpr(text)).toBeUndefined();
  });
});

describe('typeProblems follows Terraform conversions', () => {
  const problems = (value: LVal, type: string) => typeProblems(value, parseTypeExpr(type)!, RANGE).map((p) => `${p.path || '.'} ${p.expected}: ${p.found}`);

  test('primitives', () => {
    expect(problems(num(1), 'string')).toEqual([]);
    expect(problems(bool(true), 'string')).toEqual([]);
    expect(problems(str('1.5e3'), 'number')).toEqual([]);
    expect(problems(str('false'), 'bool')).toEqual([]);
    expect(problems(str('ten'), 'number')).toEqual(['. number: the string "ten"']);
    expect(problems(num(1), 'bool')).toEqual(['. bool: the number 1']);
    expect(problems(bool(false), 'number')).toEqual(['. number: the bool false']);
    expect(problems(list(str('a')), 'string')).toEqual(['. string: a list']);
  });

  test('collections and objects, with the path of each problem', () => {
    expect(problems(list(num(1), str('x', 2)), 'list(number)')).toEqual(['[1] number: the string "x"']);
    expect(problems(str('a'), 'list(string)')).toEqual(['. list(string): the string "a"']);
    expect(problems(object({ a: str('1'), 'b.c': list() }), 'map(string)')).toEqual(['["b.c"] string: a list']);
    expect(problems(object({ host: num(1), extra: str('dropped') }), 'object({ host = string, port = optional(number) })')).toEqual([]);
    expect(problems(object({ port: str('http') }), 'object({ host = string, port = optional(number) })')).toEqual([
      '. object({host = string, port = optional(number)}): an object without "host"',
      '.port number: the string "http"',
    ]);
    expect(problems(list(str('a')), 'tuple([string, number])')).toEqual(['. tuple([string, number]): a list']);
  });

  test('unknowns, nulls and values from elsewhere are not judged', () => {
    expect(problems({ kind: 'unknown', range: at(1) }, 'number')).toEqual([]);
    expect(problems({ kind: 'null', range: at(1) }, 'number')).toEqual([]);
    const elsewhere: LVal = { kind: 'string', value: 'ten', range: { ...at(1), file: '/m/variables.tf' } };
    expect(problems(elsewhere, 'number')).toEqual([]);
  });
});

describe('mayMismatch: which expressions are worth evaluating', () => {
  const may = (text: string, type: string) => mayMismatch(text, parseTypeExpr(type)!);

  test('references, calls and conditionals are never judged', () => {
    expect(may('var.replicas', 'number')).toBe(false);
    expect(may('local.labels', 'map(string)')).toBe(false);
    expect(may('tonumber("x")', 'number')).toBe(false);
    expect(may('var.on ? 1 : 2', 'number')).toBe(false);
  });

  test('a string is only worth a look when a list or an object is written for it', () => {
    expect(may('"${var.x}"', 'string')).toBe(false);
    expect(may('8080', 'string')).toBe(false);
    expect(may('["a"]', 'string')).toBe(true);
    expect(may('{ a = 1 }', 'string')).toBe(true);
  });

  test('literals for other types are', () => {
    expect(may('"ten"', 'number')).toBe(true);
    expect(may('-1', 'bool')).toBe(true);
    expect(may('true', 'number')).toBe(true);
    expect(may('[for x in var.y : x]', 'list(number)')).toBe(true);
    expect(may('<<EOT\nx\nEOT', 'list(string)')).toBe(true);
    expect(may('"x"', 'any')).toBe(false);
  });
});

test('number and bool literals are not worth a look for their own type', () => {
  const may = (text: string, type: string) => mayMismatch(text, parseTypeExpr(type)!);
  expect(may('10', 'number')).toBe(false);
  expect(may('-1.5e3', 'number')).toBe(false);
  expect(may('"10"', 'number')).toBe(true);
  expect(may('true', 'bool')).toBe(false);
  expect(may('"yes"', 'bool')).toBe(true);
  expect(may('{ app = "web" }', 'map(string)')).toBe(true);
});
