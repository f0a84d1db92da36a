/**
 * The tree of module instances one lint run loaded, and whether it is the whole
 * repository: rules that compare modules with each other (a name one module
 * uses, a Service another declares) only judge a complete tree.
 */
import path from 'node:path';
import type { TfModule } from './types';

export interface ModuleTree {
  /** Every module instance loaded, callers and called. */
  modules: readonly TfModule[];
  /**
   * True when the run linted a repository's root folder, every local module
   * an instance calls was loaded, and every file parsed. Linting a subfolder,
   * a single file or a tree that is not a repository gives a partial tree.
   */
  complete: boolean;
}

/** The tree of a set of module instances (as `buildModules` returns them). */
export function moduleTree(modules: readonly TfModule[], wholeRepository: boolean): ModuleTree {
  const loaded = new Set(modules.map((module) => path.resolve(module.dir)));
  const unresolved = modules.some((module) =>
    module.moduleCalls.some((call) => call.localDir !== undefined && !loaded.has(path.resolve(call.localDir))),
  );
  const parseErrors = modules.some((module) => module.parseErrors.length > 0);
  return { modules, complete: wholeRepository && !unresolved && !parseErrors };
}

/** A tree of one module, never complete (the rule tester's default when a module is checked alone). */
export function partialTree(module: TfModule): ModuleTree {
  return { modules: [module], complete: false };
}
