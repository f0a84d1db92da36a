import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors';
import { formatZodError, zodErrorMap } from '../util/zod-errors';
import { loadTsModule, relative } from '../util/load-ts';
import { SOURCE_FILE, sourceFileOf } from './define';
import { checkService, type SpecIssue } from './refine';
import { COMPONENT_KEYS, serviceSchema, stackSchema, type Service, type Stack } from './schema';

/** A check of a whole service that a layer above adds to the load (e.g. manifests against CRD schemas). */
export type ServiceCheck = (service: Service) => SpecIssue[];

export interface LoadOptions {
  /** More cross-field checks, reported together with the schema's and refine's. */
  checks?: ServiceCheck[];
}

export interface LoadedService {
  spec: Service;
  /** The file that defined it (for messages and generated headers), relative to cwd. */
  file: string;
  /** Written as one component's fields beside the module's, not as `components`. */
  shorthand?: boolean;
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
export function loadSpecs(dir: string, options: LoadOptions = {}): LoadedSpecs {
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

  // Cross-field checks run inside the parse, on whatever parsed, so that they are
  // reported together with the schema's errors (they need a valid stack).
  const stack = stackResult.success ? stackResult.data : undefined;
  const checked = serviceSchema.superRefine(
    (module, ctx) => {
      if (stack === undefined) return;
      for (const issue of tolerantCheck(module, stack, options.checks ?? []))
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    },
    { when: () => true },
  );
  const services: LoadedService[] = [];
  servicesInput.forEach((input: unknown) => {
    const file = relative(sourceFileOf(input) ?? index);
    const { module, shorthand } = moduleInput(input);
    const result = checked.safeParse(module, { error: zodErrorMap });
    if (!result.success) {
      problems.push(
        formatZodError(new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: specPath(issue.path, shorthand) }))), file),
      );
      return;
    }
    services.push({ spec: result.data, file, shorthand });
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
  }

  if (problems.length > 0) throw new UserError(`invalid specs:\n${problems.join('\n')}`);
  if (!stackResult.success) throw new Error('unreachable: stack errors are problems');
  return { stack: stackResult.data, stackFile, indexFile, services };
}

/**
 * The cross-field checks on a module that may have failed its schema: invalid
 * values are still there as written, and components whose own parse failed
 * lack the normalised `services` and `routes`. Checks that cannot run on such
 * a module are left out: the schema's errors say why.
 */
function tolerantCheck(module: Service, stack: Stack, checks: ServiceCheck[]): SpecIssue[] {
  type Raw = Partial<Service['components'][number]> & { service?: unknown; services?: unknown; ingress?: unknown; ingresses?: unknown };
  const components = (module.components as Raw[]).map((c) =>
    Array.isArray(c.routes) && Array.isArray(c.services)
      ? c
      : {
          ...c,
          services: Array.isArray(c.services) ? c.services : c.service ? [c.service] : [],
          routes: Array.isArray(c.ingresses) ? c.ingresses : c.ingress ? [c.ingress] : [],
        },
  );
  const service = { ...module, components } as Service;
  const all: ServiceCheck[] = [(s) => checkService(s, stack), ...checks];
  return all.flatMap((check) => {
    try {
      return check(service);
    } catch {
      return [];
    }
  });
}

/**
 * The one-component shorthand as a module with `components`: the component
 * takes the module's name and the fields that belong to a component.
 */
export function moduleInput(input: unknown): { module: unknown; shorthand: boolean } {
  if (input === null || typeof input !== 'object' || Array.isArray(input) || 'components' in input)
    return { module: input, shorthand: false };
  const module: Record<string, unknown> = {};
  const component: Record<string, unknown> = { name: (input as { name?: unknown }).name };
  for (const [key, value] of Object.entries(input)) (COMPONENT_KEYS.includes(key) ? component : module)[key] = value;
  return { module: stampLike(input, { ...module, components: [component] }), shorthand: true };
}

/** Parse one spec as written (either shape); throws zod's error on invalid input. */
export function parseService(input: unknown): Service {
  return serviceSchema.parse(moduleInput(input).module);
}

/** A path into the normalised module as the user wrote it: the shorthand has no `components[0]`. */
function specPath<T extends PropertyKey>(path: T[], shorthand: boolean): T[] {
  return shorthand && path[0] === 'components' && path[1] === 0 ? path.slice(2) : path;
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
