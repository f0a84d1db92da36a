import { formatPath } from '../util/zod-errors';
import { SOURCE_FILE, sourceFileOf } from './define';

/**
 * Specs are data: what a spec file exports is copied into plain JSON-shaped
 * values before validation, and anything that is not data is a problem at its
 * field path rather than a value silently written as `{}` or a crash deeper in:
 * a `Date`, `Map`, `Set`, `RegExp`, class instance, `BigInt`, function or symbol;
 * a getter that throws; a cycle; nesting deeper than any spec needs; a string
 * with a lone UTF-16 surrogate (no file can hold it).
 *
 * Strings are normalised to Unicode NFC on the way: HCL normalises every string
 * literal, so Terraform would see the NFC form anyway and the spec, the HCL and
 * the round-trip check stay in agreement. Source-file stamps are kept for messages.
 */

export const MAX_DEPTH = 64;

export interface DataProblem {
  path: PropertyKey[];
  message: string;
}

/** Free-form configuration (`configMaps.<name>.files.<file>.yaml|json`), where `undefined` is a value and not an absent field. */
function isFreeForm(path: readonly PropertyKey[]): boolean {
  return path[0] === 'configMaps' && path[2] === 'files' && (path[4] === 'yaml' || path[4] === 'json') && path.length > 5;
}

/** A plain copy of `value`, and the problems found (their parts are left out of the copy). */
export function toPlainData(value: unknown, path: PropertyKey[] = []): { value: unknown; problems: DataProblem[] } {
  const problems: DataProblem[] = [];
  const ancestors: Array<{ value: object; path: PropertyKey[] }> = [];

  const copy = (current: unknown, at: PropertyKey[]): unknown => {
    const fail = (message: string): undefined => {
      problems.push({ path: at, message });
      return undefined;
    };
    switch (typeof current) {
      case 'string': {
        const lone = loneSurrogate(current);
        if (lone !== undefined)
          return fail(`contains a lone UTF-16 surrogate (\\u${lone.unit} at offset ${lone.offset}), which no file can encode`);
        return current.normalize('NFC');
      }
      case 'number':
      case 'boolean':
        return current;
      case 'undefined':
        return isFreeForm(at) || typeof at[at.length - 1] === 'number' ? fail('expected a JSON value, found undefined') : undefined;
      case 'bigint':
        return fail(`expected a JSON value, found a BigInt (${current}n); write it as a number or a string`);
      case 'function':
        return fail('expected a JSON value, found a function');
      case 'symbol':
        return fail('expected a JSON value, found a symbol');
    }
    if (current === null) return null;
    const object = current as object;
    const cycle = ancestors.find((a) => a.value === object);
    if (cycle) return fail(`refers back to ${formatPath(cycle.path)} (a cycle): a spec must be a tree of values`);
    if (ancestors.length >= MAX_DEPTH) return fail(`nested more than ${MAX_DEPTH} levels deep`);
    const kind = nonPlainKind(object);
    if (kind !== undefined) return fail(`expected a JSON value, found ${kind}`);
    ancestors.push({ value: object, path: at });
    try {
      if (Array.isArray(object)) {
        const out: unknown[] = [];
        for (let i = 0; i < object.length; i++) {
          const got = read(object, i, [...at, i]);
          out.push(got && copy(got.value, [...at, i]));
        }
        return stampLike(object, out);
      }
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(object)) {
        const child = [...at, key];
        const normalizedKey = loneSurrogate(key) === undefined ? key.normalize('NFC') : key;
        if (loneSurrogate(key) !== undefined) {
          problems.push({ path: child, message: 'the key contains a lone UTF-16 surrogate, which no file can encode' });
          continue;
        }
        const got = read(object, key, child);
        const result = got && copy(got.value, child);
        if (result !== undefined) out[normalizedKey] = result;
      }
      return stampLike(object, out);
    } catch (error) {
      // A proxy whose traps throw: what it is cannot be read.
      return fail(`cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      ancestors.pop();
    }
  };

  /** A property's value, or undefined (and a problem) when its getter throws. */
  const read = (object: object, key: string | number, at: PropertyKey[]): { value: unknown } | undefined => {
    try {
      return { value: (object as Record<string | number, unknown>)[key] };
    } catch (error) {
      problems.push({ path: at, message: `reading it threw: ${error instanceof Error ? error.message : String(error)}` });
      return undefined;
    }
  };

  return { value: copy(value, path), problems };
}

function nonPlainKind(object: object): string | undefined {
  if (Array.isArray(object)) return undefined;
  const prototype: unknown = Object.getPrototypeOf(object);
  if (prototype === Object.prototype || prototype === null) return undefined;
  if (object instanceof Date) return 'a Date; write it as an ISO string';
  if (object instanceof Map) return 'a Map; write it as an object';
  if (object instanceof Set) return 'a Set; write it as an array';
  if (object instanceof RegExp) return 'a RegExp; write it as a string';
  const name = (object.constructor as { name?: unknown } | undefined)?.name;
  return typeof name === 'string' && name !== '' ? `an instance of ${name}` : 'an object with a prototype';
}

/** The first lone surrogate of a string (a high one without its low half, or a low one alone). */
export function loneSurrogate(text: string): { unit: string; offset: number } | undefined {
  const match = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(text);
  if (!match) return undefined;
  return { unit: match[0].charCodeAt(0).toString(16).toUpperCase(), offset: match.index };
}

export function stampLike(original: object, copy: object): object {
  let file: string | undefined;
  try {
    file = sourceFileOf(original);
  } catch {
    file = undefined;
  }
  if (file !== undefined) Object.defineProperty(copy, SOURCE_FILE, { value: file, enumerable: false });
  return copy;
}
