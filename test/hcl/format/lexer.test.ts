import { type Token, TokenType, tokenize } from '../../../src/hcl/lexer';

function lex(source: string): Token[] {
  const result = tokenize(source);
  if (!result.ok) throw new Error(`did not tokenize: ${result.reason}`);
  return result.tokens;
}

function summary(source: string): Array<[string, string, number]> {
  return lex(source).map((token) => [TokenType[token.type], source.slice(token.start, token.end), token.spaces]);
}

describe('tokenize', () => {
  it('reads attributes with operators, counting the blanks before each token', () => {
    expect(summary('a-b =  x >= -1.5e3\n')).toEqual([
      ['Ident', 'a-b', 0],
      ['Equal', '=', 1],
      ['Ident', 'x', 2],
      ['GreaterThanEq', '>=', 1],
      ['Minus', '-', 1],
      ['NumberLit', '1.5e3', 0],
      ['Newline', '\n', 0],
      ['EOF', '', 0],
    ]);
  });

  it('splits quoted templates into literals and sequences, keeping escapes literal', () => {
    expect(summary('"a\\"$${b}${c}%{ if d }"')).toEqual([
      ['OQuote', '"', 0],
      ['QuotedLit', 'a\\"$${b}', 0],
      ['TemplateInterp', '${', 0],
      ['Ident', 'c', 0],
      ['TemplateSeqEnd', '}', 0],
      ['TemplateControl', '%{', 0],
      ['Ident', 'if', 1],
      ['Ident', 'd', 1],
      ['TemplateSeqEnd', '}', 1],
      ['CQuote', '"', 0],
      ['EOF', '', 0],
    ]);
  });

  it('tells object braces from the brace that closes an interpolation', () => {
    const types = lex('"${ {a = 1} }"').map((token) => TokenType[token.type]);
    expect(types).toEqual([
      'OQuote',
      'TemplateInterp',
      'OBrace',
      'Ident',
      'Equal',
      'NumberLit',
      'CBrace',
      'TemplateSeqEnd',
      'CQuote',
      'EOF',
    ]);
  });

  it('reads heredocs line by line and ends them at the indented marker', () => {
    expect(summary('x = <<-EOT\n  a ${b}\n  EOT\r\n')).toEqual([
      ['Ident', 'x', 0],
      ['Equal', '=', 1],
      ['OHeredoc', '<<-EOT\n', 1],
      ['StringLit', '  a ', 0],
      ['TemplateInterp', '${', 0],
      ['Ident', 'b', 0],
      ['TemplateSeqEnd', '}', 0],
      ['StringLit', '\n', 0],
      ['CHeredoc', '  EOT', 0],
      ['Newline', '\r\n', 0],
      ['EOF', '', 0],
    ]);
  });

  it('lets line comments own their newline but not block comments', () => {
    expect(summary('# a\n/* b */\n// c')).toEqual([
      ['Comment', '# a\n', 0],
      ['Comment', '/* b */', 0],
      ['Newline', '\n', 0],
      ['Comment', '// c', 0],
      ['EOF', '', 0],
    ]);
  });

  it('reads `::` as one token, as hclsyntax does since provider-defined functions, and `: :` as two colons', () => {
    expect(lex('a::b').map((token) => TokenType[token.type])).toEqual(['Ident', 'DoubleColon', 'Ident', 'EOF']);
    expect(lex('a : :b').map((token) => TokenType[token.type])).toEqual(['Ident', 'Colon', 'Colon', 'Ident', 'EOF']);
  });

  it('reports the offset of characters outside the language', () => {
    expect(tokenize('a = 1 & 2')).toEqual({ ok: false, offset: 6, reason: 'unexpected "&"' });
  });
});
