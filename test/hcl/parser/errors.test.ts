/**
 * Broken HCL: the first error of each broken top-level block is reported at the
 * place that could not be read, what surrounds it is still read, and nothing throws.
 */
import fc from 'fast-check';
import { parseHcl } from '../../../src/hcl/parser';
import { parseFile } from '../../../src/hcl/parser';
import { decodeSource, invalidBytes } from '../../../src/hcl/source';

const AFTER = '\n\nresource "x" "after" {\n  ok = true\n}\n';

const UNTERMINATED_STRING = 'unterminated string: a quoted string must end on the line it starts';

/** Broken input → the error's message, line and column. */
const CASES: [string, string, string, number, number][] = [
  ['an operator where a value goes', 'locals {\n  a = "fine"\n  b = = 2\n}\n', 'expected an expression', 3, 7],
  ['a value missing at the end of the line', 'resource "null_resource" "a" {\n  x = \n}\n', 'expected an expression', 2, 3],
  ['an operand missing at the end of the line', 'locals {\n  a = 1 +\n}\n', 'expected an expression', 2, 9],
  ['a block never closed', 'locals {\n  a = 1\n', 'missing "}"', 3, 1],
  ['a tuple never closed', 'locals {\n  a = [1, 2\n}\n', 'missing "]"', 3, 1],
  ['a call never closed', 'locals {\n  a = f(1, 2\n}\n', 'missing ")"', 3, 1],
  ['parentheses never closed', 'locals {\n  a = (1\n}\n', 'missing ")"', 3, 1],
  ['a conditional without its else', 'locals {\n  a = x ? 2\n}\n', 'missing ":"', 2, 12],
  ['a for without its colon', 'locals {\n  a = [for x in y]\n}\n', 'missing ":"', 2, 18],
  ['an if directive never ended', 'locals {\n  a = "%{ if x }yes"\n}\n', 'missing "%{ endif }"', 2, 20],
  ['a string cut by the line end', 'locals {\n  a = "no end\n  b = 2\n}\n', UNTERMINATED_STRING, 2, 7],
  ['a string cut after a backslash', 'locals {\n  a = "x\\\n}\n', UNTERMINATED_STRING, 2, 7],
  ['an interpolation cut by the line end', 'locals {\n  a = "${"\n}\n', UNTERMINATED_STRING, 2, 10],
  ['a line that is neither attribute nor block', 'locals {\n  a b c\n}\n', 'unexpected "a b c"', 2, 3],
  ['two values on a line', 'a = 1\nb = 2 3\n', 'unexpected "3"', 2, 7],
  ['two object items on a line', 'locals {\n  a = {\n    b = 1 c = 2\n  }\n}\n', 'unexpected "c = 2"', 3, 11],
  ['a stray closing brace', '}\n', 'unexpected "}"', 1, 1],
  ['a dot with nothing after it', 'locals {\n  a = x.\n}\n', 'unexpected end of line', 2, 9],
  ['a character outside the language', 'locals {\n  a = 1 & 2\n}\n', 'unexpected "&"', 2, 9],
  ['an interpolated block label', 'resource "a" "${x}" {\n}\n', 'unexpected "${x}" {"', 1, 15],
  ['a block comment never closed', 'locals {\n  /* open\n}\n', 'unterminated block comment', 2, 3],
];

describe('parse errors', () => {
  test.each(CASES)('%s', (_name, text, message, line, column) => {
    const syntax = parseHcl('main.tf', text);
    expect(syntax.errors).toEqual([{ file: 'main.tf', message, range: expect.objectContaining({ file: 'main.tf', line, column }) }]);
  });

  test.each(CASES.filter(([name]) => name !== 'a block comment never closed'))(
    '%s: the block after it is still read',
    (_name, text, message, line) => {
      const syntax = parseHcl('main.tf', text + AFTER);
      // An unclosed block now ends where the next block starts.
      expect(syntax.errors).toMatchObject([{ message, range: { line: message === 'missing "}"' ? line + 1 : line } }]);
      expect(syntax.body.blocks.find((block) => block.labels[1] === 'after')?.body.attributes.map((attribute) => attribute.name)).toEqual([
        'ok',
      ]);
    },
  );

  test('what comes before an error in its block is still read', () => {
    const syntax = parseHcl('main.tf', 'locals {\n  a = "fine"\n  b = = 2\n  c = 3\n}\n');
    expect(syntax.body.blocks[0]!.body.attributes.map((attribute) => [attribute.name, attribute.expr.t])).toEqual([
      ['a', 'literal'],
      ['c', 'literal'],
    ]);
  });

  test('an unterminated heredoc is reported at its opener', () => {
    const syntax = parseHcl('main.tf', 'locals {\n  a = <<EOT\nhello\n}\n');
    expect(syntax.errors).toMatchObject([
      { message: 'unterminated heredoc: its closing marker is missing', range: { line: 2, column: 7 } },
    ]);
  });

  test('each broken top-level block gives its own error', () => {
    const syntax = parseHcl('main.tf', 'locals {\n  a = = 1\n}\n\nlocals {\n  b = [\n}\n\nlocals {\n  c = 3\n}\n');
    expect(syntax.errors.map((error) => error.range.line)).toEqual([2, 7]);
    expect(syntax.body.blocks.map((block) => block.body.attributes.map((attribute) => attribute.name))).toEqual([[], [], ['c']]);
  });

  test('deep nesting is an error, not a stack overflow', () => {
    const syntax = parseHcl('main.tf', `a = ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    expect(syntax.errors).toMatchObject([{ message: 'nested too deeply' }]);
  });

  test('garbage never throws', async () => {
    const pieces = [
      '{',
      '}',
      '[',
      ']',
      '(',
      ')',
      '"',
      '${',
      '%{',
      '~}',
      '<<EOT\n',
      '<<-X\n',
      'EOT\n',
      '\n',
      '\r\n',
      '\r',
      'a',
      '=',
      ':',
      '?',
      '.',
      '*',
      ',',
      '...',
      '=>',
      'for',
      'in',
      'if',
      'endif',
      '#',
      '/*',
      '*/',
      '\\',
      '1e',
      '-',
      '!',
      '&',
      '|',
      '@',
      'é',
      '\ufeff',
      ' ',
    ];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), async (parts) => {
        const syntax = await parseFile('main.tf', parts.join(''));
        expect(Array.isArray(syntax.errors)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('positions', () => {
  test('CRLF line ends and a byte-order mark keep lines and columns', async () => {
    const syntax = await parseFile('main.tf', '\ufefflocals {\r\n  a = "x" # note\r\n}\r\n');
    expect(syntax.errors).toEqual([]);
    const attribute = syntax.body.blocks[0]!.body.attributes[0]!;
    expect(attribute.range).toEqual({ file: 'main.tf', line: 2, column: 3, endLine: 2, endColumn: 10 });
    expect(syntax.comments).toEqual([
      { text: 'note', range: { file: 'main.tf', line: 2, column: 11, endLine: 2, endColumn: 17 }, ownLine: false },
    ]);
  });

  test('columns count UTF-16 code units', () => {
    const syntax = parseHcl('main.tf', 'a = "👍🏽" # é\n');
    expect(syntax.body.attributes[0]!.expr.range).toMatchObject({ column: 5, endColumn: 11 });
    expect(syntax.comments[0]!.range).toMatchObject({ column: 12, endColumn: 15 });
  });

  test('comments of all three kinds, on their own line or not', () => {
    const syntax = parseHcl('main.tf', '# one\nlocals { // two\n  /* three\n  lines */ a = 1\n}\n');
    expect(
      syntax.comments.map(({ text, range, ownLine }) => [text, range.line, range.column, range.endLine, range.endColumn, ownLine]),
    ).toEqual([
      ['one', 1, 1, 1, 6, true],
      ['two', 2, 10, 2, 16, false],
      ['three\n  lines', 3, 3, 4, 11, true],
    ]);
  });
});

describe('errors HCL reports beyond the grammar', () => {
  test('an argument set twice in one body is reported at the second, naming the first', () => {
    const text =
      'resource "kubernetes_deployment_v1" "web" {\n  wait_for_rollout = true\n\n  spec {\n    replicas = 2\n    replicas = 3\n  }\n  wait_for_rollout = false\n}\n';
    const syntax = parseHcl('main.tf', text);
    expect(syntax.errors).toEqual([
      {
        file: 'main.tf',
        message: 'argument "replicas" is already set on line 5 of this block; each argument may be set only once',
        range: expect.objectContaining({ line: 6, column: 5, endColumn: 13 }) as unknown,
      },
      {
        file: 'main.tf',
        message: 'argument "wait_for_rollout" is already set on line 2 of this block; each argument may be set only once',
        range: expect.objectContaining({ line: 8, column: 3 }) as unknown,
      },
    ]);
    // Both are still read; the model keeps the last, as evaluation never happens for such a file in Terraform.
    expect(syntax.body.blocks[0]!.body.attributes.map((attribute) => attribute.name)).toEqual(['wait_for_rollout', 'wait_for_rollout']);
  });

  test('the same name in sibling blocks, in an object, or as an argument and a block is no redefinition', () => {
    const text =
      'locals {\n  a = { x = 1 }\n}\n\nlocals {\n  b = 1\n}\n\nresource "x" "y" {\n  port {\n    name = "a"\n  }\n  port {\n    name = "b"\n  }\n}\n';
    expect(parseHcl('main.tf', text).errors).toEqual([]);
  });

  test('a byte that is not UTF-8 is reported at its line and column, once per line', () => {
    const bytes = Buffer.concat([
      Buffer.from('locals {\n  city = "M'),
      Buffer.from([0xfc]),
      Buffer.from('nchen"\n  # caf'),
      Buffer.from([0xe9, 0xe9]),
      Buffer.from('\n  ok = "ü"\n}\n'),
    ]);
    const syntax = parseHcl('main.tf', decodeSource(bytes));
    expect(syntax.errors).toEqual([
      {
        file: 'main.tf',
        message: 'invalid character encoding: byte 0xFC is not UTF-8, and Terraform reads only UTF-8 files (save the file as UTF-8)',
        range: expect.objectContaining({ line: 2, column: 12 }) as unknown,
      },
      {
        file: 'main.tf',
        message: 'invalid character encoding: byte 0xE9 is not UTF-8, and Terraform reads only UTF-8 files (save the file as UTF-8)',
        range: expect.objectContaining({ line: 3, column: 8 }) as unknown,
      },
    ]);
    expect(syntax.body.blocks[0]!.body.attributes.map((attribute) => attribute.name)).toEqual(['city', 'ok']);
  });

  test('a byte that is not UTF-8 outside a string replaces the error it causes on its line', () => {
    const bytes = Buffer.concat([Buffer.from('locals {\n  a = 1 '), Buffer.from([0xa7]), Buffer.from(' 2\n}\n')]);
    expect(parseHcl('main.tf', decodeSource(bytes)).errors.map((error) => [error.range.line, error.message.slice(0, 28)])).toEqual([
      [2, 'invalid character encoding: '],
    ]);
  });
});

describe('decodeSource', () => {
  test('valid UTF-8 is decoded as it is, byte order mark included', () => {
    expect(decodeSource(Buffer.from('a = "ü € 𝄞"\n'))).toBe('a = "ü € 𝄞"\n');
    expect(decodeSource(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('\ufeffa');
  });

  test.each([
    ['a Latin-1 byte', [0x61, 0xe9, 0x62], 'a\udce9b'],
    ['a sequence cut short', [0x61, 0xe2, 0x82], 'a\udce2\udc82'],
    ['an overlong encoding', [0xc0, 0xaf], '\udcc0\udcaf'],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], '\udced\udca0\udc80'],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], '\udcf4\udc90\udc80\udc80'],
    ['valid text around an invalid byte', [0xc3, 0xbc, 0xff, 0xc3, 0xbc], 'ü\udcffü'],
  ])('%s: each invalid byte becomes U+DC00 + the byte', (_name, bytes, text) => {
    expect(decodeSource(Uint8Array.from(bytes))).toBe(text);
  });

  test('decoded text with an astral character has no invalid byte', () => {
    expect(invalidBytes(decodeSource(Buffer.from('x = "𝄞\udc80"')))).toEqual([]);
  });
});

describe('blocks written on one line', () => {
  test.each([
    ['one argument', 'resource "x" "y" { a = 1 }\n', []],
    ['nothing', 'locals {}\n', []],
    ['a comment before the argument', 'x { /* c */ a = 1 }\n', []],
    ['a line comment after the brace makes it multi-line', 'x { # c\n  a = 1\n}\n', []],
    ['a value spanning lines', 'x { a = {\n  b = 1\n} }\n', []],
    [
      'a nested block',
      'x { y {} }\n',
      ['1:5 a block written on one line can hold one argument, not a nested block: write the block over several lines'],
    ],
    [
      'a closing brace on the next line',
      'x { a = 1\n}\n',
      ['2:1 a block written on one line must close right after its one argument: write the block over several lines'],
    ],
    [
      'two arguments over lines',
      'x { a = 1\n  b = 2\n}\n',
      ['3:1 a block written on one line must close right after its one argument: write the block over several lines'],
    ],
  ])('%s', (_name, text, errors) => {
    expect(parseHcl('main.tf', text).errors.map((error) => `${error.range.line}:${error.range.column} ${error.message}`)).toEqual(errors);
  });
});

describe('provider-defined functions', () => {
  test('a namespaced call, blanks around `::` allowed, is one call named without blanks', () => {
    const syntax = parseHcl('main.tf', 'locals {\n  a = provider::kubernetes::manifest_decode(x)\n  b = p :: ns :: f(1)\n}\n');
    expect(syntax.errors).toEqual([]);
    expect(syntax.body.blocks[0]!.body.attributes.map((attribute) => attribute.expr.t === 'call' && attribute.expr.name)).toEqual([
      'provider::kubernetes::manifest_decode',
      'p::ns::f',
    ]);
  });

  test.each([
    ['a namespaced name without a call', 'a = provider::k::f\n', 'missing "("'],
    ['a namespace after a traversal', 'a = x.y::z()\n', 'unexpected "::z()"'],
    ['two colons apart', 'a = p : : f()\n', 'unexpected ": : f()"'],
  ])('%s is an error', (_name, text, message) => {
    expect(parseHcl('main.tf', text).errors.map((error) => error.message)).toEqual([message]);
  });
});
