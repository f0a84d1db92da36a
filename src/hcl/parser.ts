/**
 * Recursive-descent parser for the HCL native syntax, reading the tokens of
 * `./lexer` and producing the linter's syntax objects (`FileSyntax`): bodies,
 * blocks, attributes and expressions with 1-based ranges (columns in UTF-16
 * code units, ends exclusive), plus every comment.
 *
 * Newlines follow hclsyntax: they end an attribute and separate object items,
 * and are insignificant inside parentheses, brackets, interpolations and `for`
 * expressions. A syntax error stops the item it is in; the body it belongs to
 * goes on with the next line, and only the first error of a parse is kept.
 */
import type { AttributeSyntax, BlockSyntax, BodySyntax, CommentSyntax, Expr, FileSyntax, ObjectItem, Step, TemplatePart } from './syntax';
import type { ParseError, Range } from './syntax';
import { TokenType, tokenizeInto, type TokenSink } from './lexer';
import { invalidBytes } from './source';

const T = TokenType;

// ---------------------------------------------------------------------------
// Tokens, flattened

/**
 * The lexer's tokens in parallel typed arrays, with the position of each start
 * and end already worked out, so that building a range is a few array reads.
 * Comments are taken out (a line comment leaves the newline it owns behind).
 *
 * One table serves every parse (parsing is synchronous): its arrays are reused
 * and grown, so a file costs no token objects and no new buffers.
 */
class TokenTable implements TokenSink {
  type = new Uint8Array(1024);
  start = new Int32Array(1024);
  end = new Int32Array(1024);
  line = new Int32Array(1024);
  col = new Int32Array(1024);
  endLine = new Int32Array(1024);
  endCol = new Int32Array(1024);
  comments: CommentSyntax[] = [];
  /** Why the lexer could not read an `Invalid` token, by its start offset. */
  readonly invalid = new Map<number, string>();
  private count = 0;
  private path = '';
  private text = '';
  /** Line (1-based) and start offset of the line the lexer is on. */
  private lineNumber = 1;
  private lineStart = 0;
  /** End of the previous token of any kind, comments included. */
  private previousEnd = 0;

  reset(path: string, text: string): void {
    this.path = path;
    this.text = text;
    this.comments = [];
    this.invalid.clear();
    this.count = 0;
    this.lineNumber = 1;
    this.lineStart = 0;
    this.previousEnd = 0;
  }

  add(type: TokenType, start: number, end: number): void {
    const text = this.text;
    const startLine = this.lineNumber;
    const startCol = start - this.lineStart + 1;
    if (type === T.Newline || type === T.OHeredoc) {
      this.lineNumber++;
      this.lineStart = end;
    } else if (type === T.Comment || type === T.Invalid || type === T.StringLit) {
      // Only these can hold line breaks besides the single-newline tokens.
      for (let at = text.indexOf('\n', start); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) {
        this.lineNumber++;
        this.lineStart = at + 1;
      }
    }
    if (type === T.Comment) {
      this.comment(start, end, startLine, startCol, this.previousEnd <= start - startCol + 1);
      // A `#` or `//` comment owns the newline that ends its line.
      if (text.charCodeAt(end - 1) === 10) this.push(T.Newline, end - 1, end, startLine, startCol + end - 1 - start, this.lineNumber, 1);
    } else {
      this.push(type, start, end, startLine, startCol, this.lineNumber, end - this.lineStart + 1);
    }
    this.previousEnd = end;
  }

  private push(type: TokenType, start: number, end: number, line: number, col: number, endLine: number, endCol: number): void {
    if (this.count === this.type.length) this.grow();
    const at = this.count++;
    this.type[at] = type;
    this.start[at] = start;
    this.end[at] = end;
    this.line[at] = line;
    this.col[at] = col;
    this.endLine[at] = endLine;
    this.endCol[at] = endCol;
  }

  private grow(): void {
    const size = this.type.length * 2;
    const grown = <A extends Uint8Array | Int32Array>(old: A, fresh: A): A => {
      fresh.set(old);
      return fresh;
    };
    this.type = grown(this.type, new Uint8Array(size));
    this.start = grown(this.start, new Int32Array(size));
    this.end = grown(this.end, new Int32Array(size));
    this.line = grown(this.line, new Int32Array(size));
    this.col = grown(this.col, new Int32Array(size));
    this.endLine = grown(this.endLine, new Int32Array(size));
    this.endCol = grown(this.endCol, new Int32Array(size));
  }

  private comment(start: number, end: number, line: number, col: number, ownLine: boolean): void {
    const raw = this.text.slice(start, end);
    const block = raw.startsWith('/*');
    const lineComment = !block && raw.endsWith('\n');
    const inner = block ? raw.slice(2, -2) : raw.slice(raw.charCodeAt(0) === 35 ? 1 : 2);
    let endLine = line;
    let endCol = col + raw.length - (lineComment ? 1 : 0);
    if (block) {
      const lastBreak = raw.lastIndexOf('\n');
      if (lastBreak >= 0) {
        for (let at = raw.indexOf('\n'); at >= 0; at = raw.indexOf('\n', at + 1)) endLine++;
        endCol = raw.length - lastBreak;
      }
    }
    this.comments.push({ text: inner.trim(), range: { file: this.path, line, column: col, endLine, endColumn: endCol }, ownLine });
  }
}

// ---------------------------------------------------------------------------
// Errors

/** Thrown from deep in an item to the body that holds it; never leaves the parser. */
class ParseFailure {
  constructor(
    readonly token: number,
    readonly message: string,
    readonly range: Range,
  ) {}
}

/** Tokens that end a construct: met where something else was due, that something is missing. */
const ENDINGS: ReadonlySet<TokenType> = new Set([T.CBrace, T.CBrack, T.CParen, T.EOF, T.Newline, T.CQuote, T.TemplateSeqEnd]);
/** Brackets of any kind, for skipping an item after an error. */
const OPENERS: ReadonlySet<TokenType> = new Set([T.OBrace, T.OBrack, T.OParen, T.TemplateInterp, T.TemplateControl]);
const CLOSERS: ReadonlySet<TokenType> = new Set([T.CBrace, T.CBrack, T.CParen, T.TemplateSeqEnd]);

// ---------------------------------------------------------------------------
// Operators

/** Binding strength of each binary operator token (0: not one); all are left-associative. */
const BINARY_LEVEL = new Uint8Array(T.Invalid + 1);
const BINARY_OP: string[] = [];
const OPERATORS: [TokenType, number, string][] = [
  [T.Or, 1, '||'],
  [T.And, 2, '&&'],
  [T.EqualOp, 3, '=='],
  [T.NotEqual, 3, '!='],
  [T.LessThan, 4, '<'],
  [T.LessThanEq, 4, '<='],
  [T.GreaterThan, 4, '>'],
  [T.GreaterThanEq, 4, '>='],
  [T.Plus, 5, '+'],
  [T.Minus, 5, '-'],
  [T.Star, 6, '*'],
  [T.Slash, 6, '/'],
  [T.Percent, 6, '%'],
];
for (const [type, level, op] of OPERATORS) {
  BINARY_LEVEL[type] = level;
  BINARY_OP[type] = op;
}

/** Deeper nesting than this is refused rather than risking the call stack. */
const MAX_NESTING = 200;

// ---------------------------------------------------------------------------
// The parser

class Parser {
  private pos = 0;
  /** Above 0, newlines are insignificant (inside parentheses, brackets, interpolations, `for`). */
  private inBrackets = 0;
  private nesting = 0;
  /** Offset just after the last token consumed, where an expression's source text ends. */
  private lastEnd = 0;
  error: ParseError | undefined;

  private readonly type: Uint8Array;
  private readonly start: Int32Array;
  private readonly end: Int32Array;

  constructor(
    private readonly path: string,
    private readonly text: string,
    private readonly tokens: TokenTable,
  ) {
    this.type = tokens.type;
    this.start = tokens.start;
    this.end = tokens.end;
  }

  // -- positions ---------------------------------------------------------------

  /** From the start of token `from` to the end of token `to`. */
  private range(from: number, to: number): Range {
    const tokens = this.tokens;
    return {
      file: this.path,
      line: tokens.line[from]!,
      column: tokens.col[from]!,
      endLine: tokens.endLine[to]!,
      endColumn: tokens.endCol[to]!,
    };
  }

  private join(from: Range, to: Range): Range {
    return { file: this.path, line: from.line, column: from.column, endLine: to.endLine, endColumn: to.endColumn };
  }

  /** From the start of token `from` to the end of `to`. */
  private fromToken(from: number, to: Range): Range {
    return { file: this.path, line: this.tokens.line[from]!, column: this.tokens.col[from]!, endLine: to.endLine, endColumn: to.endColumn };
  }

  private source(token: number): string {
    return this.text.slice(this.start[token], this.end[token]);
  }

  /** Token `token` is the identifier `word`. */
  private isWord(token: number, word: string): boolean {
    const start = this.start[token]!;
    return this.type[token] === T.Ident && this.end[token]! - start === word.length && this.text.startsWith(word, start);
  }

  // -- moving ------------------------------------------------------------------

  /** The current token's type; inside brackets newlines are passed over. */
  private peek(): TokenType {
    let pos = this.pos;
    if (this.inBrackets > 0) while (this.type[pos] === T.Newline) pos++;
    this.pos = pos;
    return this.type[pos]!;
  }

  /** Consumes the current token and returns its index. */
  private advance(): number {
    const at = this.pos++;
    this.lastEnd = this.end[at]!;
    return at;
  }

  /** Consumes a token that must be `type`, written `shown` in messages. */
  private expect(type: TokenType, shown: string): number {
    if (this.peek() !== type) this.failMissing(shown);
    return this.advance();
  }

  // -- errors --------------------------------------------------------------------

  private fail(token: number, message: string, range = this.range(token, token)): never {
    const reason = this.type[token] === T.Invalid ? this.tokens.invalid.get(this.start[token]!) : undefined;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- a cheap control-flow signal (no stack), caught by the body that holds the item
    throw new ParseFailure(token, reason ?? message, range);
  }

  /** At a closer, newline or end of file `shown` is missing; anywhere else the token is unexpected. */
  private failMissing(shown: string): never {
    const at = this.pos;
    if (ENDINGS.has(this.type[at]!)) this.fail(at, `missing "${shown}"`);
    this.failUnexpected(at);
  }

  private failUnexpected(token: number): never {
    this.fail(token, this.unexpected(token));
  }

  /** `unexpected "<the rest of the line>"`, shortened. */
  private unexpected(token: number): string {
    const type = this.type[token];
    if (type === T.Newline) return 'unexpected end of line';
    if (type === T.EOF) return 'unexpected end of file';
    const from = this.start[token]!;
    const lineEnd = this.text.indexOf('\n', from);
    const rest = this.text.slice(from, lineEnd < 0 ? undefined : lineEnd).trim();
    const shown = rest.length > 40 ? `${rest.slice(0, 40)}...` : rest;
    return shown ? `unexpected "${shown}"` : 'syntax error';
  }

  private record(failure: ParseFailure): void {
    this.error ??= { file: this.path, message: failure.message, range: failure.range };
  }

  /**
   * After an error in the item starting at token `from`, moves to the first newline
   * after the error outside the item's brackets, or to the `}` closing the body.
   */
  private resync(from: number, failedAt: number): void {
    let depth = 0;
    for (let at = from; ; at++) {
      const type = this.type[at] as TokenType;
      if (type === T.EOF) {
        this.pos = at;
        return;
      }
      if (OPENERS.has(type)) depth++;
      else if (CLOSERS.has(type)) {
        if (depth === 0 && type === T.CBrace && at > from) {
          this.pos = at;
          return;
        }
        depth = Math.max(0, depth - 1);
      } else if (type === T.Newline && depth === 0 && at >= failedAt) {
        this.pos = at + 1;
        return;
      }
    }
  }

  private enter(): void {
    if (++this.nesting > MAX_NESTING) this.fail(this.pos, 'nested too deeply');
  }

  // -- bodies --------------------------------------------------------------------

  /** Items up to the end of the file, or (`nested`) up to the `}` closing a block, which is left for the caller. */
  body(body: BodySyntax, nested: boolean): void {
    for (;;) {
      const type = this.type[this.pos];
      if (type === T.Newline) {
        this.pos++;
        continue;
      }
      if (type === T.EOF) {
        if (nested) this.record(new ParseFailure(this.pos, 'missing "}"', this.range(this.pos, this.pos)));
        return;
      }
      if (type === T.CBrace && nested) return;
      const itemStart = this.pos;
      const inBrackets = this.inBrackets;
      const nesting = this.nesting;
      try {
        this.item(body);
      } catch (error) {
        if (!(error instanceof ParseFailure)) throw error;
        this.record(error);
        this.inBrackets = inBrackets;
        this.nesting = nesting;
        this.resync(itemStart, error.token);
      }
    }
  }

  private item(body: BodySyntax): void {
    const name = this.pos;
    if (this.type[name] !== T.Ident) this.failUnexpected(name);
    this.pos++;
    const next = this.type[this.pos];
    if (next === T.Equal) body.attributes.push(this.attribute(name));
    else if (next === T.OBrace || next === T.Ident || next === T.OQuote) body.blocks.push(this.block(name));
    else this.failUnexpected(name);
  }

  private attribute(name: number): AttributeSyntax {
    this.pos++;
    // A value must start on the line of its name.
    const first = this.type[this.pos];
    if (first === T.Newline || first === T.EOF || first === T.CBrace)
      this.fail(name, 'expected an expression', this.range(name, this.pos - 1));
    const exprStart = this.start[this.pos]!;
    const expr = this.expression();
    const after = this.type[this.pos];
    if (after !== T.Newline && after !== T.EOF && after !== T.CBrace) this.failUnexpected(this.pos);
    return {
      name: this.source(name),
      range: this.fromToken(name, expr.range),
      nameRange: this.range(name, name),
      expr,
      exprText: this.text.slice(exprStart, this.lastEnd),
      exprRange: expr.range,
    };
  }

  private block(typeToken: number): BlockSyntax {
    const labels: string[] = [];
    const labelRanges: Range[] = [];
    let headerEnd = typeToken;
    for (;;) {
      const type = this.type[this.pos];
      if (type === T.Ident) {
        headerEnd = this.pos++;
        labels.push(this.source(headerEnd));
        labelRanges.push(this.range(headerEnd, headerEnd));
      } else if (type === T.OQuote) {
        const open = this.pos;
        labels.push(this.label());
        headerEnd = this.pos - 1;
        labelRanges.push(this.range(open, headerEnd));
      } else if (type === T.OBrace) {
        break;
      } else {
        this.failUnexpected(typeToken);
      }
    }
    this.pos++;
    const next = this.type[this.pos];
    const singleLine = next !== T.Newline && next !== T.CBrace && next !== T.EOF;
    this.enter();
    const body: BodySyntax = { attributes: [], blocks: [] };
    this.body(body, true);
    fitBody(body);
    this.nesting--;
    // An unclosed block ends at the end of the file, where its `}` is missing.
    const close = this.pos;
    if (this.type[close] === T.CBrace) {
      if (singleLine) this.checkSingleLine(body, close);
      this.advance();
    }
    return {
      type: this.source(typeToken),
      labels: fit(labels),
      labelRanges: fit(labelRanges),
      body,
      range: this.range(typeToken, close),
      headerRange: this.range(typeToken, headerEnd),
    };
  }

  /** A quoted block label: text only. */
  /** `name { a = 1 }`: HCL allows one argument and nothing else in a block written on one line. */
  private checkSingleLine(body: BodySyntax, close: number): void {
    const [first, second] = body.attributes;
    const nested = body.blocks[0];
    const closeLine = this.tokens.line[close]!;
    if (nested && (!first || nested.range.line <= first.range.line))
      this.record(
        new ParseFailure(
          close,
          'a block written on one line can hold one argument, not a nested block: write the block over several lines',
          nested.headerRange,
        ),
      );
    else if (second || nested || (first && first.range.endLine !== closeLine))
      this.record(
        new ParseFailure(
          close,
          'a block written on one line must close right after its one argument: write the block over several lines',
          this.range(close, close),
        ),
      );
  }

  private label(): string {
    const open = this.pos++;
    if (this.type[this.pos] === T.QuotedLit) this.pos++;
    if (this.type[this.pos] !== T.CQuote) this.failString(open);
    return quotedText(this.text.slice(this.end[open], this.start[this.pos++]));
  }

  /** A quoted string that does not end where it should. */
  private failString(open: number): never {
    const type = this.type[this.pos];
    if (type === T.Invalid || type === T.EOF) this.fail(open, 'unterminated string: a quoted string must end on the line it starts');
    this.failUnexpected(this.pos);
  }

  // -- expressions -------------------------------------------------------------

  /** A full expression: binary operations, optionally the condition of `? :`. */
  expression(): Expr {
    this.enter();
    const cond = this.binary(1);
    let expr = cond;
    if (this.peek() === T.Question) {
      this.advance();
      const then = this.expression();
      this.expect(T.Colon, ':');
      const otherwise = this.expression();
      expr = { t: 'conditional', cond, then, else: otherwise, range: this.join(cond.range, otherwise.range) };
    }
    this.nesting--;
    return expr;
  }

  /** Operators binding at least as tightly as `level` (precedence climbing). */
  private binary(level: number): Expr {
    let left = this.unary();
    for (;;) {
      const type = this.peek();
      const opLevel = BINARY_LEVEL[type]!;
      if (opLevel === 0 || opLevel < level) return left;
      this.advance();
      const right = this.binary(opLevel + 1);
      left = { t: 'binary', op: BINARY_OP[type]!, left, right, range: this.join(left.range, right.range) };
    }
  }

  private unary(): Expr {
    const type = this.peek();
    if (type !== T.Minus && type !== T.Bang) return this.postfix();
    const op = this.advance();
    this.enter();
    const operand = this.unary();
    this.nesting--;
    return { t: 'unary', op: type === T.Minus ? '-' : '!', operand, range: this.fromToken(op, operand.range) };
  }

  /** A term with its `.attr`, `[index]`, `.0` and splat steps. */
  private postfix(): Expr {
    const target = this.primary();
    const type = this.peek();
    if (type !== T.Dot && type !== T.OBrack) return target;
    const steps: Step[] = [];
    while (this.step(steps, false));
    return { t: 'traversal', target, steps: fit(steps), range: this.join(target.range, steps[steps.length - 1]!.range) };
  }

  /**
   * Reads one traversal step into `into`; false when the next tokens are not one.
   * A splat takes the attribute and index steps after it (it applies them to each
   * element), so inside a splat another splat ends the steps.
   */
  private step(into: Step[], inSplat: boolean): boolean {
    const type = this.peek();
    const at = this.pos;
    if (type === T.Dot) {
      const name = this.significant(at + 1);
      const next = this.type[name];
      if (next === T.Ident) {
        this.consumeTo(name);
        into.push({ t: 'attr', name: this.source(name), range: this.range(at, name) });
        return true;
      }
      if (next === T.NumberLit) {
        this.consumeTo(name);
        this.legacyIndex(at, name, into);
        return true;
      }
      if (inSplat) return false;
      if (next === T.Star) {
        this.consumeTo(name);
        into.push(this.splat(at));
        return true;
      }
      this.failUnexpected(name);
    }
    if (type !== T.OBrack) return false;
    const star = this.significant(at + 1);
    const starClose = this.significant(star + 1);
    if (this.type[star] === T.Star && this.type[starClose] === T.CBrack) {
      if (inSplat) return false;
      this.consumeTo(starClose);
      into.push(this.splat(at));
      return true;
    }
    this.advance();
    this.inBrackets++;
    const key = this.expression();
    const close = this.expect(T.CBrack, ']');
    this.inBrackets--;
    into.push({ t: 'index', key, range: this.range(at, close) });
    return true;
  }

  /** The first token from `at` on that counts: inside brackets, newlines do not. */
  private significant(at: number): number {
    let next = at;
    if (this.inBrackets > 0) while (this.type[next] === T.Newline) next++;
    return next;
  }

  /** Consumes the tokens up to and including `last`. */
  private consumeTo(last: number): void {
    this.pos = last + 1;
    this.lastEnd = this.end[last]!;
  }

  /** `.*` or `[*]` (just read, starting at token `at`) and the steps it takes. */
  private splat(at: number): Step {
    const steps: Step[] = [];
    while (this.step(steps, true));
    const range = steps.length > 0 ? this.fromToken(at, steps[steps.length - 1]!.range) : this.range(at, this.pos - 1);
    return { t: 'splat', steps: fit(steps), range };
  }

  /** `.0`; a `.0.1` the lexer read as one number is two indexes. */
  private legacyIndex(dot: number, number: number, into: Step[]): void {
    const digits = this.source(number);
    const split = digits.indexOf('.');
    const tokens = this.tokens;
    const line = tokens.line[number]!;
    const firstEnd = split < 0 ? tokens.endCol[number]! : tokens.col[number]! + split;
    const range: Range = { file: this.path, line: tokens.line[dot]!, column: tokens.col[dot]!, endLine: line, endColumn: firstEnd };
    into.push({ t: 'index', key: { t: 'literal', value: Number(split < 0 ? digits : digits.slice(0, split)), range }, range });
    if (split < 0) return;
    const second: Range = { file: this.path, line, column: firstEnd, endLine: line, endColumn: tokens.endCol[number]! };
    into.push({ t: 'index', key: { t: 'literal', value: Number(digits.slice(split + 1)), range: second }, range: second });
  }

  private primary(): Expr {
    const type = this.peek();
    const at = this.pos;
    switch (type) {
      case T.NumberLit:
        this.advance();
        return { t: 'literal', value: Number(this.source(at)), range: this.range(at, at) };
      case T.Ident:
        return this.identifier();
      case T.OQuote:
        return this.quoted();
      case T.OHeredoc:
        return this.heredoc();
      case T.OBrack:
        return this.startsFor(at) ? this.forExpr() : this.tuple();
      case T.OBrace:
        return this.startsFor(at) ? this.forExpr() : this.object();
      case T.OParen:
        return this.paren();
      default:
        return this.failExpression();
    }
  }

  /** The bracket or brace at `open` begins a `for` expression. */
  private startsFor(open: number): boolean {
    let at = open + 1;
    while (this.type[at] === T.Newline) at++;
    if (!this.isWord(at, 'for')) return false;
    at++;
    while (this.type[at] === T.Newline) at++;
    return this.type[at] === T.Ident;
  }

  private failExpression(): never {
    const at = this.pos;
    const type = this.type[at];
    // At the end of a line the expression is missing after what came before.
    if ((type === T.Newline || type === T.EOF) && at > 0) this.fail(at - 1, 'expected an expression');
    this.fail(at, 'expected an expression');
  }

  /** A variable, `true`/`false`/`null`, or a function call (`provider::ns::name(...)` included). */
  private identifier(): Expr {
    const first = this.advance();
    // A namespaced function name: identifiers joined by `::`, blanks allowed around it, as hclsyntax reads it.
    if (this.type[this.pos] === T.DoubleColon) return this.namespacedCall(first);
    const name = this.source(first);
    if (this.peek() === T.OParen) return this.call(first, name);
    const range = this.range(first, first);
    if (name === 'true') return { t: 'literal', value: true, range };
    if (name === 'false') return { t: 'literal', value: false, range };
    if (name === 'null') return { t: 'literal', value: null, range };
    return { t: 'variable', name, range };
  }

  /** `provider::kubernetes::manifest_decode(...)`: the name is written without blanks; only a call may follow. */
  private namespacedCall(first: number): Expr {
    const parts = [this.source(first)];
    while (this.type[this.pos] === T.DoubleColon) {
      this.advance();
      if (this.type[this.pos] !== T.Ident) this.failUnexpected(this.pos);
      parts.push(this.source(this.advance()));
    }
    if (this.peek() !== T.OParen) this.failMissing('(');
    return this.call(first, parts.join('::'));
  }

  private call(first: number, name: string): Expr {
    this.advance();
    this.inBrackets++;
    const args: Expr[] = [];
    let expandFinal = false;
    while (this.peek() !== T.CParen) {
      args.push(this.expression());
      const type = this.peek();
      if (type === T.Comma) this.advance();
      else if (type === T.Ellipsis) {
        this.advance();
        expandFinal = true;
        break;
      } else if (type !== T.CParen) this.failMissing(')');
    }
    const close = this.expect(T.CParen, ')');
    this.inBrackets--;
    return { t: 'call', name, args: fit(args), expandFinal, range: this.range(first, close) };
  }

  private paren(): Expr {
    const open = this.advance();
    this.inBrackets++;
    const inner = this.expression();
    const close = this.expect(T.CParen, ')');
    this.inBrackets--;
    return { t: 'paren', inner, range: this.range(open, close) };
  }

  private tuple(): Expr {
    const open = this.advance();
    this.inBrackets++;
    const items: Expr[] = [];
    while (this.peek() !== T.CBrack) {
      items.push(this.expression());
      const type = this.peek();
      if (type === T.Comma) this.advance();
      else if (type !== T.CBrack) this.failMissing(']');
    }
    const close = this.advance();
    this.inBrackets--;
    return { t: 'tuple', items: fit(items), range: this.range(open, close) };
  }

  /** `{ key = value, ... }`: items are separated by commas or newlines, so newlines count again inside. */
  private object(): Expr {
    const open = this.advance();
    const inBrackets = this.inBrackets;
    this.inBrackets = 0;
    const entries: ObjectItem[] = [];
    for (;;) {
      let type = this.type[this.pos];
      while (type === T.Newline) type = this.type[++this.pos];
      if (type === T.CBrace) break;
      const key = this.expression();
      const separator = this.type[this.pos];
      if (separator !== T.Equal && separator !== T.Colon) this.failMissing('=');
      this.advance();
      const value = this.expression();
      // `{ app = 1 }`: a bare name is the key itself, not a variable.
      entries.push({ key: key.t === 'variable' ? { t: 'literal', value: key.name, range: key.range } : key, value });
      const after = this.type[this.pos];
      if (after === T.Comma) this.advance();
      else if (after !== T.Newline && after !== T.CBrace) this.failMissing('}');
    }
    const close = this.advance();
    this.inBrackets = inBrackets;
    return { t: 'object', entries: fit(entries), range: this.range(open, close) };
  }

  /** `[for k, v in coll : value if cond]` and `{for k, v in coll : key => value... if cond}`. */
  private forExpr(): Expr {
    const open = this.advance();
    const isObject = this.type[open] === T.OBrace;
    const inBrackets = this.inBrackets;
    this.inBrackets = 1;
    this.peek();
    this.advance();
    const { keyVar, valueVar } = this.forNames();
    this.keyword('in');
    const collection = this.expression();
    this.expect(T.Colon, ':');
    let key: Expr | undefined;
    if (isObject) {
      key = this.expression();
      this.expect(T.FatArrow, '=>');
    }
    const value = this.expression();
    let grouped = false;
    if (isObject && this.peek() === T.Ellipsis) {
      this.advance();
      grouped = true;
    }
    let cond: Expr | undefined;
    this.peek();
    if (this.isWord(this.pos, 'if')) {
      this.advance();
      cond = this.expression();
    }
    const close = this.expect(isObject ? T.CBrace : T.CBrack, isObject ? '}' : ']');
    this.inBrackets = inBrackets;
    const range = this.range(open, close);
    if (isObject) return { t: 'for', keyVar, valueVar, collection, key, value, cond, grouped, range };
    return { t: 'for', keyVar, valueVar, collection, value, cond, grouped, range };
  }

  private keyword(word: string): void {
    this.peek();
    if (!this.isWord(this.pos, word)) this.failMissing(word);
    this.advance();
  }

  /** `k, v` or `v` after `for`. */
  private forNames(): { keyVar: string | undefined; valueVar: string } {
    if (this.peek() !== T.Ident) this.failUnexpected(this.pos);
    const first = this.source(this.advance());
    if (this.peek() !== T.Comma) return { keyVar: undefined, valueVar: first };
    this.advance();
    if (this.peek() !== T.Ident) this.failUnexpected(this.pos);
    return { keyVar: first, valueVar: this.source(this.advance()) };
  }

  // -- templates -----------------------------------------------------------------

  private quoted(): Expr {
    const open = this.advance();
    let at = this.pos;
    if (this.type[at] === T.QuotedLit) at++;
    if (this.type[at] === T.CQuote) {
      // The common case: text only.
      this.pos = at;
      this.advance();
      return { t: 'literal', value: quotedText(this.text.slice(this.end[open], this.start[at])), range: this.range(open, at) };
    }
    const text = new TemplateText(this.text, false, 0, this.end[open]!);
    const parts = this.templateSequence(text, this.end[open]!, false);
    if (this.type[this.pos] !== T.CQuote) {
      if (this.type[this.pos] === T.TemplateControl) this.failUnexpected(this.pos);
      this.failString(open);
    }
    const close = this.advance();
    return templateExpr(parts, this.range(open, close));
  }

  private heredoc(): Expr {
    const open = this.advance();
    const opener = this.source(open);
    const flush = opener.charCodeAt(2) === 45;
    const marker = opener.slice(flush ? 3 : 2).trim();
    const regionStart = this.end[open]!;
    const indent = flush ? this.flushIndent(regionStart) : 0;
    const text = new TemplateText(this.text, true, indent, regionStart);
    const parts = this.templateSequence(text, regionStart, false);
    const close = this.pos;
    if (this.type[close] === T.TemplateControl) this.failUnexpected(close);
    if (this.type[close] !== T.CHeredoc) this.fail(open, 'unterminated heredoc: its closing marker is missing');
    this.advance();
    // The closing token holds the marker's line; the expression ends at the marker.
    const lead = this.source(close).search(/\S/);
    const tokens = this.tokens;
    const range: Range = {
      file: this.path,
      line: tokens.line[open]!,
      column: tokens.col[open]!,
      endLine: tokens.line[close]!,
      endColumn: tokens.col[close]! + lead + marker.length,
    };
    this.lastEnd = this.start[close]! + lead + marker.length;
    return templateExpr(parts, range);
  }

  /**
   * `<<-` removes the smallest indentation of the heredoc's non-blank lines;
   * interpolations and whole directives count as text there.
   */
  private flushIndent(regionStart: number): number {
    const masks: [number, number][] = [];
    let directives = 0;
    let directiveStart = 0;
    let at = this.pos;
    for (let type = this.type[at]; type !== T.CHeredoc && type !== T.EOF; type = this.type[at]) {
      if (type !== T.TemplateInterp && type !== T.TemplateControl) {
        at++;
        continue;
      }
      const close = this.sequenceEnd(at);
      if (type === T.TemplateInterp) {
        if (directives === 0) masks.push([this.start[at]!, this.end[close]!]);
      } else if (this.isWord(at + 1, 'if') || this.isWord(at + 1, 'for')) {
        if (directives++ === 0) directiveStart = this.start[at]!;
      } else if (this.isWord(at + 1, 'endif') || this.isWord(at + 1, 'endfor')) {
        if (--directives === 0) masks.push([directiveStart, this.end[close]!]);
      }
      at = close + 1;
    }
    let masked = this.text.slice(regionStart, this.start[at]);
    for (const [from, to] of masks) masked = masked.slice(0, from - regionStart) + 'x'.repeat(to - from) + masked.slice(to - regionStart);
    let min = Infinity;
    for (const line of masked.split('\n')) {
      if (line.trim() === '') continue;
      min = Math.min(min, line.length - line.trimStart().length);
    }
    return Number.isFinite(min) ? min : 0;
  }

  /** The `}` closing the `${` or `%{` at `open` (or the end of the file). */
  private sequenceEnd(open: number): number {
    let depth = 0;
    for (let at = open; ; at++) {
      const type = this.type[at];
      if (type === T.TemplateInterp || type === T.TemplateControl) depth++;
      else if (type === T.TemplateSeqEnd && --depth === 0) return at;
      else if (type === T.EOF) return at;
    }
  }

  /**
   * Template parts up to the end of the string or heredoc, or up to an `else`,
   * `endif` or `endfor` tag, which is left for the caller. Literal text is read
   * from the source between sequences; `~` markers trim the text next to them.
   */
  private templateSequence(text: TemplateText, from: number, trimFirst: boolean): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let cursor = from;
    let trimNext = trimFirst;
    for (;;) {
      const at = this.pos;
      const type = this.type[at];
      if (type === T.QuotedLit || type === T.StringLit) {
        this.pos++;
        continue;
      }
      if (type === T.TemplateInterp) {
        pushText(parts, text.slice(cursor, this.start[at]!), trimNext, isStripOpen(this.end[at]! - this.start[at]!));
        this.advance();
        this.inBrackets++;
        const expr = this.expression();
        const close = this.expect(T.TemplateSeqEnd, '}');
        this.inBrackets--;
        parts.push({ t: 'interp', expr });
        cursor = this.end[close]!;
        trimNext = isStripClose(this.end[close]! - this.start[close]!);
        continue;
      }
      if (type === T.TemplateControl && (this.isWord(at + 1, 'if') || this.isWord(at + 1, 'for'))) {
        pushText(parts, text.slice(cursor, this.start[at]!), trimNext, isStripOpen(this.end[at]! - this.start[at]!));
        this.enter();
        const part = this.isWord(at + 1, 'if') ? this.templateIf(text) : this.templateFor(text);
        this.nesting--;
        parts.push(part);
        // The directive's last tag was just read.
        const close = this.pos - 1;
        cursor = this.end[close]!;
        trimNext = isStripClose(this.end[close]! - this.start[close]!);
        continue;
      }
      const trimLast = type === T.TemplateControl && isStripOpen(this.end[at]! - this.start[at]!);
      pushText(parts, text.slice(cursor, this.start[at]!), trimNext, trimLast);
      return fit(parts);
    }
  }

  private templateIf(text: TemplateText): TemplatePart {
    this.pos += 2;
    this.inBrackets++;
    const cond = this.expression();
    const introEnd = this.expect(T.TemplateSeqEnd, '}');
    this.inBrackets--;
    const then = this.templateSequence(text, this.end[introEnd]!, isStripClose(this.end[introEnd]! - this.start[introEnd]!));
    let otherwise: TemplatePart[] = [];
    if (this.isTag('else')) {
      const elseEnd = this.tag('else');
      otherwise = this.templateSequence(text, this.end[elseEnd]!, isStripClose(this.end[elseEnd]! - this.start[elseEnd]!));
    }
    this.tag('endif');
    return { t: 'if', cond, then, else: otherwise };
  }

  private templateFor(text: TemplateText): TemplatePart {
    this.pos += 2;
    this.inBrackets++;
    const { keyVar, valueVar } = this.forNames();
    this.keyword('in');
    const collection = this.expression();
    const introEnd = this.expect(T.TemplateSeqEnd, '}');
    this.inBrackets--;
    const body = this.templateSequence(text, this.end[introEnd]!, isStripClose(this.end[introEnd]! - this.start[introEnd]!));
    this.tag('endfor');
    return { t: 'for', keyVar, valueVar, collection, body };
  }

  private isTag(keyword: string): boolean {
    return this.type[this.pos] === T.TemplateControl && this.isWord(this.pos + 1, keyword);
  }

  /** `%{ keyword }` (with any `~`); returns the index of its closing `}`. */
  private tag(keyword: string): number {
    if (!this.isTag(keyword)) {
      if (this.type[this.pos] === T.TemplateControl) this.failUnexpected(this.pos);
      this.fail(this.pos, `missing "%{ ${keyword} }"`);
    }
    this.pos += 2;
    this.inBrackets++;
    const close = this.expect(T.TemplateSeqEnd, '}');
    this.inBrackets--;
    return close;
  }
}

// ---------------------------------------------------------------------------
// Helpers

/**
 * A copy of `items` without spare capacity. Arrays grown by `push` keep room for
 * 16 more elements; the syntax of a whole tree of files stays in memory, and
 * that slack made up a large share of it.
 */
function fit<T>(items: T[]): T[] {
  return items.slice();
}

function fitBody(body: BodySyntax): void {
  body.attributes = fit(body.attributes);
  body.blocks = fit(body.blocks);
}

// ---------------------------------------------------------------------------
// Template text

/** `${~` / `%{~` opens with a strip marker. */
function isStripOpen(length: number): boolean {
  return length === 3;
}

/** `~}` closes with a strip marker. */
function isStripClose(length: number): boolean {
  return length === 2;
}

function pushText(parts: TemplatePart[], literal: string, trimStart: boolean, trimEnd: boolean): void {
  let text = literal;
  if (trimStart) text = text.trimStart();
  if (trimEnd) text = text.trimEnd();
  if (text) parts.push({ t: 'text', text });
}

/** Text only reads as a string literal; anything else stays a template. */
function templateExpr(parts: TemplatePart[], range: Range): Expr {
  let value = '';
  for (const part of parts) {
    if (part.t !== 'text') return { t: 'template', parts, range };
    value += part.text;
  }
  return { t: 'literal', value, range };
}

/** Literal template text: escapes decoded, `<<-` indentation removed. */
class TemplateText {
  constructor(
    private readonly source: string,
    private readonly heredoc: boolean,
    private readonly indent: number,
    private readonly regionStart: number,
  ) {}

  slice(from: number, to: number): string {
    const raw = this.indent > 0 ? this.unindent(from, to) : this.source.slice(from, to);
    return this.heredoc ? raw.replace(/([$%])\1\{/g, '$1{') : quotedText(raw);
  }

  private unindent(from: number, to: number): string {
    let out = '';
    let at = from;
    while (at < to) {
      const atLineStart = at === this.regionStart || this.source[at - 1] === '\n';
      if (atLineStart) {
        const lineEnd = this.source.indexOf('\n', at);
        const line = this.source.slice(at, lineEnd < 0 ? undefined : lineEnd);
        // Blank lines are kept as written, as HCL does.
        if (line.trim() !== '') at += Math.min(this.indent, to - at);
      }
      const next = this.source.indexOf('\n', at);
      const stop = next < 0 || next >= to ? to : next + 1;
      out += this.source.slice(at, stop);
      at = stop;
    }
    return out;
  }
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/** The text of a quoted string's literal part: escapes decoded, `$${` and `%%{` unescaped. */
function quotedText(raw: string): string {
  // Most strings have neither escapes nor braces.
  if (raw.indexOf('\\') < 0 && raw.indexOf('{') < 0) return raw;
  return raw.replace(
    /\\(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt"\\])|([$%])\2\{/g,
    (whole, escape: string | undefined, sigil: string | undefined) => {
      if (sigil) return `${sigil}{`;
      if (!escape) return whole;
      if (escape.length > 1) return String.fromCodePoint(parseInt(escape.slice(1), 16));
      return SIMPLE_ESCAPES[escape] ?? whole;
    },
  );
}

// ---------------------------------------------------------------------------
// Files

const table = new TokenTable();

/** One parse of `text`: everything read, and the first error if any. */
function parseText(path: string, text: string): FileSyntax {
  table.reset(path, text);
  for (const issue of tokenizeInto(text, table)) table.invalid.set(issue.offset, issue.reason);
  const parser = new Parser(path, text, table);
  const body: BodySyntax = { attributes: [], blocks: [] };
  parser.body(body, false);
  fitBody(body);
  return { path, body, comments: fit(table.comments), errors: parser.error ? [parser.error] : [] };
}

const BLOCK_HEADER = /^[A-Za-z_][\w-]*(\s+("[^"\n]*"|[A-Za-z_][\w-]*))*\s*\{/;
const HEREDOC_START = /<<-?([A-Za-z_][\w-]*)\s*$/;

/** Line numbers (0-based) where a top-level block starts: a block header at column 0, outside heredocs. */
function topLevelStarts(lines: string[]): number[] {
  const starts: number[] = [];
  let heredocEnd: string | undefined;
  lines.forEach((line, index) => {
    if (heredocEnd !== undefined) {
      if (line.trim() === heredocEnd) heredocEnd = undefined;
      return;
    }
    if (BLOCK_HEADER.test(line)) starts.push(index);
    heredocEnd = HEREDOC_START.exec(line)?.[1];
  });
  return starts;
}

/**
 * Parses a file with errors block by block, so that a broken block (an unclosed
 * one above all) cannot swallow the ones after it. Each piece is padded with
 * empty lines to keep its positions.
 */
function parseByBlock(path: string, text: string, whole: FileSyntax): FileSyntax {
  const lines = text.split('\n');
  const starts = topLevelStarts(lines);
  if (starts.length <= 1) return whole;
  const pieces = starts.map((start, index) => {
    const from = index === 0 ? 0 : start;
    const to = starts[index + 1] ?? lines.length;
    return parseText(path, '\n'.repeat(from) + lines.slice(from, to).join('\n'));
  });
  return {
    path,
    body: { attributes: pieces.flatMap((piece) => piece.body.attributes), blocks: pieces.flatMap((piece) => piece.body.blocks) },
    comments: pieces.flatMap((piece) => piece.comments),
    errors: pieces.flatMap((piece) => piece.errors),
  };
}

/**
 * Parses HCL native syntax (LF line ends expected). Never throws on bad HCL:
 * each broken top-level block gives one error, at the first place that could not
 * be read, and everything readable around it is still returned.
 */
export function parseHcl(path: string, text: string): FileSyntax {
  const whole = parseText(path, text);
  const syntax = whole.errors.length === 0 ? whole : parseByBlock(path, text, whole);
  const encoding = encodingErrors(path, text);
  const redefined = redefinedArguments(path, syntax.body);
  if (encoding.length === 0 && redefined.length === 0) return syntax;
  // A byte that is not UTF-8 is the cause of whatever else failed on its line.
  const badLines = new Set(encoding.map((error) => error.range.line));
  const errors = [...encoding, ...syntax.errors.filter((error) => !badLines.has(error.range.line)), ...redefined];
  errors.sort((a, b) => a.range.line - b.range.line || a.range.column - b.range.column);
  return { ...syntax, errors };
}

/** Bytes of the file that are not UTF-8 (see `./source`), the first of each line. */
function encodingErrors(path: string, text: string): ParseError[] {
  return invalidBytes(text).map(({ offset, byte }) => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const line = text.slice(0, offset).split('\n').length;
    const column = offset - lineStart + 1;
    const hex = byte.toString(16).toUpperCase().padStart(2, '0');
    return {
      file: path,
      message: `invalid character encoding: byte 0x${hex} is not UTF-8, and Terraform reads only UTF-8 files (save the file as UTF-8)`,
      range: { file: path, line, column, endLine: line, endColumn: column + 1 },
    };
  });
}

/** An argument set a second time in the same body, which HCL rejects ("Attribute redefined"); nested blocks are bodies of their own. */
function redefinedArguments(path: string, body: BodySyntax): ParseError[] {
  const errors: ParseError[] = [];
  const first = new Map<string, AttributeSyntax>();
  for (const attribute of body.attributes) {
    const earlier = first.get(attribute.name);
    if (!earlier) first.set(attribute.name, attribute);
    else
      errors.push({
        file: path,
        message: `argument "${attribute.name}" is already set on line ${earlier.range.line} of this block; each argument may be set only once`,
        range: attribute.nameRange,
      });
  }
  for (const block of body.blocks) errors.push(...redefinedArguments(path, block.body));
  return errors;
}

/** Parses a file synchronously. Never throws on bad HCL: errors are returned with their range (the first one of each broken top-level block). */
export function parseFileSync(path: string, text: string): FileSyntax {
  // CRLF → LF keeps every line and column as it is while making templates see plain newlines.
  return parseHcl(path, text.includes('\r') ? text.replace(/\r\n/g, '\n') : text);
}

/** Parses one file; see `parseFileSync`. */
export function parseFile(path: string, text: string): Promise<FileSyntax> {
  return Promise.resolve(parseFileSync(path, text));
}
