/**
 * The rewrites `terraform fmt` makes before laying a file out (Terraform's
 * `command/fmt.go`), on a file that parses:
 *
 * - an argument whose whole value is one interpolation, `"${var.x}"`, becomes
 *   the bare expression `var.x` (in parentheses when it spans lines); values
 *   inside objects, lists and calls are left alone, as Terraform leaves them;
 * - block labels are written quoted: `resource aws_instance web` becomes
 *   `resource "aws_instance" "web"`, and quoted labels are re-escaped;
 * - the `type` of a top-level `variable` block in the pre-0.12 forms is
 *   rewritten: `"string"` to `string`, `"list"` to `list(string)`, `"map"` to
 *   `map(string)`, and a bare `list`, `map` or `set` to `list(any)`, `map(any)`,
 *   `set(any)`.
 *
 * Each rewrite is a text edit on the source; the layout pass then spaces and
 * aligns the result like any other text.
 */
import { type Token, TokenType } from './lexer';
import { parseFileSync } from './parser';
import type { AttributeSyntax, BodySyntax, Range } from './syntax';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** 0-based offsets of a 1-based line and UTF-16 column; CRLF files keep their columns (the CR ends the line). */
class Offsets {
  private readonly lineStarts: number[] = [0];

  constructor(source: string) {
    for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) this.lineStarts.push(at + 1);
  }

  of(line: number, column: number): number {
    return (this.lineStarts[line - 1] ?? 0) + column - 1;
  }
}

/** Tokens lying within [from, to). */
function tokensWithin(tokens: Token[], from: number, to: number): Token[] {
  let low = 0;
  let high = tokens.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (tokens[mid]!.start < from) low = mid + 1;
    else high = mid;
  }
  const found: Token[] = [];
  for (let i = low; i < tokens.length && tokens[i]!.end <= to && tokens[i]!.type !== TokenType.EOF; i++) found.push(tokens[i]!);
  return found;
}

function trimNewlines(tokens: Token[]): Token[] {
  let start = 0;
  let end = tokens.length;
  while (start < end && tokens[start]!.type === TokenType.Newline) start++;
  while (end > start && tokens[end - 1]!.type === TokenType.Newline) end--;
  return tokens.slice(start, end);
}

/** `"${expr}"` → `expr`: Terraform's `formatValueExpr`, token for token. */
function unwrapInterpolation(tokens: Token[], source: string): string | undefined {
  if (tokens.length < 5) return undefined;
  const [open, interp] = tokens;
  const seqEnd = tokens[tokens.length - 2]!;
  const close = tokens[tokens.length - 1]!;
  if (
    open!.type !== TokenType.OQuote ||
    interp!.type !== TokenType.TemplateInterp ||
    seqEnd.type !== TokenType.TemplateSeqEnd ||
    close.type !== TokenType.CQuote
  )
    return undefined;
  const inside = tokens.slice(2, -2);
  let quotes = 0;
  for (const token of inside) {
    if (token.type === TokenType.OQuote) quotes++;
    else if (token.type === TokenType.CQuote) quotes--;
    // Interpolations inside nested strings belong to a nested expression: `"${foo("${bar}")}"`.
    else if (quotes > 0) continue;
    else if (token.type === TokenType.TemplateInterp || token.type === TokenType.TemplateSeqEnd || token.type === TokenType.QuotedLit)
      return undefined;
  }
  const trimmed = trimNewlines(inside);
  // A line comment carries its newline: unwrapped, it would cut the argument from its value (terraform fmt makes that mistake).
  if (trimmed.length === 0 || trimmed.some((token) => token.type === TokenType.Comment && source.charCodeAt(token.end - 1) === 10))
    return undefined;
  const text = source.slice(trimmed[0]!.start, trimmed[trimmed.length - 1]!.end);
  const multiLine = trimmed.some((token) => token.type === TokenType.Newline);
  return multiLine && !wrappedInParentheses(trimmed) ? `(${text})` : text;
}

/**
 * Whether the first token opens a parenthesis that the last token closes. Terraform only looks at the two ends, so
 * `(a) ?\n b : f()` stays bare and no longer parses outside the quotes; here it gets its own parentheses.
 */
function wrappedInParentheses(tokens: Token[]): boolean {
  if (tokens[0]!.type !== TokenType.OParen || tokens[tokens.length - 1]!.type !== TokenType.CParen) return false;
  let depth = 0;
  for (let index = 0; index < tokens.length; index++) {
    const type = tokens[index]!.type;
    if (type === TokenType.OParen) depth++;
    else if (type === TokenType.CParen && --depth === 0) return index === tokens.length - 1;
  }
  return false;
}

const COLLECTIONS = new Set(['list', 'map', 'set']);
const LEGACY_TYPES: Record<string, string> = { string: 'string', list: 'list(string)', map: 'map(string)' };

/** A variable's type constraint in a pre-0.12 form: Terraform's `formatTypeExpr`. */
function modernType(tokens: Token[], source: string): string | undefined {
  const text = (token: Token): string => source.slice(token.start, token.end);
  if (tokens.length === 1) {
    const [keyword] = tokens;
    return keyword!.type === TokenType.Ident && COLLECTIONS.has(text(keyword!)) ? `${text(keyword!)}(any)` : undefined;
  }
  if (tokens.length === 3) {
    const [open, literal, close] = tokens;
    if (open!.type !== TokenType.OQuote || literal!.type !== TokenType.QuotedLit || close!.type !== TokenType.CQuote) return undefined;
    return Object.hasOwn(LEGACY_TYPES, text(literal!)) ? LEGACY_TYPES[text(literal!)] : undefined;
  }
  return undefined;
}

/** Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/** A label as hclwrite writes a string: quoted, with `\n \r \t " \\` escaped, `${`/`%{` doubled and unprintable characters as `\u`. */
export function quoteLabel(value: string): string {
  let out = '"';
  const chars = [...value];
  chars.forEach((char, index) => {
    if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if ((char === '$' || char === '%') && chars[index + 1] === '{') out += char + char;
    else if (PRINTABLE.test(char)) out += char;
    else {
      const code = char.codePointAt(0)!;
      out += code < 0x10000 ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
    }
  });
  return `${out}"`;
}

class Rewriter {
  readonly edits: Edit[] = [];
  private readonly offsets: Offsets;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {
    this.offsets = new Offsets(source);
  }

  private span(range: Range): [number, number] {
    return [this.offsets.of(range.line, range.column), this.offsets.of(range.endLine, range.endColumn)];
  }

  body(body: BodySyntax, blockTypes: readonly string[]): void {
    const inVariable = blockTypes.length === 1 && blockTypes[0] === 'variable';
    for (const attribute of body.attributes) this.attribute(attribute, inVariable && attribute.name === 'type');
    for (const block of body.blocks) {
      block.labels.forEach((label, index) => {
        const [start, end] = this.span(block.labelRanges[index]!);
        const text = quoteLabel(label);
        if (this.source.slice(start, end) !== text) this.edits.push({ start, end, text });
      });
      this.body(block.body, [...blockTypes, block.type]);
    }
  }

  private attribute(attribute: AttributeSyntax, isVariableType: boolean): void {
    const [start, end] = this.span(attribute.exprRange);
    const tokens = tokensWithin(this.tokens, start, end);
    const text = isVariableType ? modernType(tokens, this.source) : unwrapInterpolation(tokens, this.source);
    if (text !== undefined) this.edits.push({ start, end, text });
  }
}

const LEGACY_TYPE_TEXT = /^(string|list|map)$/;

/**
 * Whether a rewrite may apply, from the tokens alone, so most files are not
 * parsed a second time: a string opening and closing with an interpolation, a
 * block header with a bare label or an escape in a label, or `type = ` a
 * legacy type. It may say yes in vain, never no in vain.
 */
function mayRewrite(tokens: Token[], source: string): boolean {
  const text = (token: Token | undefined): string => (token ? source.slice(token.start, token.end) : '');
  const type = (index: number): TokenType | undefined => tokens[index]?.type;
  let lineStart = true;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === TokenType.OQuote && type(i + 1) === TokenType.TemplateInterp && isOneInterpolation(tokens, i + 1)) return true;
    if (token.type === TokenType.Ident && type(i + 1) === TokenType.Equal && isWord(token, 'type', source)) {
      const value = tokens[i + 2];
      if (value?.type === TokenType.OQuote && type(i + 3) === TokenType.QuotedLit && LEGACY_TYPE_TEXT.test(text(tokens[i + 3])))
        return true;
      if (value?.type === TokenType.Ident && COLLECTIONS.has(text(value))) return true;
    }
    if (lineStart && token.type === TokenType.Ident && headerNeedsRewrite(tokens, i + 1, source)) return true;
    if (token.type === TokenType.Comment && source.charCodeAt(token.end - 1) !== 10) continue;
    lineStart = token.type === TokenType.Newline || token.type === TokenType.Comment || token.type === TokenType.OBrace;
  }
  return false;
}

/** Whether the interpolation opened at `interp` closes the string, so that it is the string's whole content. */
function isOneInterpolation(tokens: Token[], interp: number): boolean {
  let depth = 0;
  for (let i = interp; i < tokens.length; i++) {
    const type = tokens[i]!.type;
    if (type === TokenType.TemplateInterp || type === TokenType.TemplateControl) depth++;
    else if (type === TokenType.TemplateSeqEnd && --depth === 0) return tokens[i + 1]?.type === TokenType.CQuote;
  }
  return false;
}

/** Whether the token's text is `word`, without slicing it out of the source. */
function isWord(token: Token, word: string, source: string): boolean {
  return token.end - token.start === word.length && source.startsWith(word, token.start);
}

/** A backslash, a control character or anything beyond ASCII in source[from, to). */
function hasEscapeOrNonAscii(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = source.charCodeAt(i);
    if (code === 0x5c || code < 0x20 || code >= 0x7f) return true;
  }
  return false;
}

/** From just after a block type: labels up to `{`, one of them bare or holding an escape or a character beyond ASCII. */
function headerNeedsRewrite(tokens: Token[], from: number, source: string): boolean {
  let needs = false;
  for (let i = from; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === TokenType.OBrace) return needs;
    if (token.type === TokenType.Ident) needs = true;
    else if (token.type === TokenType.QuotedLit) needs ||= hasEscapeOrNonAscii(source, token.start, token.end);
    else if (token.type !== TokenType.OQuote && token.type !== TokenType.CQuote && token.type !== TokenType.Comment) return false;
  }
  return false;
}

/** The source with terraform fmt's rewrites applied; unchanged when it does not parse (terraform fmt refuses such a file). */
export function applyFmtRewrites(source: string, tokens: Token[]): string {
  if (!mayRewrite(tokens, source)) return source;
  const syntax = parseFileSync('', source);
  if (syntax.errors.length > 0) return source;
  const rewriter = new Rewriter(source, tokens);
  rewriter.body(syntax.body, []);
  if (rewriter.edits.length === 0) return source;
  let out = '';
  let at = 0;
  for (const edit of rewriter.edits.sort((a, b) => a.start - b.start)) {
    out += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + source.slice(at);
}
