import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { formatPath, formatZodError, zodErrorMap } from '../util/zod-errors';
import { loadTsModule, relative } from '../util/load-ts';
import { SOURCE_FILE, sourceFileOf } from './define';
import { checkService } from './refine';
import { serviceSchema, stackSchema, type Service, type Stack } from './schema';

export interface LoadedService {
  spec: Service;
  /** The file that defined it (for messages and generated headers), relative to cwd. */
  file: string;
}

export interface LoadedSpecs {
  stack: Stack;
  stackFile: string;
  /** The index that lists the services (relative to cwd). */
  indexFile: string;
  services: LoadedService[];
}

/**
 * Load `<dir>/index.ts` (which exports `stack` and `services`), validate every
 * spec and check them against the stack. Every problem of every spec is
 * reported at once, each with its file and field path; nothing is returned
 * unless all are valid.
 */
export function loadSpecs(dir: string): LoadedSpecs {
  const index = findIndex(dir);
  const exported = loadTsModule(index);
  const indexFile = relative(index);
  const problems: string[] = [];

  const stackInput = normalizeStrings(exported['stack']);
  if (stackInput === undefined) throw new UserError(`${indexFile}: must export \`stack\` (a defineStack({...}) value)`);
  const stackFile = relative(sourceFileOf(stackInput) ?? index);
  const stackResult = stackSchema.safeParse(stackInput, { error: zodErrorMap });
  if (!stackResult.success) problems.push(formatZodError(stackResult.error, stackFile));

  const servicesInput = normalizeStrings(exported['services']);
  if (!Array.isArray(servicesInput)) throw new UserError(`${indexFile}: must export \`services\`, an array of defineService({...}) values`);

  const services: LoadedService[] = [];
  servicesInput.forEach((input: unknown) => {
    const file = relative(sourceFileOf(input) ?? index);
    const result = serviceSchema.safeParse(input, { error: zodErrorMap });
    if (!result.success) {
      problems.push(formatZodError(result.error, file));
      return;
    }
    services.push({ spec: result.data, file });
  });

  const seen = new Map<string, string>();
  for (const { spec, file } of services) {
    const earlier = seen.get(spec.name);
    if (earlier !== undefined) problems.push(`${file}: name: service "${spec.name}" is already defined in ${earlier}`);
    seen.set(spec.name, file);
  }

  if (stackResult.success) {
    const stack = stackResult.data;
    if (!(stack.persistentClass in stack.storageClasses)) {
      problems.push(`${stackFile}: persistentClass: "${stack.persistentClass}" is not one of storageClasses`);
    }
    for (const { spec, file } of services) {
      for (const issue of checkService(spec, stack)) problems.push(`${file}: ${formatPath(issue.path)}: ${issue.message}`);
    }
  }

  if (problems.length > 0) throw new UserError(`invalid specs:\n${problems.join('\n')}`);
  if (!stackResult.success) throw new Error('unreachable: stack errors are problems');
  return { stack: stackResult.data, stackFile, indexFile, services };
}

/**
 * HCL normalises every string literal to Unicode NFC, so Terraform would see
 * the NFC form of any spec string anyway; normalising first keeps the spec,
 * the HCL and the round-trip check in agreement. Source files are kept for messages.
 */
export function normalizeStrings<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return stampLike(value, value.map(normalizeStrings)) as T;
  if (value !== null && typeof value === 'object') {
    const out = Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), normalizeStrings(v)]));
    return stampLike(value, out) as T;
  }
  return value;
}

function stampLike(original: object, copy: object): object {
  const file = sourceFileOf(original);
  if (file !== undefined) Object.defineProperty(copy, SOURCE_FILE, { value: file, enumerable: false });
  return copy;
}

function findIndex(dir: string): string {
  for (const name of ['index.ts', 'index.mts', 'index.js']) {
    const candidate = path.resolve(dir, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new UserError(
    `${relative(path.resolve(dir))}: no index.ts here; the specs folder needs an index.ts exporting \`stack\` and \`services\``,
  );
}
