/**
 * `terraform fmt`: its rewrites (`./rewrite`: interpolation-only values
 * unwrapped, labels quoted, legacy variable types modernised), then the
 * canonical layout of hclwrite's `Format`, where only the blanks between
 * tokens change.
 *
 * The source is cut into lines at newline tokens (line comments own their
 * newline). Each line has up to three cells: the `lead`, an `assign` cell
 * starting at the first `=` when the right-hand side is bracket-balanced, and
 * a trailing line-comment cell. Then, in order: lines are indented by bracket
 * nesting, tokens inside each cell are spaced by pairwise rules, and the
 * `assign` and comment cells of consecutive lines are aligned in columns.
 */
import { type Token, TokenType, tokenize } from './lexer';
import { applyFmtRewrites } from './rewrite';

/** Token index ranges of one line: lead is [start, leadEnd), assign [assign, assignEnd), comment [comment, end). */
interface Line {
  start: number;
  /** Index of the `=` that opens the assign cell, or -1. */
  assign: number;
  /** Index of the trailing line comment, or -1. */
  comment: number;
  end: number;
  /** Columns of the lead cell once indented and spaced; -1 until measured. */
  leadWidth: number;
}

/** hclwrite's placeholder for "no neighbouring token"; distinct from every real type. */
const NIL = -1;

function leadEnd(line: Line): number {
  if (line.assign >= 0) return line.assign;
  return line.comment >= 0 ? line.comment : line.end;
}

function assignEnd(line: Line): number {
  return line.comment >= 0 ? line.comment : line.end;
}

function bracketChange(type: TokenType): number {
  switch (type) {
    case TokenType.OBrace:
    case TokenType.OBrack:
    case TokenType.OParen:
    case TokenType.TemplateControl:
    case TokenType.TemplateInterp:
      return 1;
    case TokenType.CBrace:
    case TokenType.CBrack:
    case TokenType.CParen:
    case TokenType.TemplateSeqEnd:
      return -1;
    default:
      return 0;
  }
}

/** Net bracket depth change of tokens [from, to); a heredoc opener ends the count because its body is opaque. */
function netBrackets(tokens: Token[], from: number, to: number): number {
  let net = 0;
  for (let i = from; i < to; i++) {
    const type = (tokens[i] as Token).type;
    net += bracketChange(type);
    if (type === TokenType.OHeredoc) break;
  }
  return net;
}

function endsLine(token: Token, source: string): boolean {
  if (token.type === TokenType.Newline) return true;
  return token.type === TokenType.Comment && source.charCodeAt(token.end - 1) === 10;
}

function splitLines(tokens: Token[], source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const last = tokens.length - 1; // the EOF token belongs to no line
  for (let i = 0; i < last; i++) {
    if (endsLine(tokens[i] as Token, source)) {
      lines.push(cellsOf(tokens, start, i + 1));
      start = i + 1;
    }
  }
  lines.push(cellsOf(tokens, start, last));
  return lines;
}

function cellsOf(tokens: Token[], start: number, end: number): Line {
  const line: Line = { start, assign: -1, comment: -1, end, leadWidth: -1 };
  if (end - start > 1 && (tokens[end - 1] as Token).type === TokenType.Comment) line.comment = end - 1;
  const lead = line.comment >= 0 ? line.comment : end;
  for (let i = start + 1; i < lead; i++) {
    if ((tokens[i] as Token).type !== TokenType.Equal) continue;
    // Only a bracket-balanced right-hand side is a single-line value worth aligning.
    if (netBrackets(tokens, i, lead) === 0) line.assign = i;
    break;
  }
  return line;
}

/**
 * Indents each line by two spaces per open bracket group. A line that opens
 * several brackets at once counts as one level, and closing them unwinds it.
 */
function indentLines(lines: Line[], tokens: Token[]): void {
  const levels: number[] = [];
  for (const line of lines) {
    if (line.start === line.end) continue;
    const first = tokens[line.start] as Token;
    if (first.type === TokenType.Newline) {
      first.spaces = 0;
      continue;
    }
    const net = netBrackets(tokens, line.start, leadEnd(line)) + (line.assign >= 0 ? netBrackets(tokens, line.assign, assignEnd(line)) : 0);
    if (net > 0) {
      first.spaces = 2 * levels.length;
      levels.push(net);
      continue;
    }
    let closed = -net;
    while (closed > 0 && levels.length > 0) {
      const top = levels[levels.length - 1] as number;
      if (closed < top) {
        levels[levels.length - 1] = top - closed;
        closed = 0;
      } else {
        levels.pop();
        closed -= top;
      }
    }
    first.spaces = 2 * levels.length;
  }
}

function isInKeyword(token: Token, source: string): boolean {
  return token.type === TokenType.Ident && token.end - token.start === 2 && source.startsWith('in', token.start);
}

/** Whether one space separates `subject` from `after`, given the token before `subject`. */
function spaceAfter(subject: Token, before: Token | undefined, after: Token, source: string): boolean {
  const s = subject.type;
  const b = before === undefined ? NIL : before.type;
  const a = after.type;
  if (a === TokenType.Newline) return false;
  if (s === TokenType.DoubleColon || a === TokenType.DoubleColon) return false;
  if (s === TokenType.Ident && a === TokenType.OParen) return false;
  if (s === TokenType.Dot || a === TokenType.Dot) return false;
  if (a === TokenType.Comma || a === TokenType.Ellipsis) return false;
  if (s === TokenType.Comma) return true;
  if (
    s === TokenType.QuotedLit ||
    s === TokenType.StringLit ||
    s === TokenType.OQuote ||
    s === TokenType.OHeredoc ||
    a === TokenType.QuotedLit ||
    a === TokenType.StringLit ||
    a === TokenType.CQuote ||
    a === TokenType.CHeredoc
  ) {
    return false;
  }
  // `[for x in [a]: x]`: `in` after an identifier is the keyword, not a reference being indexed.
  if (b === TokenType.Ident && isInKeyword(subject, source)) return true;
  if (a === TokenType.OBrack && (s === TokenType.Ident || s === TokenType.NumberLit || bracketChange(s) < 0)) return false;
  if (s === TokenType.Minus) return !minusIsNegationAfter(b);
  if (s === TokenType.OBrace || a === TokenType.CBrace) return !(s === TokenType.OBrace && a === TokenType.CBrace);
  if ((s === TokenType.TemplateInterp || s === TokenType.TemplateControl) && a === TokenType.OBrace) return true;
  if (s === TokenType.CBrace && a === TokenType.TemplateSeqEnd) return true;
  if (s === TokenType.TemplateSeqEnd && (a === TokenType.TemplateInterp || a === TokenType.TemplateControl)) return false;
  if (bracketChange(s) > 0 || bracketChange(a) < 0) return false;
  return s !== TokenType.Bang;
}

/** A minus after these tokens is taken as negation (no space follows it) rather than subtraction. */
function minusIsNegationAfter(before: TokenType | typeof NIL): boolean {
  switch (before) {
    case NIL:
    case TokenType.OParen:
    case TokenType.OBrace:
    case TokenType.OBrack:
    case TokenType.Equal:
    case TokenType.Colon:
    case TokenType.Comma:
    case TokenType.Question:
    case TokenType.Plus:
    case TokenType.Star:
    case TokenType.Slash:
    case TokenType.Percent:
    case TokenType.Minus:
    case TokenType.EqualOp:
    case TokenType.NotEqual:
    case TokenType.GreaterThan:
    case TokenType.GreaterThanEq:
    case TokenType.LessThan:
    case TokenType.LessThanEq:
    case TokenType.And:
    case TokenType.Or:
    case TokenType.Bang:
      return true;
    default:
      return false;
  }
}

/** Sets the blanks between neighbouring tokens of [from, to); the first token's blanks are left to the caller. */
function spaceRange(tokens: Token[], from: number, to: number, source: string): void {
  for (let i = from + 1; i < to; i++) {
    const after = tokens[i] as Token;
    after.spaces = spaceAfter(tokens[i - 1] as Token, i - 2 >= from ? tokens[i - 2] : undefined, after, source) ? 1 : 0;
  }
}

function spaceLines(lines: Line[], tokens: Token[], source: string): void {
  for (const line of lines) {
    spaceRange(tokens, line.start, leadEnd(line), source);
    if (line.assign >= 0) spaceRange(tokens, line.assign, assignEnd(line), source);
  }
}

let graphemeSegmenter: Intl.Segmenter | undefined;

/** Grapheme clusters in source[start, end), which is how hclwrite measures columns. */
function graphemes(source: string, start: number, end: number): number {
  let crlf = 0;
  for (let i = start; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c >= 128) {
      graphemeSegmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
      let count = 0;
      for (const _cluster of graphemeSegmenter.segment(source.slice(start, end))) count++;
      return count;
    }
    if (c === 10 && i > start && source.charCodeAt(i - 1) === 13) crlf++;
  }
  return end - start - crlf;
}

function columns(tokens: Token[], from: number, to: number, source: string): number {
  let total = 0;
  for (let i = from; i < to; i++) {
    const token = tokens[i] as Token;
    total += token.spaces + graphemes(source, token.start, token.end);
  }
  return total;
}

/**
 * Aligns a cell across runs of consecutive lines that all have it: each
 * cell starts one column after the widest text preceding it in the run.
 */
function alignCell(lines: Line[], tokens: Token[], cellOf: (line: Line) => number, widthBefore: (line: Line) => number): void {
  let runStart = -1;
  let widest = 0;
  const closeRun = (runEnd: number): void => {
    for (let i = runStart; i < runEnd; i++) {
      const line = lines[i] as Line;
      (tokens[cellOf(line)] as Token).spaces = widest - widthBefore(line) + 1;
    }
    runStart = -1;
    widest = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as Line;
    if (cellOf(line) < 0) {
      if (runStart >= 0) closeRun(i);
      continue;
    }
    if (runStart < 0) runStart = i;
    widest = Math.max(widest, widthBefore(line));
  }
  if (runStart >= 0) closeRun(lines.length);
}

function alignCells(lines: Line[], tokens: Token[], source: string): void {
  // Aligning the assign cells never touches a lead, so each lead is measured once.
  const widthOfLead = (line: Line): number => {
    if (line.leadWidth < 0) line.leadWidth = columns(tokens, line.start, leadEnd(line), source);
    return line.leadWidth;
  };
  alignCell(lines, tokens, (line) => line.assign, widthOfLead);
  alignCell(
    lines,
    tokens,
    (line) => line.comment,
    (line) => widthOfLead(line) + (line.assign >= 0 ? columns(tokens, line.assign, assignEnd(line), source) : 0),
  );
}

const BLANKS: string[] = [];

function blanks(count: number): string {
  let text = BLANKS[count];
  if (text === undefined) {
    text = ' '.repeat(count);
    BLANKS[count] = text;
  }
  return text;
}

/** Whether source[from, to) is exactly `spaces` space characters. */
function isBlankRun(source: string, from: number, to: number, spaces: number): boolean {
  if (to - from !== spaces) return false;
  for (let i = from; i < to; i++) if (source.charCodeAt(i) !== 32) return false;
  return true;
}

/** Writes the tokens back, copying runs that are contiguous and unchanged in the source as one slice. */
function render(tokens: Token[], source: string): string {
  let out = '';
  let runStart = 0;
  let runEnd = 0;
  for (const token of tokens) {
    if (isBlankRun(source, runEnd, token.start, token.spaces)) {
      runEnd = token.end;
      continue;
    }
    out += source.slice(runStart, runEnd);
    if (token.spaces > 0) out += blanks(token.spaces);
    runStart = token.start;
    runEnd = token.end;
  }
  return out + source.slice(runStart, runEnd);
}

/** Format HCL source exactly as `terraform fmt` does. Input that does not tokenize is returned unchanged; input that does not parse is only laid out. */
export function formatHcl(source: string): string {
  const lexed = tokenize(source);
  if (!lexed.ok) return source;
  const rewritten = applyFmtRewrites(source, lexed.tokens);
  return rewritten === source ? layOut(source, lexed.tokens) : layoutHcl(rewritten);
}

/** hclwrite's `Format` alone: the blanks between tokens, without terraform fmt's rewrites. */
export function layoutHcl(source: string): string {
  const lexed = tokenize(source);
  return lexed.ok ? layOut(source, lexed.tokens) : source;
}

function layOut(source: string, tokens: Token[]): string {
  const lines = splitLines(tokens, source);
  indentLines(lines, tokens);
  spaceLines(lines, tokens, source);
  alignCells(lines, tokens, source);
  return render(tokens, source);
}
