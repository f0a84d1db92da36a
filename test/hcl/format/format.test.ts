import { formatHcl } from '../../../src/hcl/format';
import { parseHcl } from '../../../src/hcl/parser';

/** Joins lines with LF and a final newline, to keep expectations readable. */
function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

describe('formatHcl', () => {
  it('aligns the equals signs of consecutive single-line attributes', () => {
    expect(formatHcl(lines('a = 1', 'long_name="x"', 'bb= true'))).toBe(lines('a         = 1', 'long_name = "x"', 'bb        = true'));
  });

  it('restarts alignment after a blank line, a comment line or a multi-line value', () => {
    const source = lines('a = 1', 'bbb = 2', '', 'cc = 3', '# note', 'd = 4', 'eeee = {', 'k = 1', '}', 'f = 5');
    expect(formatHcl(source)).toBe(lines('a   = 1', 'bbb = 2', '', 'cc = 3', '# note', 'd = 4', 'eeee = {', '  k = 1', '}', 'f = 5'));
  });

  it('aligns trailing line comments after the aligned values', () => {
    expect(formatHcl(lines('a = 1 # one', 'bbb = "three" // two'))).toBe(lines('a   = 1       # one', 'bbb = "three" // two'));
  });

  it('indents by two spaces per bracket level and keeps multi-bracket lines at one level', () => {
    const source = lines('x {', 'y = [{', 'z = f(', '1)', '}]', '}');
    expect(formatHcl(source)).toBe(lines('x {', '  y = [{', '    z = f(', '    1)', '  }]', '}'));
  });

  it('tells negation from subtraction by the token before the minus', () => {
    expect(formatHcl(lines('a = [- 1, b -1, c - - 1, ! d]'))).toBe(lines('a = [-1, b - 1, c - -1, !d]'));
  });

  it('spaces braces but not brackets, parentheses or template sequences', () => {
    expect(formatHcl(lines('a = {x=[ f( 1 ) ]}', 'b = "${ c }%{ if d }e%{ endif }"', 'c = {}'))).toBe(
      lines('a = { x = [f(1)] }', 'b = "${c}%{if d}e%{endif}"', 'c = {}'),
    );
  });

  it("keeps the space after a for expression's in keyword before a tuple", () => {
    expect(formatHcl(lines('a = [for x in [1]: x]'))).toBe(lines('a = [for x in [1] : x]'));
  });

  it('leaves heredoc bodies and template escapes untouched, aligning the heredoc attribute with its neighbours', () => {
    const source = lines('a = <<-EOT', '   x  ${ y }  ', '  EOT', 'bb = "$${1} %%{x}"');
    expect(formatHcl(source)).toBe(lines('a  = <<-EOT', '   x  ${y}  ', '  EOT', 'bb = "$${1} %%{x}"'));
  });

  it('trims trailing blanks of code lines but not inside comments', () => {
    expect(formatHcl('a = 1   \n# c  \n\t\n')).toBe('a = 1\n# c  \n\n');
  });

  it('keeps CRLF line endings and drops a byte-order mark', () => {
    expect(formatHcl('\uFEFFa=1\r\nbb=2\r\n')).toBe('a  = 1\r\nbb = 2\r\n');
  });

  it('measures columns in grapheme clusters', () => {
    expect(formatHcl(lines('"e\u0301" = 1', 'ab = 2'))).toBe(lines('"e\u0301" = 1', 'ab  = 2'));
  });

  it('returns input that does not tokenize unchanged', () => {
    for (const source of ['a  =  1 & 2\n', 'a  = 1 /* open\n', 'a  = "x\ny"\n', 'a  = `b`\n']) {
      expect(formatHcl(source)).toBe(source);
    }
  });

  it('never spaces the `::` of a provider-defined function', () => {
    expect(formatHcl(lines('a = provider::kubernetes::manifest_decode(x)', 'bb = provider :: k :: f (1)'))).toBe(
      lines('a  = provider::kubernetes::manifest_decode(x)', 'bb = provider::k::f(1)'),
    );
  });
});

describe('terraform fmt rewrites in formatHcl', () => {
  it('unwraps an argument that is one interpolation, and nothing nested or mixed', () => {
    expect(
      formatHcl(
        lines('a = "${var.x}"', 'b = "${var.x}-y"', 'c = "${a}${b}"', 'd = { e = "${var.x}" }', 'f = ["${var.x}"]', 'g = "${f("${x}")}"'),
      ),
    ).toBe(lines('a = var.x', 'b = "${var.x}-y"', 'c = "${a}${b}"', 'd = { e = "${var.x}" }', 'f = ["${var.x}"]', 'g = f("${x}")'));
  });

  it('drops the newlines around an unwrapped expression and wraps one spanning lines in parentheses', () => {
    expect(formatHcl(lines('a = "${', '  var.x', '}"', 'b = "${var.c ?', '  1 : 2}"', 'c = "${(var.c ?', '  1 : 2)}"'))).toBe(
      lines('a = var.x', 'b = (var.c ?', '1 : 2)', 'c = (var.c ?', '1 : 2)'),
    );
  });

  it('wraps a multi-line expression whose outer parentheses are two groups, where terraform fmt leaves it unparsable', () => {
    const source = lines('a = "${(var.c) ?', '1 :', 'f(2)}"');
    const formatted = formatHcl(source);
    expect(formatted).toBe(lines('a = ((var.c) ?', '  1 :', 'f(2))'));
    expect(parseHcl('a.tf', formatted).errors).toEqual([]);
  });

  it('quotes bare block labels and re-escapes quoted ones', () => {
    expect(formatHcl(lines('resource aws_instance "web" {', '  dynamic tag {', '    content {}', '  }', '}', 'module "a\\u00e9" {}'))).toBe(
      lines('resource "aws_instance" "web" {', '  dynamic "tag" {', '    content {}', '  }', '}', 'module "aé" {}'),
    );
  });

  it('modernises the legacy type of a top-level variable only', () => {
    const source = lines(
      'variable "a" {',
      'type = "string"',
      '}',
      'variable "b" {',
      'type = "map"',
      '}',
      'variable "c" {',
      'type = list',
      '}',
      'variable "d" {',
      'type = "set"',
      '}',
      'locals {',
      'type = "map"',
      '}',
    );
    expect(formatHcl(source)).toBe(
      lines(
        'variable "a" {',
        '  type = string',
        '}',
        'variable "b" {',
        '  type = map(string)',
        '}',
        'variable "c" {',
        '  type = list(any)',
        '}',
        'variable "d" {',
        '  type = "set"',
        '}',
        'locals {',
        '  type = "map"',
        '}',
      ),
    );
  });

  it('leaves a file that does not parse to the layout alone', () => {
    expect(formatHcl(lines('a = "${var.x}"', 'b = = 1'))).toBe(lines('a = "${var.x}"', 'b = = 1'));
  });
});
