/**
 * Text edits on a module's files that fixes are made of: set an argument, add
 * an argument or a nested block to a block, remove a nested block, rename the
 * references to a resource, append blocks to a file. Each edit touches only the
 * lines it is about: comments and layout elsewhere stay as they are. New lines
 * are indented as their neighbours; the fix engine formats a file that was
 * formatted before, which aligns the `=` of a new argument with its group.
 */
import { tokenize, TokenType, type Token } from '../hcl/lexer';
import { lineStarts, offsetAt, type TextEdit } from '../hcl/edits';
import type { Range } from '../hcl/syntax';
import type { Attribute, Block, TfFile, TfModule } from './types';

export type { TextEdit } from '../hcl/edits';

const starts = new WeakMap<TfFile, number[]>();

function startsOf(file: TfFile): number[] {
  let found = starts.get(file);
  if (!found) starts.set(file, (found = lineStarts(file.text)));
  return found;
}

/** The file of the module a block or range is in. */
export function fileOf(module: TfModule, path: string): TfFile | undefined {
  return module.files.find((file) => file.path === path);
}

/** Offset of the start of a range, and of its end. */
export function offsetsOf(file: TfFile, range: Range): [number, number] {
  const lines = startsOf(file);
  return [offsetAt(lines, range.line, range.column), offsetAt(lines, range.endLine, range.endColumn)];
}

/** The blanks a 1-based line starts with. */
function indentOf(file: TfFile, line: number): string {
  return /^[ \t]*/.exec(file.lines[line - 1] ?? '')?.[0] ?? '';
}

/** One indentation step, as `terraform fmt` writes it. */
const STEP = '  ';

/** Replace an argument's value by `text`. */
export function replaceValue(file: TfFile, attribute: Attribute, text: string): TextEdit {
  const [start, end] = offsetsOf(file, attribute.exprRange);
  return { file: file.path, start, end, text };
}

/** Where a new item goes in a block's body. */
export type Placement = { after: Attribute } | { before: Block } | 'end';

/**
 * Add one item (an argument, or a nested block, given as unindented lines) to a
 * block's body. A block written on one line is opened over several lines.
 * Undefined for a `dynamic` block, whose range is the wrapper's and not its content's.
 */
export function addToBody(file: TfFile, block: Block, item: readonly string[], place: Placement): TextEdit | undefined {
  if (typeof place === 'object' && 'after' in place && block.range.line !== block.range.endLine) return addAfter(file, place.after, item);
  if (block.dynamic) return undefined;
  const base = indentOf(file, block.range.line);
  if (block.range.line === block.range.endLine) return openOneLineBlock(file, block, item, base);
  const isBlock = item.length > 1;
  if (typeof place === 'object' && 'before' in place) {
    const first = place.before.leadingComments[0]?.range.line ?? place.before.range.line;
    const at = offsetAt(startsOf(file), first, 1);
    const text = indented(item, indentOf(file, place.before.range.line));
    return { file: file.path, start: at, end: at, text: isBlock ? `${text}\n` : text };
  }
  const at = offsetAt(startsOf(file), block.range.endLine, 1);
  const last = lastItem(block);
  const blank = last !== undefined && (isBlock || last.isBlock) ? '\n' : '';
  return { file: file.path, start: at, end: at, text: blank + indented(item, last ? indentOf(file, last.line) : base + STEP) };
}

/** On the line below an argument, when nothing but a comment follows it on its line. */
function addAfter(file: TfFile, attribute: Attribute, item: readonly string[]): TextEdit | undefined {
  const end = offsetsOf(file, attribute.range)[1];
  const lineEnd = file.text.indexOf('\n', end);
  if (lineEnd < 0 || !/^\s*(#.*|\/\/.*)?$/.test(file.text.slice(end, lineEnd))) return undefined;
  const at = lineEnd + 1;
  return { file: file.path, start: at, end: at, text: indented(item, indentOf(file, attribute.range.line)) };
}

/** The first line of the last argument or nested block of a body (its indentation is the body's), and which it is. */
function lastItem(block: Block): { line: number; isBlock: boolean } | undefined {
  let last: { line: number; end: number; isBlock: boolean } | undefined;
  for (const attribute of Object.values(block.attributes))
    if (!last || attribute.range.endLine > last.end) last = { line: attribute.range.line, end: attribute.range.endLine, isBlock: false };
  for (const inner of block.blocks)
    if (!last || inner.range.endLine > last.end) last = { line: inner.range.line, end: inner.range.endLine, isBlock: true };
  return last;
}

function indented(lines: readonly string[], indent: string): string {
  return lines.map((line) => (line === '' ? '\n' : `${indent}${line}\n`)).join('');
}

/** `x { a = 1 }` → `x {\n  a = 1\n  <item>\n}`, keeping what the braces held. */
function openOneLineBlock(file: TfFile, block: Block, item: readonly string[], base: string): TextEdit | undefined {
  const [headerEnd, end] = [offsetsOf(file, block.headerRange)[1], offsetsOf(file, block.range)[1]];
  const open = file.text.indexOf('{', headerEnd);
  const close = end - 1;
  if (open < 0 || open >= close || file.text[close] !== '}') return undefined;
  const inner = file.text.slice(open + 1, close).trim();
  const body = inner === '' ? [] : [inner];
  const separator = inner !== '' && item.length > 1 ? [''] : [];
  const text = `{\n${indented([...body, ...separator, ...item], base + STEP)}${base}}`;
  return { file: file.path, start: open, end: close + 1, text };
}

/**
 * Remove a nested block with its leading comments, whole lines only; and the
 * blank line above it when the parent's closing brace follows. Undefined when
 * something else shares its lines.
 */
export function removeFromBody(file: TfFile, inner: Block): TextEdit | undefined {
  const first = inner.leadingComments[0]?.range.line ?? inner.range.line;
  const [start, end] = offsetsOf(file, inner.range);
  const lines = startsOf(file);
  const from = offsetAt(lines, first, 1);
  const lineEnd = file.text.indexOf('\n', end);
  const to = lineEnd < 0 ? file.text.length : lineEnd + 1;
  if (file.text.slice(offsetAt(lines, inner.range.line, 1), start).trim() !== '' || !/^\s*(#.*|\/\/.*)?$/.test(file.text.slice(end, to)))
    return undefined;
  const above = file.lines[first - 2];
  const below = file.lines[inner.range.endLine] ?? '';
  const dropBlank = above !== undefined && above.trim() === '' && below.trim() === '}';
  return { file: file.path, start: dropBlank ? offsetAt(lines, first - 1, 1) : from, end: to, text: '' };
}

/** Blocks appended at the end of a file, one blank line after what is there. */
export function appendToFile(file: TfFile, text: string): TextEdit {
  const end = file.text.length;
  const separator = file.text.trim() === '' ? '' : file.text.endsWith('\n') ? '\n' : '\n\n';
  return { file: file.path, start: end, end, text: separator + text };
}

const tokenCache = new WeakMap<TfFile, Token[] | null>();

function tokensOf(file: TfFile): Token[] | undefined {
  let tokens = tokenCache.get(file);
  if (tokens === undefined) {
    const lexed = tokenize(file.text);
    tokenCache.set(file, (tokens = lexed.ok ? lexed.tokens : null));
  }
  return tokens ?? undefined;
}

/**
 * Edits renaming one part of every reference in the module that starts with
 * `path` (`['kubernetes_service', 'web']`, `['data', 'kubernetes_secret', 'x']`):
 * the part at `index` becomes `name`. References are read from the tokens, so
 * text in strings and comments is left alone and every occurrence is found,
 * inside templates and heredocs too. Blocks in `skip` keep their references.
 * Undefined when a file does not tokenize (a reference might hide there).
 */
export function renameReferences(
  module: TfModule,
  path: readonly string[],
  index: number,
  name: string,
  skip: readonly Block[] = [],
): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const file of module.files) {
    const tokens = tokensOf(file);
    if (!tokens) return undefined;
    const skipped = skip.filter((block) => block.file === file.path).map((block) => offsetsOf(file, block.range));
    const text = (token: Token | undefined): string => (token ? file.text.slice(token.start, token.end) : '');
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.type !== TokenType.Ident || text(tokens[i]) !== path[0]) continue;
      if (i > 0 && tokens[i - 1]!.type === TokenType.Dot) continue;
      let matches = true;
      for (let part = 1; part < path.length && matches; part++) {
        const dot = tokens[i + 2 * part - 1];
        const ident = tokens[i + 2 * part];
        matches = dot?.type === TokenType.Dot && ident?.type === TokenType.Ident && text(ident) === path[part];
      }
      if (!matches) continue;
      const target = tokens[i + 2 * index]!;
      if (skipped.some(([from, to]) => target.start >= from && target.end <= to)) continue;
      edits.push({ file: file.path, start: target.start, end: target.end, text: name });
    }
  }
  return edits;
}
