import { z } from 'zod';
import { UserError } from '../../../src/errors';
import { formatPath, formatZodError, parseOrThrow, zodErrorMap } from '../../../src/util/zod-errors';

const schema = z
  .object({
    name: z.string().min(2),
    replicas: z.number().int().max(5),
    mode: z.enum(['a', 'b']),
    ports: z.array(z.object({ port: z.number() }).strict()),
    setting: z.union([z.enum(['on', 'off']), z.object({ level: z.number() }).strict()]),
  })
  .strict();

function errorsOf(data: unknown): string {
  const result = schema.safeParse(data, { error: zodErrorMap });
  if (result.success) throw new Error('expected a validation error');
  return formatZodError(result.error, 'cfg.json');
}

describe('formatZodError', () => {
  test('prints one line per problem: file, path, expected and received', () => {
    expect(errorsOf({ name: 'x', replicas: 'three', mode: 'c', ports: [{ port: '80' }], setting: 'on', extra: 1 })).toBe(
      [
        'cfg.json: name: expected at least 2 characters, received "x"',
        'cfg.json: replicas: expected number, received "three"',
        'cfg.json: mode: expected one of "a", "b", received "c"',
        'cfg.json: ports[0].port: expected number, received "80"',
        'cfg.json: extra: unknown key',
      ].join('\n'),
    );
  });

  test('a missing field says it is required', () => {
    expect(errorsOf({ name: 'xy', replicas: 9, mode: 'a', ports: [], setting: 'on' })).toBe(
      'cfg.json: replicas: expected at most 5, received number 9',
    );
    expect(errorsOf({ replicas: 1, mode: 'a', ports: [], setting: 'on' })).toBe('cfg.json: name: required, expected string');
  });

  test('a union reports the problem inside the branch whose shape matched', () => {
    expect(errorsOf({ name: 'xy', replicas: 1, mode: 'a', ports: [], setting: { level: 'high' } })).toBe(
      'cfg.json: setting.level: expected number, received "high"',
    );
  });

  test('a prefix places nested issues under their parent path', () => {
    const result = z.object({ size: z.number() }).safeParse({ size: true }, { error: zodErrorMap });
    if (result.success) throw new Error('expected failure');
    expect(formatZodError(result.error, 'f.ts', ['rules', 'storage/x', 'options'])).toBe(
      'f.ts: rules.storage/x.options.size: expected number, received boolean true',
    );
  });

  test('formatPath writes keys with dots and indexes in brackets', () => {
    expect(formatPath(['a', 0, 'b'])).toBe('a[0].b');
    expect(formatPath([])).toBe('(root)');
  });

  test('parseOrThrow returns the parsed value or throws a UserError', () => {
    expect(parseOrThrow(z.object({ a: z.number().default(1) }), {}, 'x')).toEqual({ a: 1 });
    expect(() => parseOrThrow(z.object({ a: z.number() }), { a: 'no' }, 'spec.ts')).toThrow(
      new UserError('spec.ts: a: expected number, received "no"'),
    );
  });
});
