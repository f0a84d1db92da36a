/**
 * The parser against the tree-sitter path it replaced: on every `.tf` file of the
 * repository and on generated HCL, both must produce the same syntax, ranges
 * included. Where tree-sitter reads HCL wrongly, the correct reading is asserted.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHcl } from '../../../src/hcl/parser';
import { parseFile } from '../../../src/hcl/parser';
import { type Expr, type FileSyntax } from '../../../src/hcl/syntax';
import { parseFileWithTreeSitter } from '../../support/treeSitterSyntax';
import { generateHclBody } from '../format/hclGenerator';

const REPO = path.join(__dirname, '../../..');

function tfFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tfFiles(full);
    return entry.name.endsWith('.tf') ? [full] : [];
  });
}

/** Files where tree-sitter is wrong; what is right is asserted below. */
const TREE_SITTER_WRONG = new Set([
  // `"$$${var.x}"` is `$` then the escape `$${`: no interpolation, as hcl2json reads it.
  'test/fixtures/fmt/escapes-dollar-percent.tf',
  // A comma opening a line inside an object is an error for hclsyntax.
  'test/fixtures/fmt/object-trailing-commas.tf',
  // `[ * ]` with blanks is a splat for hclsyntax.
  'test/fixtures/fmt/splats.tf',
  // A nested block inside a block written on one line is an error for hclsyntax ("Argument definition required").
  'test/fixtures/fmt/one-line-blocks.tf',
  // The grammar predates provider-defined functions (`provider::kubernetes::manifest_decode(...)`).
  'test/fixtures/fmt/provider-functions.tf',
]);

const INTEGER_EXPONENT = /(?<![\d.])\d+[eE][+-]?\d/;

/** Plain data: `undefined` properties dropped, as `toEqual` would. */
function plain(syntax: FileSyntax): unknown {
  return JSON.parse(JSON.stringify(syntax));
}

function expressionOf(syntax: FileSyntax, name: string): Expr {
  const attributes = [...syntax.body.attributes, ...syntax.body.blocks.flatMap((block) => block.body.attributes)];
  const attribute = attributes.find((candidate) => candidate.name === name);
  if (!attribute) throw new Error(`no attribute ${name}`);
  return attribute.expr;
}

describe('parseHcl against the tree-sitter path', () => {
  const files = [...tfFiles(path.join(REPO, 'test/fixtures')), ...tfFiles(path.join(REPO, 'out'))];

  test('the corpus is there', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  test.each(files.map((file) => [path.relative(REPO, file)]))('%s', async (relative) => {
    const text = fs.readFileSync(path.join(REPO, relative), 'utf8');
    const parsed = await parseFile(relative, text);
    if (TREE_SITTER_WRONG.has(relative)) return;
    const oracle = await parseFileWithTreeSitter(relative, text.replace(/\r\n/g, '\n'));
    expect(parsed.errors.length > 0).toBe(oracle.errors.length > 0);
    if (oracle.errors.length === 0) expect(plain(parsed)).toEqual(plain(oracle));
  });

  test('generated HCL parses without errors, and as tree-sitter reads it when tree-sitter can', async () => {
    const sources = fc.sample(fc.gen(), { numRuns: 300, seed: 7 }).map((g) => generateHclBody(g));
    let compared = 0;
    for (const source of sources) {
      const parsed = await parseFile('generated.tf', source);
      expect(parsed.errors).toEqual([]);
      // Tree-sitter misreads `1e3` (as `1` and a block named `e3`) and rejects some
      // valid HCL (`[ * ]`, a newline inside `[*]`): such samples are not compared.
      if (INTEGER_EXPONENT.test(source)) continue;
      const oracle = await parseFileWithTreeSitter('generated.tf', source.replace(/\r\n/g, '\n'));
      if (oracle.errors.length > 0) continue;
      compared++;
      expect(plain(parsed)).toEqual(plain(oracle));
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('where tree-sitter is wrong', () => {
  test('exponents without a fraction are numbers', () => {
    const syntax = parseHcl('f.tf', 'a = 1e3\nb = 2.5E-3\n');
    expect(syntax.errors).toEqual([]);
    expect(expressionOf(syntax, 'a')).toMatchObject({ t: 'literal', value: 1000 });
    expect(expressionOf(syntax, 'b')).toMatchObject({ t: 'literal', value: 0.0025 });
  });

  test('conditionals nest to the right', () => {
    const expr = expressionOf(parseHcl('f.tf', 'a = x ? 1 : y ? 2 : 3\n'), 'a');
    expect(expr).toMatchObject({
      t: 'conditional',
      cond: { t: 'variable', name: 'x' },
      then: { value: 1 },
      else: { t: 'conditional', cond: { name: 'y' } },
    });
  });

  test('a splat may have blanks inside its brackets', () => {
    const expr = expressionOf(parseHcl('f.tf', 'a = var.list[ * ].x . y\n'), 'a');
    expect(expr).toMatchObject({
      t: 'traversal',
      steps: [
        { t: 'attr', name: 'list' },
        { t: 'splat', steps: [{ name: 'x' }, { name: 'y' }] },
      ],
    });
  });

  test('`$$${` is a literal dollar and an escaped `${`', () => {
    expect(expressionOf(parseHcl('f.tf', 'a = "$$${var.x}"\n'), 'a')).toMatchObject({ t: 'literal', value: '$${var.x}' });
  });

  test('a comma cannot open an object item', () => {
    const syntax = parseHcl('f.tf', 'a = {\n  x = 1\n  , y = 2\n}\n');
    expect(syntax.errors).toMatchObject([{ message: 'expected an expression', range: { line: 3, column: 3 } }]);
  });
});
