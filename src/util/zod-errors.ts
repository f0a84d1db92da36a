import { z } from 'zod';
import { UserError } from '../errors';

/**
 * Readable validation errors for configuration and specs: one line per problem,
 * `file: path.to.key: expected X, received Y`.
 *
 * Pass `zodErrorMap` when parsing (`schema.safeParse(data, { error: zodErrorMap })`)
 * so that messages can describe the value received, which zod drops from the
 * final issues; `formatZodError` then places each message at its path.
 */

type RawIssue = z.core.$ZodRawIssue;

export const zodErrorMap: z.core.$ZodErrorMap = (issue: RawIssue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `required, expected ${String(issue.expected)}`;
      return `expected ${String(issue.expected)}, received ${describeReceived(issue.input)}`;
    case 'invalid_value': {
      const values = (issue.values as unknown[]).map((v) => JSON.stringify(v));
      const expected = values.length === 1 ? values[0] : `one of ${values.join(', ')}`;
      return `expected ${expected}, received ${describeReceived(issue.input)}`;
    }
    case 'unrecognized_keys':
      return 'unknown key';
    case 'too_small':
      return `${describeBound('at least', issue.minimum, issue.origin, issue.inclusive)}, received ${describeReceived(issue.input)}`;
    case 'too_big':
      return `${describeBound('at most', issue.maximum, issue.origin, issue.inclusive)}, received ${describeReceived(issue.input)}`;
    case 'invalid_format':
      return `expected a ${String(issue.format)} string, received ${describeReceived(issue.input)}`;
    default:
      return undefined;
  }
};

/** A short description of a value: its JSON for primitives, its type otherwise. */
export function describeReceived(input: unknown): string {
  if (input === undefined) return 'nothing';
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'an array';
  if (typeof input === 'object') return 'an object';
  if (typeof input === 'string') return input.length > 40 ? `a string "${input.slice(0, 37)}..."` : `"${input}"`;
  if (typeof input === 'function') return 'a function';
  // What is left is a number, boolean, bigint or symbol: objects returned above.
  return `${typeof input} ${(input as number | boolean | bigint | symbol).toString()}`;
}

function describeBound(word: string, bound: number | bigint, origin: string, inclusive?: boolean): string {
  const unit = origin === 'string' ? ' characters' : origin === 'array' || origin === 'set' ? ' items' : '';
  const limit = inclusive === false ? `${word === 'at least' ? 'more than' : 'less than'} ${bound}` : `${word} ${bound}`;
  return `expected ${limit}${unit}`;
}

/** `rules.storage/x.options.size`, `constitution.exceptions[0].reason`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? '(root)' : out;
}

/** One line per issue: `file: path: message`; `prefix` places a nested value's issues in its parent. */
export function formatZodError(error: z.ZodError, file: string, prefix: readonly PropertyKey[] = []): string {
  return flattenIssues(error.issues, [...prefix])
    .map((issue) => `${file}: ${formatPath(issue.path)}: ${issue.message}`)
    .join('\n');
}

interface FlatIssue {
  path: PropertyKey[];
  message: string;
}

function flattenIssues(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): FlatIssue[] {
  return issues.flatMap((issue) => flattenIssue(issue, [...prefix, ...issue.path]));
}

function flattenIssue(issue: z.core.$ZodIssue, path: PropertyKey[]): FlatIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], message: issue.message }));
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    // Union branches whose root shape matched the input are the ones the user
    // meant; when exactly one did, its own (deeper) issues are the useful ones.
    const shapeMatches = issue.errors.filter((branch) => !branch.some((b) => b.path.length === 0 && isShapeMismatch(b)));
    if (shapeMatches.length === 1 && shapeMatches[0]) return flattenIssues(shapeMatches[0], path);
  }
  return [{ path, message: issue.message }];
}

function isShapeMismatch(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union';
}

/** Parse `data` with `schema`, or throw a `UserError` listing every problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, file: string): z.output<S> {
  const result = schema.safeParse(data, { error: zodErrorMap });
  if (!result.success) throw new UserError(formatZodError(result.error, file));
  return result.data;
}
