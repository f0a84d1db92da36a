import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors';
import { describeReceived, formatPath, formatZodError, zodErrorMap } from '../util/zod-errors';
import { loadTsGraph, relative, type LoadedGraph } from '../util/load-ts';
import { sourceFileOf } from './define';
import { stampLike, toPlainData } from './plain-data';
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
/**
 * Every spec is parsed once per run: zod's compiled fast path (code generated
 * per object schema with `new Function`) costs more to build than it saves.
 */
const PARSE_OPTIONS = { error: zodErrorMap, jitless: true } as const;

export function loadSpecs(dir: string, options: LoadOptions = {}): LoadedSpecs {
  const index = findIndex(dir);
  const graph = loadTsGraph(index);
  const indexFile = relative(index);
  const problems: string[] = [];
  const exported = (name: string): unknown => {
    try {
      return graph.exports[name];
    } catch (error) {
      throw new UserError(`${indexFile}: ${name}: reading it threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  /** The data of an export, or undefined (and its problems listed) when it is not data. */
  const plain = (input: unknown, file: string, at: PropertyKey[]): unknown => {
    const { value, problems: found } = toPlainData(input, at);
    for (const p of found) problems.push(`${file}: ${formatPath(p.path)}: ${p.message}`);
    return found.length === 0 ? value : undefined;
  };

  const stackExport = exported('stack');
  if (stackExport === undefined || stackExport === null)
    throw new UserError(`${indexFile}: must export \`stack\` (a defineStack({...}) value)${emptyImports(graph)}`);
  const emptyStack = moduleWithoutDefault(graph, stackExport);
  if (emptyStack !== undefined) throw new UserError(`${indexFile}: stack: ${describeWithoutDefault(graph, emptyStack)}`);
  const stackFile = relative(sourceFileOf(stackExport) ?? index);
  const stackInput = plain(stackExport, stackFile, []);
  const stackResult = stackInput === undefined ? undefined : stackSchema.safeParse(stackInput, PARSE_OPTIONS);
  if (stackResult && !stackResult.success) problems.push(formatZodError(stackResult.error, stackFile));

  const servicesExport = exported('services');
  if (!Array.isArray(servicesExport))
    throw new UserError(`${indexFile}: must export \`services\`, an array of defineService({...}) values`);

  // Cross-field checks run inside the parse, on whatever parsed, so that they are
  // reported together with the schema's errors (they need a valid stack).
  const stack = stackResult?.success ? stackResult.data : undefined;
  const checked = serviceSchema.superRefine(
    (module, ctx) => {
      if (stack === undefined) return;
      for (const issue of tolerantCheck(module, stack, options.checks ?? []))
        ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    },
    { when: () => true },
  );
  const services: LoadedService[] = [];
  for (let i = 0; i < servicesExport.length; i++) {
    const entry: unknown = servicesExport[i];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      problems.push(
        `${indexFile}: services[${i}]: expected a defineService({...}) value, received ${describeReceived(entry)}${entry === undefined ? emptyImports(graph) : ''}`,
      );
      continue;
    }
    const withoutDefault = moduleWithoutDefault(graph, entry);
    if (withoutDefault !== undefined) {
      problems.push(`${indexFile}: services[${i}]: ${describeWithoutDefault(graph, withoutDefault)}`);
      continue;
    }
    const file = relative(sourceFileOf(entry) ?? index);
    const input = plain(entry, file, []);
    if (input === undefined) continue;
    const { module, shorthand } = moduleInput(input);
    const result = checked.safeParse(module, PARSE_OPTIONS);
    if (!result.success) {
      problems.push(
        formatZodError(new z.ZodError(result.error.issues.map((issue) => ({ ...issue, path: specPath(issue.path, shorthand) }))), file),
      );
      continue;
    }
    services.push({ spec: result.data, file, shorthand });
  }

  const seen = new Map<string, string>();
  for (const { spec, file } of services) {
    const earlier = seen.get(spec.name);
    if (earlier !== undefined) problems.push(`${file}: name: service "${spec.name}" is already defined in ${earlier}`);
    seen.set(spec.name, file);
  }

  if (stackResult?.success) {
    const stack = stackResult.data;
    if (!Object.hasOwn(stack.storageClasses, stack.persistentClass)) {
      problems.push(`${stackFile}: persistentClass: "${stack.persistentClass}" is not one of storageClasses`);
    }
  }

  if (problems.length > 0) throw new UserError(`invalid specs:\n${problems.join('\n')}`);
  if (!stackResult?.success) throw new Error('unreachable: stack errors are problems');
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
 * The imported file whose default import `value` is, when that file has no
 * default export: a default import of a CommonJS-style module is its exports
 * object itself, so an emptied spec file imports as \`{}\`.
 */
function moduleWithoutDefault(graph: LoadedGraph, value: unknown): string | undefined {
  return graph.imports.find((file) => graph.exportsOf(file) === value);
}

function describeWithoutDefault(graph: LoadedGraph, file: string): string {
  const exports = Object.keys(graph.exportsOf(file) ?? {});
  const what = exports.length === 0 ? 'exports nothing' : `has no default export (it exports ${exports.join(', ')})`;
  return `imported from ${relative(file)}, which ${what}; a spec file ends with \`export default defineService({...})\``;
}

/**
 * The imported files that export nothing usable (an emptied spec file, one
 * without a default export): a default import of one is \`undefined\`, which
 * names no file by itself.
 */
function emptyImports(graph: LoadedGraph): string {
  const empty = graph.imports.filter((file) => {
    const exports = graph.exportsOf(file);
    return exports !== undefined && exports['default'] === undefined;
  });
  if (empty.length === 0) return '';
  return `: ${empty.map((file) => describeWithoutDefault(graph, file)).join('; ')}`;
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

/** A spec value as plain data with its strings in NFC (see `toPlainData`); a value that is not data is a UserError. */
export function normalizeStrings<T>(value: T): T {
  const { value: plain, problems } = toPlainData(value);
  if (problems.length > 0) throw new UserError(problems.map((p) => `${formatPath(p.path)}: ${p.message}`).join('\n'));
  return plain as T;
}
