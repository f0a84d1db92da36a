/**
 * Random but syntactically valid HCL bodies for property tests of the
 * formatter: nested blocks, attributes with every expression form, comments of
 * all kinds, strings with escapes and template sequences, heredocs, and random
 * blanks/newlines wherever the grammar tolerates them.
 */
import fc from 'fast-check';

type Gen = fc.GeneratorValue;

/** How the gaps of the construct being written may be filled. */
type Layout = 'body' | 'bracket' | 'single';

const IDENTS = ['a', 'b', 'name', 'app_name', 'managed-by', 'var', 'local', 'x1', '_tmp', 'ключ', 'in', 'if', 'for', 'true', 'null'];
const KEYWORD_SAFE_IDENTS = ['a', 'b', 'name', 'app_name', 'managed-by', 'x1', '_tmp', 'ключ', 'item'];
const NUMBERS = ['0', '1', '42', '3.14', '1e3', '2.5E-3', '10'];
const BINARY_OPERATORS = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];
const STRING_UNITS = [
  'a',
  'b',
  'xyz',
  ' ',
  '  ',
  '-',
  '.',
  ':',
  '/',
  '{',
  '}',
  'é',
  '日本',
  '👍🏽',
  '\\"',
  '\\\\',
  '\\n',
  '\\t',
  '\\u00e9',
  '$${1}',
  '%%{x}',
  '$5',
  '%d',
  '#',
  '//',
  '=',
];
const COMMENT_TEXT = ['', ' note', ' renovate: datasource=docker depName=x/y', ' é 日本', '   spaced   ', ' a = 1', ' {'];
const HEREDOC_LINES = ['- plain text', '  - indented', '', 'key: value   ', '    deep ${1}', '- é 日本', '- $${literal}', '- 100%'];

/** Characters that can end or start a token which would merge with a neighbour when written without a blank. */
const WORDISH = /[\p{L}\p{N}_-]/u;
const MERGING_PAIRS = new Set(['==', '=>', '!=', '<=', '>=', '&&', '||', '..', '//', '/*', '<<']);

function mergesWithoutBlank(previous: string, next: string): boolean {
  const last = previous.slice(-1);
  const first = next.charAt(0);
  // An identifier absorbs a following `-`; the minus operator itself does not absorb what follows.
  if (previous !== '-' && WORDISH.test(last) && WORDISH.test(first)) return true;
  return MERGING_PAIRS.has(last + first);
}

class HclWriter {
  private out = '';
  private previous = '';
  private atLineStart = true;
  private readonly layouts: Layout[] = ['body'];

  constructor(
    private readonly g: Gen,
    /** Also write what only Terraform >= 1.8 reads and what terraform fmt rewrites (see `generateHclBody`). */
    readonly terraform = false,
  ) {}

  get layout(): Layout {
    return this.layouts[this.layouts.length - 1] ?? 'body';
  }

  pick<T>(options: readonly T[]): T {
    return options[this.g(fc.integer, { min: 0, max: options.length - 1 })] as T;
  }

  chance(percent: number): boolean {
    return this.g(fc.integer, { min: 0, max: 99 }) < percent;
  }

  within<T>(layout: Layout, write: () => T): T {
    // A single-line construct stays single-line all the way down.
    this.layouts.push(this.layout === 'single' ? 'single' : layout);
    try {
      return write();
    } finally {
      this.layouts.pop();
    }
  }

  /** Writes a token, preceded by indentation at the start of a line or by a random gap. */
  token(text: string): void {
    if (this.atLineStart) {
      this.out += this.pick(['', '  ', '    ', '\t', '         ']);
      this.atLineStart = false;
    } else if (this.previous !== '') {
      this.out += this.gap(text);
    }
    this.out += text;
    this.previous = text;
  }

  /** Writes raw text that is part of the previous token (template contents). */
  raw(text: string): void {
    this.out += text;
    this.previous = text;
  }

  /** Ends the current line, optionally with trailing blanks and a line comment. */
  newline(allowComment = true): void {
    if (allowComment && this.chance(15)) this.out += ` ${this.pick(['#', '//'])}${this.pick(COMMENT_TEXT)}`;
    else this.out += this.pick(['', '', ' ', '   ', '\t']);
    this.out += '\n';
    this.atLineStart = true;
    this.previous = '';
  }

  /** Raw heredoc lines after the opener; the writer is left at the start of a line. */
  heredocBody(lines: string[]): void {
    this.out += lines.map((line) => `${line}\n`).join('');
    this.atLineStart = true;
    this.previous = '';
  }

  private gap(next: string): string {
    const layout = this.layout;
    if (layout === 'bracket' && this.chance(12)) {
      return this.pick(['\n', '\n  ', '\n\n      ', ' \n', ' # inside\n', '\n\t']);
    }
    // A leading blank keeps `/` followed by a comment from reading as `//`.
    if (this.chance(2)) return this.pick([' /* c */ ', ' /* é */']);
    const blank = this.pick(['', ' ', ' ', '  ', '\t', '    ']);
    if (blank === '' && mergesWithoutBlank(this.previous, next)) return ' ';
    return blank;
  }

  toString(): string {
    return this.out;
  }
}

function writeString(w: HclWriter, depth: number): void {
  w.token('"');
  const parts = w.pick([0, 1, 2, 3, 4]);
  for (let i = 0; i < parts; i++) {
    const kind = w.pick(['text', 'text', 'interp', 'directive']);
    if (kind === 'text' || depth > 2) {
      w.raw(w.pick(STRING_UNITS));
    } else if (kind === 'interp') {
      w.raw(w.pick(['${', '${~', '${ ']));
      w.within('single', () => writeExpression(w, depth + 1));
      w.raw(w.pick(['}', ' }', '~}', ' ~}']));
    } else {
      writeDirective(w, depth);
    }
  }
  w.raw('"');
}

function writeDirective(w: HclWriter, depth: number): void {
  const inner = (): void => w.raw(w.pick(['on', 'x ', ' -']));
  if (w.chance(50)) {
    w.raw(w.pick(['%{ if ', '%{if ', '%{~ if ']));
    w.within('single', () => writeExpression(w, depth + 1));
    w.raw(w.pick(['}', ' }', ' ~}']));
    inner();
    if (w.chance(50)) {
      w.raw(w.pick(['%{ else }', '%{else}']));
      inner();
    }
    w.raw(w.pick(['%{ endif }', '%{endif}', '%{~ endif ~}']));
  } else {
    w.raw(w.pick(['%{ for v in ', '%{for v in ']));
    w.within('single', () => writeExpression(w, depth + 1));
    w.raw(w.pick(['}', ' }']));
    w.raw('${v}');
    w.raw(w.pick(['%{ endfor }', '%{endfor}']));
  }
}

function writeTraversal(w: HclWriter, depth: number): void {
  w.token(w.pick(KEYWORD_SAFE_IDENTS));
  const steps = w.pick([0, 0, 1, 2, 3]);
  for (let i = 0; i < steps; i++) {
    const step = w.pick(['attr', 'index', 'splat', 'legacy-splat']);
    if (step === 'attr') {
      w.token('.');
      w.token(w.pick(KEYWORD_SAFE_IDENTS));
    } else if (step === 'index') {
      w.token('[');
      w.within('bracket', () => (depth > 2 ? w.token(w.pick(NUMBERS)) : writeExpression(w, depth + 1)));
      w.token(']');
    } else if (step === 'splat') {
      w.token('[');
      w.token('*');
      w.token(']');
    } else {
      w.token('.');
      w.token('*');
    }
  }
}

function writeSequence(w: HclWriter, open: string, close: string, writeItem: () => void): void {
  w.token(open);
  w.within('bracket', () => {
    const count = w.pick([0, 1, 2, 3]);
    for (let i = 0; i < count; i++) {
      if (i > 0) w.token(',');
      writeItem();
    }
    if (count > 0 && w.chance(30)) w.token(',');
  });
  w.token(close);
}

function writeObject(w: HclWriter, depth: number): void {
  const items = w.pick([0, 1, 2, 3, 4]);
  const multiline = items > 0 && w.layout !== 'single' && w.chance(60);
  w.token('{');
  w.within(multiline ? 'body' : 'single', () => {
    if (multiline) w.newline();
    for (let i = 0; i < items; i++) {
      if (i > 0 && !multiline) w.token(',');
      writeObjectKey(w, depth);
      w.token(w.pick(['=', '=', ':']));
      if (multiline && w.chance(5)) {
        writeHeredoc(w);
        continue;
      }
      writeExpression(w, depth + 1);
      if (multiline) {
        if (w.chance(25)) w.token(',');
        w.newline();
      }
    }
    if (!multiline && items > 0 && w.chance(20)) w.token(',');
  });
  w.token('}');
}

function writeObjectKey(w: HclWriter, depth: number): void {
  if (w.chance(30)) writeString(w, depth + 3);
  else w.token(w.pick(KEYWORD_SAFE_IDENTS));
}

function writeForExpression(w: HclWriter, depth: number): void {
  const isObject = w.chance(40);
  w.token(isObject ? '{' : '[');
  w.within(isObject ? 'single' : 'bracket', () => {
    w.token('for');
    w.token('k');
    if (w.chance(50)) {
      w.token(',');
      w.token('v');
    }
    w.token('in');
    writeExpression(w, depth + 1);
    w.token(':');
    writeExpression(w, depth + 1);
    if (isObject) {
      w.token('=>');
      writeExpression(w, depth + 1);
      if (w.chance(30)) w.token('...');
    }
    if (w.chance(30)) {
      w.token('if');
      writeExpression(w, depth + 1);
    }
  });
  w.token(isObject ? '}' : ']');
}

function writeCall(w: HclWriter, depth: number): void {
  if (w.terraform && w.chance(25))
    w.token(w.pick(['provider::kubernetes::manifest_decode', 'provider :: kubernetes :: manifest_encode', 'p::ns::f']));
  else w.token(w.pick(['merge', 'yamlencode', 'join', 'f', 'lookup', 'max']));
  w.token('(');
  w.within('bracket', () => {
    const count = w.pick([0, 1, 2, 3]);
    for (let i = 0; i < count; i++) {
      if (i > 0) w.token(',');
      writeExpression(w, depth + 1);
    }
    if (count > 0 && w.chance(15)) w.token(w.pick(['...', ',']));
  });
  w.token(')');
}

const SIMPLE_OPERANDS = ['number', 'traversal', 'traversal', 'string', 'string', 'keyword'];
const COMPOUND_OPERANDS = ['tuple', 'object', 'object', 'call', 'for', 'paren'];
/** Chance (percent) of a compound operand by nesting depth, so values stay mostly readable. */
const COMPOUND_CHANCE = [45, 25, 10];

function writeOperand(w: HclWriter, depth: number): void {
  const compound = w.chance(COMPOUND_CHANCE[depth] ?? 0);
  switch (w.pick(compound ? COMPOUND_OPERANDS : SIMPLE_OPERANDS)) {
    case 'number':
      return w.token(w.pick(NUMBERS));
    case 'keyword':
      return w.token(w.pick(['true', 'false', 'null']));
    case 'traversal':
      return writeTraversal(w, depth);
    case 'string':
      return writeString(w, depth);
    case 'tuple':
      return writeSequence(w, '[', ']', () => writeExpression(w, depth + 1));
    case 'object':
      return writeObject(w, depth);
    case 'call':
      return writeCall(w, depth);
    case 'for':
      return writeForExpression(w, depth);
    default:
      w.token('(');
      w.within('bracket', () => writeExpression(w, depth + 1));
      w.token(')');
  }
}

function writeExpression(w: HclWriter, depth: number): void {
  if (w.chance(10)) w.token(w.pick(['-', '!']));
  writeOperand(w, depth);
  if (depth < 3 && w.chance(15)) {
    w.token(w.pick(BINARY_OPERATORS));
    if (w.chance(15)) w.token('-');
    writeOperand(w, depth + 1);
  } else if (depth < 3 && w.chance(6)) {
    w.token('?');
    writeExpression(w, depth + 1);
    w.token(':');
    writeExpression(w, depth + 1);
  }
}

function writeHeredoc(w: HclWriter): void {
  const marker = w.pick(['EOT', 'EOF', 'POLICY']);
  const indented = w.chance(50);
  w.token(`<<${indented ? '-' : ''}${marker}`);
  const lines: string[] = [];
  const count = w.pick([0, 1, 2, 3]);
  for (let i = 0; i < count; i++) lines.push(`${indented ? '    ' : ''}${w.pick(HEREDOC_LINES)}`);
  lines.push(`${indented ? w.pick(['', '  ', '    ']) : ''}${marker}`);
  w.raw('\n');
  w.heredocBody(lines);
}

/** An argument; its name is unique in its body (`used`), as HCL requires. */
function writeAttribute(w: HclWriter, depth: number, used: Set<string>): void {
  const picked = w.pick(IDENTS);
  const name = used.has(picked) ? `${picked}_${used.size}` : picked;
  used.add(name);
  w.token(name);
  w.token('=');
  if (w.terraform && w.chance(15)) return writeInterpolationOnly(w, depth);
  if (w.layout !== 'single' && w.chance(5)) return writeHeredoc(w);
  writeExpression(w, depth);
  w.newline();
}

/** `"${expr}"`, which terraform fmt unwraps; sometimes with the expression on lines of its own. */
function writeInterpolationOnly(w: HclWriter, depth: number): void {
  w.token('"');
  w.raw(w.pick(['${', '${~']));
  if (w.chance(20)) w.raw('\n');
  w.within(w.chance(20) ? 'bracket' : 'single', () => writeExpression(w, depth));
  if (w.chance(20)) w.raw('\n');
  w.raw(w.pick(['}', '~}']));
  w.raw('"');
  w.newline();
}

/** A variable whose type is in a form from before Terraform 0.12. */
function writeLegacyVariable(w: HclWriter): void {
  w.token('variable');
  w.token(w.chance(50) ? '"v"' : 'v');
  w.token('{');
  w.newline();
  w.token('type');
  w.token('=');
  w.token(w.pick(['"string"', '"list"', '"map"', '"set"', 'list', 'map', 'set', 'string', 'list(any)']));
  w.newline();
  w.token('}');
  w.newline();
}

function writeFullLineComment(w: HclWriter): void {
  const style = w.pick(['#', '//', '/*']);
  if (style === '/*') {
    w.token(`/*${w.pick(COMMENT_TEXT)}${w.pick(['', '\n   continued'])} */`);
    w.newline(false);
  } else {
    w.token(`${style}${w.pick(COMMENT_TEXT)}`);
    w.newline(false);
  }
}

function writeBlock(w: HclWriter, depth: number): void {
  w.token(w.pick(['resource', 'locals', 'metadata', 'spec', 'container', 'dynamic']));
  const labels = w.pick([0, 0, 1, 2]);
  for (let i = 0; i < labels; i++) {
    if (w.chance(80)) w.token(`"${w.pick(['kubernetes_deployment_v1', 'x', 'grafana', 'é'])}"`);
    else w.token(w.pick(KEYWORD_SAFE_IDENTS));
  }
  w.token('{');
  const shape = w.pick(['multi', 'multi', 'multi', 'one-line', 'empty']);
  if (shape === 'empty') {
    w.token('}');
  } else if (shape === 'one-line') {
    w.within('single', () => {
      w.token(w.pick(KEYWORD_SAFE_IDENTS));
      w.token('=');
      writeExpression(w, depth + 2);
    });
    w.token('}');
  } else {
    w.newline();
    writeBody(w, depth + 1);
    w.token('}');
  }
  w.newline();
}

function writeBody(w: HclWriter, depth: number): void {
  const items = w.pick([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  const used = new Set<string>();
  for (let i = 0; i < items; i++) {
    const kind = w.pick(
      depth > 2
        ? ['attribute', 'attribute', 'attribute', 'comment', 'blank']
        : ['attribute', 'attribute', 'attribute', 'attribute', 'block', 'comment', 'blank'],
    );
    if (w.terraform && depth === 0 && w.chance(8)) writeLegacyVariable(w);
    else if (kind === 'attribute') writeAttribute(w, 0, used);
    else if (kind === 'block') writeBlock(w, depth);
    else if (kind === 'comment') writeFullLineComment(w);
    else w.newline(false);
  }
}

/**
 * A random HCL file body; about one in ten uses CRLF line endings throughout.
 * With `terraform`, it also holds provider-defined function calls (which the
 * HCL of @cdktf/hcl-tools cannot read), interpolation-only values and legacy
 * variable types (which terraform fmt rewrites).
 */
export function generateHclBody(g: Gen, options: { terraform?: boolean } = {}): string {
  const w = new HclWriter(g, options.terraform);
  writeBody(w, 0);
  const source = w.toString();
  return w.chance(10) ? source.replace(/\n/g, '\r\n') : source;
}
