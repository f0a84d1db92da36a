/**
 * Helpers over evaluated values (`LVal`): constructors, lookups, equality and the
 * encodings Terraform's `jsonencode`/`yamlencode` produce.
 */
import type { LEntry, LVal, Range } from './types';

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

/** True when the value and everything inside it is known. */
export function isWhollyKnown(value: LVal): boolean {
  if (value.kind === 'unknown') return false;
  if (value.kind === 'tuple') return value.items.every(isWhollyKnown);
  if (value.kind === 'object') return value.entries.every((entry) => isWhollyKnown(entry.value));
  return true;
}

/** Object entries with duplicate keys collapsed (last wins) and sorted, as cty orders attributes. */
function sortedEntries(entries: LEntry[]): LEntry[] {
  const byKey = new Map<string, LEntry>();
  for (const entry of entries) byKey.set(entry.key, entry);
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
  switch (value.kind) {
    case 'string':
      return jsonString(value.value);
    case 'number':
      return numberText(value.value);
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'unknown':
      return jsonString(unknownText(value));
    case 'tuple':
      return `[${value.items.map(toJson).join(',')}]`;
    case 'object':
      return `{${sortedEntries(value.entries).map((entry) => `${jsonString(entry.key)}:${toJson(entry.value)}`).join(',')}}`;
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
  return `${yamlLines(value, '').join('\n')}\n`;
}

function yamlScalar(value: LVal): string | undefined {
  switch (value.kind) {
    case 'string':
      return JSON.stringify(value.value);
    case 'number':
      return numberText(value.value);
    case 'bool':
      return String(value.value);
    case 'null':
      return 'null';
    case 'unknown':
      return JSON.stringify(unknownText(value));
    case 'tuple':
      return value.items.length === 0 ? '[]' : undefined;
    case 'object':
      return value.entries.length === 0 ? '{}' : undefined;
  }
}

function yamlLines(value: LVal, indent: string): string[] {
  const scalar = yamlScalar(value);
  if (scalar !== undefined) return [indent + scalar];
  const lines: string[] = [];
  if (value.kind === 'tuple') {
    for (const item of value.items) {
      const inner = yamlScalar(item);
      if (inner !== undefined) {
        lines.push(`${indent}- ${inner}`);
        continue;
      }
      const nested = yamlLines(item, `${indent}  `);
      lines.push(`${indent}- ${nested[0]!.slice(indent.length + 2)}`, ...nested.slice(1));
    }
  } else if (value.kind === 'object') {
    for (const entry of sortedEntries(value.entries)) {
      const key = JSON.stringify(entry.key);
      const inner = yamlScalar(entry.value);
      if (inner !== undefined) lines.push(`${indent}${key}: ${inner}`);
      else lines.push(`${indent}${key}:`, ...yamlLines(entry.value, entry.value.kind === 'tuple' ? indent : `${indent}  `));
    }
  }
  return lines;
}

/** A known scalar as a string, the way Terraform converts it; `undefined` otherwise. */
export function asText(value: LVal): string | undefined {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number') return numberText(value.value);
  if (value.kind === 'bool') return String(value.value);
  return undefined;
}
