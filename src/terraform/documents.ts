/**
 * Structured documents carried in strings: the object given to `yamlencode` or
 * `jsonencode`, or a YAML/JSON text written out (a heredoc, a quoted string),
 * read back as values that keep the position where each part is written.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Range } from '../hcl/syntax';
import type { LEntry, LVal, TfModule } from './types';

/**
 * The document a string value holds: the encoded object of `yamlencode`/`jsonencode`,
 * or the YAML (JSON included) its text parses to. Undefined for other values, for
 * text that does not parse, and for a plain scalar text.
 */
export function documentOf(value: LVal | undefined, module: TfModule): LVal | undefined {
  if (value?.kind !== 'string') return undefined;
  if (value.encodedFrom) return value.encodedFrom;
  const text = value.value;
  if (!/[:{[]/.test(text)) return undefined;
  const counter = new LineCounter();
  const document = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  if (document.errors.length > 0 || !(isMap(document.contents) || isSeq(document.contents))) return undefined;
  const lines = module.files.find((file) => file.path === value.range.file)?.lines;
  const place = placer(value.range, text, counter, lines);
  return convert(document.contents, place) ?? undefined;
}

type Placer = (start: number, end: number) => Range;

/**
 * Where offsets of a string value's text are in the file. A heredoc's text
 * starts on the line after its opening marker, each line shifted right by the
 * indentation `<<-` removed; in a quoted string every offset is the string's start.
 */
export function stringPlacer(value: Extract<LVal, { kind: 'string' }>, module: TfModule): Placer {
  return stringPlacerIn(value, module.files.find((file) => file.path === value.range.file)?.lines);
}

/** `stringPlacer` given the lines of the file the value is written in (undefined when unknown). */
export function stringPlacerIn(value: Extract<LVal, { kind: 'string' }>, lines: readonly string[] | undefined): Placer {
  const { range, value: text } = value;
  const counter = new LineCounter();
  let at = 0;
  for (const line of text.split('\n')) {
    counter.addNewLine(at);
    at += line.length + 1;
  }
  return placer(range, text, counter, lines);
}

function placer(range: Range, text: string, counter: LineCounter, lines: readonly string[] | undefined): Placer {
  const textLines = text.split('\n');
  const heredoc = range.endLine > range.line && lines !== undefined;
  // A quoted string written without escapes or interpolations: its text follows the opening quote.
  const verbatim = !heredoc && lines?.[range.line - 1]?.startsWith(`"${text}"`, range.column - 1) === true;
  const position = (offset: number): { line: number; column: number } => {
    if (verbatim) return { line: range.line, column: range.column + 1 + offset };
    if (!heredoc) return { line: range.line, column: range.column };
    const { line, col } = counter.linePos(offset);
    const fileLine = lines[range.line + line - 1] ?? '';
    const textLine = textLines[line - 1] ?? '';
    const shift = fileLine.endsWith(textLine) ? fileLine.length - textLine.length : 0;
    return { line: range.line + line, column: col + shift };
  };
  return (start, end) => {
    const from = position(start);
    const to = position(end);
    return { file: range.file, line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };
}

function convert(node: unknown, place: Placer): LVal | undefined {
  if (isMap(node)) {
    const entries: LEntry[] = [];
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number') continue;
      const keyNode = pair.key as Node;
      const keyRange = keyNode.range ? place(keyNode.range[0], keyNode.range[1]) : rangeOf(node, place);
      entries.push({ key: String(key), keyRange, value: convert(pair.value, place) ?? { kind: 'null', range: keyRange } });
    }
    return { kind: 'object', entries, range: rangeOf(node, place) };
  }
  if (isSeq(node)) {
    return { kind: 'tuple', items: node.items.flatMap((item) => convert(item, place) ?? []), range: rangeOf(node, place) };
  }
  if (isScalar(node)) {
    const range = rangeOf(node, place);
    const value = node.value;
    if (typeof value === 'string') return { kind: 'string', value, range };
    if (typeof value === 'number') return { kind: 'number', value, range };
    if (typeof value === 'boolean') return { kind: 'bool', value, range };
    if (value === null) return { kind: 'null', range };
    return { kind: 'unknown', range };
  }
  return undefined;
}

function rangeOf(node: Node, place: Placer): Range {
  const [start, end] = node.range ?? [0, 0];
  return place(start, end);
}
