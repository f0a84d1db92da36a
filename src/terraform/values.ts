/**
 * Helpers over evaluated values (`LVal`): constructors, lookups, equality and the
 * encodings Terraform's `jsonencode`/`yamlencode` produce.
 */
import type { Range } from '../hcl/syntax';
import type { LEntry, LVal } from './types';
import { byKey } from '../util/compare';

export function unknown(range: Range, ref?: string): LVal {
  return ref === undefined ? { kind: 'unknown', range } : { kind: 'unknown', range, ref };
}

export function str(value: string, range: Range): LVal {
  return { kind: 'string', value, range };
}

/** The entry of an object by key; the last one wins, as in a Terraform object. */
export function entryOf(value: LVal, key: string): LEntry | undefined {
  if (value.kind !== 'object') return undefined;
  for (let index = value.entries.length - 1; index >= 0; index--) {
    const entry = value.entries[index]!;
    if (entry.key === key) return entry;
  }
  return undefined;
}

/** A known string value, else undefined (unknown values are never reported on). */
export function stringOf(value: LVal | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

/** Known string items of a list (unknown items skipped). */
export function stringsOf(value: LVal | undefined): string[] {
  if (value?.kind !== 'tuple') return [];
  return value.items.flatMap((item) => (item.kind === 'string' ? [item.value] : []));
}

/** Items of a known list; undefined when the list is unknown (or not a list). */
export function itemsOf(value: LVal | undefined): LVal[] | undefined {
  return value?.kind === 'tuple' ? value.items : undefined;
}

/** Entries of a known map as key → value (keys of unknown maps: none). */
export function mapOf(value: LVal | undefined): Map<string, LVal> {
  const out = new Map<string, LVal>();
  if (value?.kind === 'object') for (const e of value.entries) out.set(e.key, e.value);
  return out;
}

/** A value inside an object by a path of keys and list indexes. */
export function dig(value: LVal | undefined, ...path: Array<string | number>): LVal | undefined {
  let current = value;
  for (const step of path) {
    if (!current) return undefined;
    if (typeof step === 'number') current = current.kind === 'tuple' ? current.items[step] : undefined;
    else current = entryOf(current, step)?.value;
  }
  return current;
}

/**
 * True when `inner` lies within `outer` (same file): a key or literal written in
 * the expression itself rather than in a local or variable it refers to.
 */
export function within(inner: Range, outer: Range): boolean {
  if (inner.file !== outer.file) return false;
  const startsAfter = inner.line > outer.line || (inner.line === outer.line && inner.column >= outer.column);
  const endsBefore = inner.endLine < outer.endLine || (inner.endLine === outer.endLine && inner.endColumn <= outer.endColumn);
  return startsAfter && endsBefore;
}

/** Offsets at which the lines of a text start (a `\r\n` line ends at its `\n` too). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The range of `length` characters at an offset of a file's text, on one line (binary search over its line starts). */
export function rangeAt(file: string, starts: readonly number[], offset: number, length: number): Range {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  const column = offset - starts[low]! + 1;
  return { file, line: low + 1, column, endLine: low + 1, endColumn: column + length };
}

/** True when the value and everything inside it is known. */
export function isWhollyKnown(value: LVal): boolean {
  if (value.kind === 'unknown') return false;
  if (value.kind === 'tuple') return value.items.every(isWhollyKnown);
  if (value.kind === 'object') return value.entries.every((entry) => isWhollyKnown(entry.value));
  return true;
}

/** Object entries with duplicate keys collapsed (last wins) and sorted, as cty orders attributes. */
function sortedEntries(entries: LEntry[]): LEntry[] {
  const last = new Map<string, LEntry>();
  for (const entry of entries) last.set(entry.key, entry);
  return [...last.values()].sort(byKey((entry) => entry.key));
}

/** Deep equality of known values; `undefined` when either side has an unknown part. */
export function valuesEqual(a: LVal, b: LVal): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'null':
      return true;
    case 'tuple': {
      const other = b as typeof a;
      if (a.items.length !== other.items.length) return false;
      return allEqual(a.items.map((item, index) => valuesEqual(item, other.items[index]!)));
    }
    case 'object': {
      const left = sortedEntries(a.entries);
      const right = sortedEntries((b as typeof a).entries);
      if (left.length !== right.length) return false;
      if (left.some((entry, index) => entry.key !== right[index]!.key)) return false;
      return allEqual(left.map((entry, index) => valuesEqual(entry.value, right[index]!.value)));
    }
  }
}

function allEqual(results: Array<boolean | undefined>): boolean | undefined {
  if (results.includes(false)) return false;
  return results.includes(undefined) ? undefined : true;
}

/** How Terraform prints a number in a string: integers without a fraction. */
export function numberText(value: number): string {
  return Number.isInteger(value) ? value.toFixed(0) : String(value);
}

/** Text shown for an unknown leaf inside an encoded body (best effort). */
function unknownText(value: Extract<LVal, { kind: 'unknown' }>): string {
  return `\${${value.ref ?? 'unknown'}}`;
}

/** `jsonencode`: compact, keys sorted, `<`, `>` and `&` escaped as Go does. */
export function toJson(value: LVal): string {
  if (value.kind === 'tuple') return `[${value.items.map(toJson).join(',')}]`;
  if (value.kind === 'object')
    return `{${sortedEntries(value.entries)
      .map((entry) => `${jsonString(entry.key)}:${toJson(entry.value)}`)
      .join(',')}}`;
  return scalarText(value, jsonString);
}

/** A scalar (an unknown included) as `jsonencode`/`yamlencode` write it, strings quoted by `quote`. */
function scalarText(value: Exclude<LVal, { kind: 'tuple' | 'object' }>, quote: (text: string) => string): string {
  switch (value.kind) {
    case 'string':
      return quote(value.value);
    case 'number':
      return numberText(value.value);
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'unknown':
      return quote(unknownText(value));
  }
}

function jsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `yamlencode`, in the style Terraform prints it: keys sorted, every string
 * double-quoted, sequences not indented under their key.
 */
export function toYaml(value: LVal): string {
  const lines: string[] = [];
  yamlLines(value, '', lines);
  return `${lines.join('\n')}\n`;
}

function yamlScalar(value: LVal): string | undefined {
  if (value.kind === 'tuple') return value.items.length === 0 ? '[]' : undefined;
  if (value.kind === 'object') return value.entries.length === 0 ? '{}' : undefined;
  return scalarText(value, (text) => JSON.stringify(text));
}

/** Appends the lines of a value at an indent to one output list (encoded bodies can be large). */
function yamlLines(value: LVal, indent: string, lines: string[]): void {
  const scalar = yamlScalar(value);
  if (scalar !== undefined) {
    lines.push(indent + scalar);
    return;
  }
  if (value.kind === 'tuple') {
    for (const item of value.items) {
      const inner = yamlScalar(item);
      if (inner !== undefined) {
        lines.push(`${indent}- ${inner}`);
        continue;
      }
      // The item's first line carries the dash where its indent was.
      const first = lines.length;
      yamlLines(item, `${indent}  `, lines);
      lines[first] = `${indent}- ${lines[first]!.slice(indent.length + 2)}`;
    }
  } else if (value.kind === 'object') {
    for (const entry of sortedEntries(value.entries)) {
      const key = JSON.stringify(entry.key);
      const inner = yamlScalar(entry.value);
      if (inner !== undefined) {
        lines.push(`${indent}${key}: ${inner}`);
      } else {
        lines.push(`${indent}${key}:`);
        yamlLines(entry.value, entry.value.kind === 'tuple' ? indent : `${indent}  `, lines);
      }
    }
  }
}

/** A known scalar as a string, the way Terraform converts it; `undefined` otherwise. */
export function asText(value: LVal): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return numberText(value.value);
  if (value.kind === 'bool') return String(value.value);
  return undefined;
}
