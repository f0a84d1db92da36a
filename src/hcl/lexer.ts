/**
 * Tokenizer for the HCL native syntax, following the token boundaries of
 * hashicorp/hcl's `hclsyntax` scanner closely enough that a formatter working
 * on these tokens reproduces `terraform fmt` byte for byte.
 *
 * Tokens do not carry their text: `start`/`end` index into the source, which
 * keeps tokenizing allocation-light. `spaces` is the number of blank
 * characters (spaces and tabs) skipped between the previous token and this one.
 */

export enum TokenType {
  OBrace,
  CBrace,
  OBrack,
  CBrack,
  OParen,
  CParen,
  OQuote,
  CQuote,
  OHeredoc,
  CHeredoc,
  Star,
  Slash,
  Plus,
  Minus,
  Percent,
  Equal,
  EqualOp,
  NotEqual,
  LessThan,
  LessThanEq,
  GreaterThan,
  GreaterThanEq,
  And,
  Or,
  Bang,
  Dot,
  Comma,
  Ellipsis,
  FatArrow,
  Question,
  Colon,
  /** `::` between the parts of a provider-defined function's name (`provider::kubernetes::manifest_decode`). */
  DoubleColon,
  TemplateInterp,
  TemplateControl,
  TemplateSeqEnd,
  /** Literal text inside a quoted template. */
  QuotedLit,
  /** Literal text inside a heredoc template (each line ends its own token). */
  StringLit,
  NumberLit,
  Ident,
  /** `#` and `//` comments include their terminating newline; `/* *\/` ones do not. */
  Comment,
  Newline,
  EOF,
  /** What a recovering scan could not read (see `tokenizeWithRecovery`); never produced by `tokenize`. */
  Invalid,
}

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  spaces: number;
}

export type LexResult = { ok: true; tokens: Token[] } | { ok: false; offset: number; reason: string };

/** A place a recovering scan could not read; its `Invalid` token starts at `offset`. */
export interface LexIssue {
  offset: number;
  reason: string;
}

/** Takes each token as it is read, so that a parser need not keep a `Token` object per token. */
export interface TokenSink {
  add(type: TokenType, start: number, end: number): void;
}

/** A frame of the scanner's mode stack; the innermost frame decides how the next characters are read. */
type Frame = { kind: 'brace' } | { kind: 'interp' } | { kind: 'quoted' } | { kind: 'heredoc'; marker: string; startOfLine: boolean };

/** The frames without state, shared: a brace, an interpolation or a string opened costs no allocation. */
const BRACE: Frame = { kind: 'brace' };
const INTERP: Frame = { kind: 'interp' };
const QUOTED: Frame = { kind: 'quoted' };

class LexError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_BANG = 33;
const CH_QUOTE = 34;
const CH_HASH = 35;
const CH_DOLLAR = 36;
const CH_PERCENT = 37;
const CH_AMP = 38;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_STAR = 42;
const CH_PLUS = 43;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_0 = 48;
const CH_9 = 57;
const CH_COLON = 58;
const CH_LT = 60;
const CH_EQ = 61;
const CH_GT = 62;
const CH_QUESTION = 63;
const CH_LBRACK = 91;
const CH_BACKSLASH = 92;
const CH_RBRACK = 93;
const CH_UNDERSCORE = 95;
const CH_LBRACE = 123;
const CH_PIPE = 124;
const CH_RBRACE = 125;
const CH_TILDE = 126;
const BOM = 0xfeff;

const NUMBER = /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const IDENT = /[\p{ID_Start}_][\p{ID_Continue}-]*/uy;
const HEREDOC_OPENER = /<<-?([\p{ID_Start}_][\p{ID_Continue}-]*)\r?\n/uy;
/** The characters Go's `unicode.IsSpace` accepts, which is what hclsyntax trims around a heredoc end marker. */
const GO_SPACE_EDGES =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

function isAsciiIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === CH_UNDERSCORE;
}

function isAsciiIdentContinue(c: number): boolean {
  return isAsciiIdentStart(c) || (c >= CH_0 && c <= CH_9) || c === CH_MINUS;
}

class Scanner {
  private pos: number;
  private pendingSpaces = 0;
  private readonly stack: Frame[] = [];
  readonly tokens: Token[] = [];
  readonly issues: LexIssue[] = [];

  /**
   * `recover`: instead of stopping, emit an `Invalid` token for what cannot be read and go on.
   * `sink`: tokens go there instead of into `tokens`.
   */
  constructor(
    private readonly src: string,
    private readonly recover = false,
    private readonly sink?: TokenSink,
  ) {
    // hclsyntax drops a leading byte-order mark before scanning.
    this.pos = src.charCodeAt(0) === BOM ? 1 : 0;
  }

  run(): Token[] {
    const src = this.src;
    while (this.pos < src.length) {
      const top = this.stack[this.stack.length - 1];
      if (top === undefined || top.kind === 'brace' || top.kind === 'interp') this.scanExpression();
      else if (top.kind === 'quoted') this.scanQuoted();
      else this.scanHeredoc(top);
    }
    // Like hclsyntax, an unterminated string or heredoc simply ends at EOF.
    this.emit(TokenType.EOF, src.length);
    return this.tokens;
  }

  private emit(type: TokenType, end: number): void {
    if (this.sink) this.sink.add(type, this.pos, end);
    else this.tokens.push({ type, start: this.pos, end, spaces: this.pendingSpaces });
    this.pendingSpaces = 0;
    this.pos = end;
  }

  /** Stops the scan, or when recovering covers `this.pos` to `end` with an `Invalid` token. */
  private fail(reason: string, end = this.pos + 1): void {
    if (!this.recover) throw new LexError(this.pos, reason);
    this.issues.push({ offset: this.pos, reason });
    this.emit(TokenType.Invalid, Math.max(end, this.pos + 1));
  }

  /** A quoted string cut by a line end: when recovering, the string is closed there, empty-handed. */
  private failQuoted(reason: string): void {
    if (!this.recover) throw new LexError(this.pos, reason);
    this.issues.push({ offset: this.pos, reason });
    this.stack.pop();
    this.emit(TokenType.Invalid, this.pos);
  }

  /** Reads one token of expression syntax (top level, block bodies, interpolations). */
  private scanExpression(): void {
    const src = this.src;
    let pos = this.pos;
    let c = src.charCodeAt(pos);
    while (c === CH_SPACE || c === CH_TAB) c = src.charCodeAt(++pos);
    this.pendingSpaces += pos - this.pos;
    this.pos = pos;
    if (pos >= src.length) return;
    const next = src.charCodeAt(pos + 1);

    switch (c) {
      case CH_LF:
        return this.emit(TokenType.Newline, pos + 1);
      case CH_CR:
        if (next === CH_LF) return this.emit(TokenType.Newline, pos + 2);
        return this.fail('carriage return without line feed');
      case CH_HASH:
        return this.emit(TokenType.Comment, this.lineCommentEnd(pos));
      case CH_SLASH:
        if (next === CH_SLASH) return this.emit(TokenType.Comment, this.lineCommentEnd(pos));
        if (next === CH_STAR) {
          const close = src.indexOf('*/', pos + 2);
          if (close < 0) return this.fail('unterminated block comment', src.length);
          return this.emit(TokenType.Comment, close + 2);
        }
        return this.emit(TokenType.Slash, pos + 1);
      case CH_QUOTE:
        this.stack.push(QUOTED);
        return this.emit(TokenType.OQuote, pos + 1);
      case CH_LBRACE:
        this.stack.push(BRACE);
        return this.emit(TokenType.OBrace, pos + 1);
      case CH_RBRACE:
        return this.closeBrace(pos + 1);
      case CH_TILDE:
        if (next === CH_RBRACE && this.stack[this.stack.length - 1]?.kind === 'interp') return this.closeBrace(pos + 2);
        return this.fail('unexpected "~"');
      case CH_LT:
        return this.scanLessThan(pos, next);
      case CH_GT:
        return this.emit(next === CH_EQ ? TokenType.GreaterThanEq : TokenType.GreaterThan, next === CH_EQ ? pos + 2 : pos + 1);
      case CH_EQ:
        if (next === CH_EQ) return this.emit(TokenType.EqualOp, pos + 2);
        if (next === CH_GT) return this.emit(TokenType.FatArrow, pos + 2);
        return this.emit(TokenType.Equal, pos + 1);
      case CH_BANG:
        return this.emit(next === CH_EQ ? TokenType.NotEqual : TokenType.Bang, next === CH_EQ ? pos + 2 : pos + 1);
      case CH_AMP:
        if (next === CH_AMP) return this.emit(TokenType.And, pos + 2);
        return this.fail('unexpected "&"');
      case CH_PIPE:
        if (next === CH_PIPE) return this.emit(TokenType.Or, pos + 2);
        return this.fail('unexpected "|"');
      case CH_DOT:
        if (next === CH_DOT && src.charCodeAt(pos + 2) === CH_DOT) return this.emit(TokenType.Ellipsis, pos + 3);
        return this.emit(TokenType.Dot, pos + 1);
      case CH_LBRACK:
        return this.emit(TokenType.OBrack, pos + 1);
      case CH_RBRACK:
        return this.emit(TokenType.CBrack, pos + 1);
      case CH_LPAREN:
        return this.emit(TokenType.OParen, pos + 1);
      case CH_RPAREN:
        return this.emit(TokenType.CParen, pos + 1);
      case CH_COMMA:
        return this.emit(TokenType.Comma, pos + 1);
      case CH_STAR:
        return this.emit(TokenType.Star, pos + 1);
      case CH_PLUS:
        return this.emit(TokenType.Plus, pos + 1);
      case CH_MINUS:
        return this.emit(TokenType.Minus, pos + 1);
      case CH_PERCENT:
        return this.emit(TokenType.Percent, pos + 1);
      case CH_QUESTION:
        return this.emit(TokenType.Question, pos + 1);
      case CH_COLON:
        return src.charCodeAt(pos + 1) === CH_COLON ? this.emit(TokenType.DoubleColon, pos + 2) : this.emit(TokenType.Colon, pos + 1);
    }

    if (c >= CH_0 && c <= CH_9) {
      NUMBER.lastIndex = pos;
      NUMBER.test(src);
      return this.emit(TokenType.NumberLit, NUMBER.lastIndex);
    }
    if (isAsciiIdentStart(c)) {
      let end = pos + 1;
      while (isAsciiIdentContinue(src.charCodeAt(end))) end++;
      if (src.charCodeAt(end) < 128 || end >= src.length) return this.emit(TokenType.Ident, end);
    }
    if (c >= 128 || isAsciiIdentStart(c)) {
      IDENT.lastIndex = pos;
      if (IDENT.test(src)) return this.emit(TokenType.Ident, IDENT.lastIndex);
    }
    const width = c >= 0xd800 && c <= 0xdbff && pos + 1 < src.length ? 2 : 1;
    return this.fail(`unexpected character ${JSON.stringify(src[pos])}`, pos + width);
  }

  private lineCommentEnd(pos: number): number {
    const newline = this.src.indexOf('\n', pos);
    return newline < 0 ? this.src.length : newline + 1;
  }

  private scanLessThan(pos: number, next: number): void {
    if (next === CH_LT) {
      HEREDOC_OPENER.lastIndex = pos;
      const opener = HEREDOC_OPENER.exec(this.src);
      if (opener) {
        this.stack.push({ kind: 'heredoc', marker: opener[1] ?? '', startOfLine: true });
        return this.emit(TokenType.OHeredoc, HEREDOC_OPENER.lastIndex);
      }
    }
    if (next === CH_EQ) return this.emit(TokenType.LessThanEq, pos + 2);
    return this.emit(TokenType.LessThan, pos + 1);
  }

  /** A `}` ends an interpolation when the innermost open brace is the one that began it. */
  private closeBrace(end: number): void {
    const top = this.stack.pop();
    this.emit(top?.kind === 'interp' ? TokenType.TemplateSeqEnd : TokenType.CBrace, end);
  }

  /** `${`, `${~`, `%{` or `%{~` at the current position, or nothing. */
  private scanTemplateOpener(): boolean {
    const src = this.src;
    const pos = this.pos;
    const c = src.charCodeAt(pos);
    if ((c !== CH_DOLLAR && c !== CH_PERCENT) || src.charCodeAt(pos + 1) !== CH_LBRACE) return false;
    const end = src.charCodeAt(pos + 2) === CH_TILDE ? pos + 3 : pos + 2;
    this.stack.push(INTERP);
    this.emit(c === CH_DOLLAR ? TokenType.TemplateInterp : TokenType.TemplateControl, end);
    return true;
  }

  /**
   * Length of a `$${` / `%%{` escape at `pos` (3), of a lone `$`/`%` (1), or 0
   * when `pos` starts a real template sequence.
   */
  private templateSigilLength(pos: number, sigil: number): number {
    const next = this.src.charCodeAt(pos + 1);
    if (next === CH_LBRACE) return 0;
    if (next === sigil && this.src.charCodeAt(pos + 2) === CH_LBRACE) return 3;
    return 1;
  }

  private scanQuoted(): void {
    const src = this.src;
    const c = src.charCodeAt(this.pos);
    if (c === CH_QUOTE) {
      this.stack.pop();
      return this.emit(TokenType.CQuote, this.pos + 1);
    }
    if (this.scanTemplateOpener()) return;
    let pos = this.pos;
    while (pos < src.length) {
      const ch = src.charCodeAt(pos);
      if (ch === CH_QUOTE) break;
      if (ch === CH_LF || ch === CH_CR) {
        this.pos = pos;
        return this.failQuoted('newline in quoted string');
      }
      if (ch === CH_BACKSLASH) {
        const escaped = src.charCodeAt(pos + 1);
        if (escaped === CH_LF || escaped === CH_CR || pos + 1 >= src.length) {
          this.pos = pos;
          return this.failQuoted('backslash at end of line in quoted string');
        }
        pos += 2;
        continue;
      }
      if (ch === CH_DOLLAR || ch === CH_PERCENT) {
        const length = this.templateSigilLength(pos, ch);
        if (length === 0) break;
        pos += length;
        continue;
      }
      pos++;
    }
    this.emit(TokenType.QuotedLit, pos);
  }

  private scanHeredoc(frame: { kind: 'heredoc'; marker: string; startOfLine: boolean }): void {
    const src = this.src;
    if (frame.startOfLine && this.scanHeredocEnd(frame)) return;
    if (this.scanTemplateOpener()) {
      frame.startOfLine = false;
      return;
    }
    let pos = this.pos;
    while (pos < src.length) {
      const ch = src.charCodeAt(pos);
      if (ch === CH_LF) {
        frame.startOfLine = true;
        return this.emit(TokenType.StringLit, pos + 1);
      }
      if (ch === CH_DOLLAR || ch === CH_PERCENT) {
        const length = this.templateSigilLength(pos, ch);
        if (length === 0) break;
        pos += length;
        continue;
      }
      pos++;
    }
    frame.startOfLine = false;
    this.emit(TokenType.StringLit, pos);
  }

  /** Emits the closing marker and its newline when the current line is the heredoc's end marker. */
  private scanHeredocEnd(frame: { marker: string }): boolean {
    const src = this.src;
    const newline = src.indexOf('\n', this.pos);
    if (newline < 0) return false;
    const line = src.slice(this.pos, newline);
    if (line.replace(GO_SPACE_EDGES, '') !== frame.marker) return false;
    const markerEnd = src.charCodeAt(newline - 1) === CH_CR ? newline - 1 : newline;
    this.stack.pop();
    this.emit(TokenType.CHeredoc, markerEnd);
    this.emit(TokenType.Newline, newline + 1);
    return true;
  }
}

/** Splits HCL native-syntax source into tokens, or reports where it stops being tokenizable. */
export function tokenize(source: string): LexResult {
  try {
    return { ok: true, tokens: new Scanner(source).run() };
  } catch (error) {
    if (error instanceof LexError) return { ok: false, offset: error.offset, reason: error.reason };
    throw error;
  }
}

/**
 * Like `tokenize`, but never stops: what cannot be read becomes an `Invalid`
 * token (described in `issues`) and scanning goes on, so a parser can report
 * the problem in context and still read the rest of the file.
 */
export function tokenizeWithRecovery(source: string): { tokens: Token[]; issues: LexIssue[] } {
  const scanner = new Scanner(source, true);
  return { tokens: scanner.run(), issues: scanner.issues };
}

/** `tokenizeWithRecovery`, handing each token to `sink` rather than building `Token` objects. */
export function tokenizeInto(source: string, sink: TokenSink): LexIssue[] {
  const scanner = new Scanner(source, true, sink);
  scanner.run();
  return scanner.issues;
}
