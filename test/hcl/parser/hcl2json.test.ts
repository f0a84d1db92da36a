/**
 * Every literal the parser reads (strings, heredocs, numbers, booleans, null, and
 * tuples and objects of them) is what hcl2json, built on hclsyntax, reads. In
 * hcl2json's JSON form `${` and `%{` in a literal string stay escaped as `$${` and `%%{`.
 */
import { parse } from '@cdktf/hcl2json';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseHcl } from '../../../src/hcl/parser';
import type { BlockSyntax, BodySyntax, Expr } from '../../../src/hcl/syntax';

const REPO = path.join(__dirname, '../../..');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function tfFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tfFiles(full);
    return entry.name.endsWith('.tf') ? [full] : [];
  });
}

/** The value of an expression made of literals only, in hcl2json's form; `undefined` for anything else. */
function literalJson(expr: Expr): Json | undefined {
  switch (expr.t) {
    case 'literal':
      return typeof expr.value === 'string' ? expr.value.replace(/([$%])\{/g, '$1$1{') : expr.value;
    case 'unary':
      return expr.op === '-' && expr.operand.t === 'literal' && typeof expr.operand.value === 'number' ? -expr.operand.value : undefined;
    case 'tuple': {
      const items = expr.items.map(literalJson);
      return items.includes(undefined) ? undefined : (items as Json[]);
    }
    case 'object': {
      const out: Record<string, Json> = {};
      for (const { key, value } of expr.entries) {
        const inner = literalJson(value);
        if (key.t !== 'literal' || typeof key.value !== 'string' || inner === undefined) return undefined;
        out[key.value] = inner;
      }
      return out;
    }
    default:
      return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

interface Comparison {
  where: string;
  parsed: Json;
  hcl2json: unknown;
}

/** Pairs each literal attribute of `body` with hcl2json's value at the same place. */
function compare(body: BodySyntax, json: Record<string, unknown>, where: string, out: Comparison[]): void {
  for (const attribute of body.attributes) {
    const parsed = literalJson(attribute.expr);
    if (parsed !== undefined) out.push({ where: `${where}.${attribute.name}`, parsed, hcl2json: json[attribute.name] });
  }
  const seen = new Map<string, number>();
  for (const block of body.blocks) {
    const key = [block.type, ...block.labels].join('/');
    const index = seen.get(key) ?? 0;
    seen.set(key, index + 1);
    compare(block.body, blockJson(json, block, index), `${where} ${key}`, out);
  }
}

function blockJson(container: Record<string, unknown>, block: BlockSyntax, index: number): Record<string, unknown> {
  let node: unknown = container;
  for (const part of [block.type, ...block.labels]) node = asRecord(node)[part];
  return Array.isArray(node) ? asRecord(node[index]) : {};
}

test('literals read as hcl2json reads them', async () => {
  const files = [...tfFiles(path.join(REPO, 'test/fixtures/hcl')), ...tfFiles(path.join(REPO, 'out'))];
  const comparisons: Comparison[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const syntax = parseHcl(file, text);
    expect(syntax.errors).toEqual([]);
    compare(syntax.body, asRecord(await parse(file, text)), path.relative(REPO, file), comparisons);
  }
  expect(comparisons.length).toBeGreaterThan(300);
  // Key order aside: hcl2json sorts object keys.
  expect(comparisons.filter((comparison) => !isDeepStrictEqual(comparison.parsed, comparison.hcl2json))).toEqual([]);
});

test('tricky literals read as hcl2json reads them', async () => {
  const text = [
    'locals {',
    '  exp     = 1e3',
    '  neg     = -2.5E-3',
    '  escapes = "say \\"hi\\" \\\\ \\n \\t \\u00e9 \\U0001F600"',
    '  dollars = "$${1} %%{x} $5 50% $$${y}"',
    '  heredoc = <<EOT',
    '  two',
    '    spaced $${kept}',
    'EOT',
    '  flush = <<-EOT',
    '    a',
    '',
    '      b',
    '    EOT',
    '  nested  = { "k" = [true, false, null], k2 = { deep = "x" } }',
    '}',
    '',
  ].join('\n');
  const comparisons: Comparison[] = [];
  compare(parseHcl('t.tf', text).body, asRecord(await parse('t.tf', text)), 't.tf', comparisons);
  expect(comparisons.map((comparison) => comparison.where)).toEqual([
    't.tf locals.exp',
    't.tf locals.neg',
    't.tf locals.escapes',
    't.tf locals.dollars',
    't.tf locals.heredoc',
    't.tf locals.flush',
    't.tf locals.nested',
  ]);
  for (const comparison of comparisons) expect(comparison.parsed).toEqual(comparison.hcl2json);
});
