import type { TransformOptions } from 'esbuild';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { errorMessage, UserError } from '../errors';
import { lazyUtil } from './lazy';

/**
 * Load TypeScript files at run time without a build step. Each `.ts` file is
 * transpiled on its own by esbuild (about a millisecond a file) and evaluated as
 * a CommonJS module; relative imports of other `.ts` files go through the same
 * loader, so specs can import the stack settings. `gen-modules` resolves to this
 * running copy, so specs share its schemas and helpers.
 *
 * While a file's top level runs, `currentlyLoading()` names it: `defineService()`
 * uses that to remember which file each spec came from, for error messages.
 */

const loading: string[] = [];

export function currentlyLoading(): string | undefined {
  return loading[loading.length - 1];
}

const transpiled = new Map<string, string>();

const OPTIONS: TransformOptions = { loader: 'ts', format: 'cjs', target: 'node20', logLevel: 'silent' };

/**
 * Transpile every TypeScript file below `dir` at once, concurrently, ahead of
 * loading: one esbuild round trip each in turn costs ~2 ms a file, in parallel
 * a fraction of that. Files that fail are left to the loader, which reports them.
 */
export async function pretranspile(dir: string): Promise<void> {
  const files = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => EXTENSIONS.includes(path.extname(name)) && !name.endsWith('.d.ts'))
    .map((name) => path.resolve(dir, name));
  await Promise.all(
    files.map(async (file) => {
      try {
        const result = await lazyUtil.esbuild().transform(fs.readFileSync(file, 'utf8'), { ...OPTIONS, sourcefile: file });
        transpiled.set(file, result.code);
      } catch {
        // Reported with its position when the loader reaches the file.
      }
    }),
  );
}

/** Load a TypeScript file; every TypeScript file it loads (itself included) is added to `loaded` when given. */
export function loadTsModule(file: string, loaded?: string[]): Record<string, unknown> {
  return new TsLoader(loaded).load(path.resolve(file));
}

export interface LoadedGraph {
  exports: Record<string, unknown>;
  /** The local TypeScript files the entry file imports, absolute, in import order. */
  imports: string[];
  /** Every loaded file's exports, by absolute path. */
  exportsOf(file: string): Record<string, unknown> | undefined;
}

/** Load a TypeScript file and say what it imported: messages about its exports can name the imported file at fault. */
export function loadTsGraph(file: string): LoadedGraph {
  const loader = new TsLoader(undefined);
  const entry = path.resolve(file);
  const exports = loader.load(entry);
  return {
    exports,
    imports: loader.importsOf.get(entry) ?? [],
    exportsOf: (other) => loader.cache.get(other)?.exports as Record<string, unknown> | undefined,
  };
}

class TsLoader {
  readonly cache = new Map<string, Module>();
  readonly importsOf = new Map<string, string[]>();

  constructor(private readonly loaded: string[] | undefined) {}

  load(absolute: string): Record<string, unknown> {
    const cached = this.cache.get(absolute);
    if (cached) return cached.exports as Record<string, unknown>;
    const code = transpile(absolute);
    this.loaded?.push(absolute);
    const mod = new Module(absolute, undefined);
    mod.filename = absolute;
    this.cache.set(absolute, mod);
    const nodeRequire = Module.createRequire(absolute);
    const requireShim = (id: string): unknown => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package's own entry, resolved at run time
      if (id === 'gen-modules' || id.startsWith('gen-modules/')) return publicApi?.() ?? require(PUBLIC_API);
      const local = id.startsWith('.') ? resolveTs(path.resolve(path.dirname(absolute), id)) : undefined;
      if (local) this.importsOf.set(absolute, [...(this.importsOf.get(absolute) ?? []), local]);
      return local ? this.load(local) : nodeRequire(id);
    };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the CommonJS module wrapper for transpiled spec code
    const wrapper = new Function('exports', 'require', 'module', '__filename', '__dirname', code) as (
      exports: unknown,
      require: (id: string) => unknown,
      module: Module,
      filename: string,
      dirname: string,
    ) => void;
    loading.push(absolute);
    // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be put back as it was, never called here
    const exit = process.exit;
    let exited: EarlyExit | undefined;
    process.exit = (code?: number | string | null): never => {
      exited ??= new EarlyExit(absolute, code);
      throw exited;
    };
    try {
      wrapper(mod.exports, requireShim, mod, absolute, path.dirname(absolute));
      // A file that caught the exception of its own exit still asked to end the run.
      if (exited) throw exited;
    } catch (error) {
      this.cache.delete(absolute);
      if (error instanceof UserError) throw error;
      if (exited) throw new UserError(exited.describe());
      const message = errorMessage(error);
      throw new UserError(`${relative(absolute)}: failed to load: ${message}`);
    } finally {
      process.exit = exit;
      loading.pop();
    }
    return mod.exports as Record<string, unknown>;
  }
}

/** `process.exit()` called by a file while it loads: loading a file must not be able to end the run silently. */
class EarlyExit extends UserError {
  constructor(
    readonly file: string,
    readonly code: number | string | null | undefined,
  ) {
    super('');
    this.message = this.describe();
  }

  describe(): string {
    return `${relative(this.file)}: called process.exit(${this.code ?? ''}) while loading; a spec or config file must not end the run (remove the call, or throw an Error to report a problem)`;
  }
}

const EXTENSIONS = ['.ts', '.mts', '.cts'];

/**
 * The package's public entry point, which specs and config files import as `gen-modules`.
 * It is named by path, as an outside user of the package would reach it, so the
 * loader (below everything) does not depend on what the package exports.
 */
const PUBLIC_API = path.join(__dirname, '..', 'index');

let publicApi: (() => unknown) | undefined;

/**
 * The running program's public API, for `import ... from 'gen-modules'` in specs and
 * config files, when it is not the module at `PUBLIC_API` (the bundled executable
 * carries its own copy: loading the other would give specs a second set of modules).
 */
export function providePublicApi(load: () => unknown): void {
  publicApi = load;
}

function resolveTs(base: string): string | undefined {
  if (EXTENSIONS.includes(path.extname(base)) && fs.existsSync(base)) return base;
  for (const candidate of [...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => path.join(base, `index${e}`))]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function transpile(absolute: string): string {
  const ready = transpiled.get(absolute);
  if (ready !== undefined) {
    transpiled.delete(absolute);
    return ready;
  }
  let source: string;
  try {
    source = fs.readFileSync(absolute, 'utf8');
  } catch {
    throw new UserError(`${relative(absolute)}: cannot read the file`);
  }
  try {
    return lazyUtil.esbuild().transformSync(source, { ...OPTIONS, sourcefile: absolute }).code;
  } catch (error) {
    throw new UserError(describeTransformFailure(absolute, error));
  }
}

export function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

interface EsbuildMessage {
  text: string;
  location?: { line: number; column: number } | null;
}

function describeTransformFailure(file: string, error: unknown): string {
  const errors = (error as { errors?: EsbuildMessage[] }).errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.map((e) => `${relative(file)}${e.location ? `:${e.location.line}:${e.location.column + 1}` : ''}: ${e.text}`).join('\n');
  }
  return `${relative(file)}: ${errorMessage(error)}`;
}
