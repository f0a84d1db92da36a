/**
 * The tree of module instances one lint run loaded, and whether it is the whole
 * repository: rules that compare modules with each other (a name one module
 * uses, a Service another declares) only judge a complete tree.
 *
 * The tree does not hold the modules: a large repository is linted one module
 * at a time, and what a rule needs to know about the others is a fact gathered
 * from each module as it goes by (the Services of the tree, say).
 */
import path from 'node:path';
import type { TfModule } from './types';

/** Something about the whole tree, gathered module by module. */
export interface TreeFact<T> {
  /** A fresh gatherer: `add` sees each module instance once, `result` is read after the last. */
  gather(): { add(module: TfModule): void; result(): T };
}

export interface ModuleTree {
  /**
   * True when the run linted a repository's root folder, every local module
   * an instance calls was loaded, and every file parsed. Linting a subfolder,
   * a single file or a tree that is not a repository gives a partial tree.
   */
  complete: boolean;
  /** A fact over every module instance of the tree. */
  fact<T>(fact: TreeFact<T>): T;
}

type Gatherer = ReturnType<TreeFact<unknown>['gather']>;

/**
 * A tree built as module instances go by: each is added once, then `tree()`
 * answers for all of them. Only the facts named up front are gathered.
 */
export class TreeBuilder {
  private readonly loaded = new Set<string>();
  private readonly calledDirs = new Set<string>();
  private parseErrors = false;
  private readonly gatherers = new Map<TreeFact<unknown>, Gatherer>();

  constructor(
    private readonly wholeRepository: boolean,
    facts: Iterable<TreeFact<unknown>>,
  ) {
    for (const fact of facts) if (!this.gatherers.has(fact)) this.gatherers.set(fact, fact.gather());
  }

  add(module: TfModule): void {
    this.loaded.add(path.resolve(module.dir));
    for (const call of module.moduleCalls) if (call.localDir !== undefined) this.calledDirs.add(path.resolve(call.localDir));
    this.parseErrors ||= module.parseErrors.length > 0;
    for (const gatherer of this.gatherers.values()) gatherer.add(module);
  }

  tree(): ModuleTree {
    const unresolved = [...this.calledDirs].some((dir) => !this.loaded.has(dir));
    const results = new Map<TreeFact<unknown>, unknown>();
    for (const [fact, gatherer] of this.gatherers) results.set(fact, gatherer.result());
    return {
      complete: this.wholeRepository && !unresolved && !this.parseErrors,
      fact<T>(fact: TreeFact<T>): T {
        if (!results.has(fact)) throw new Error('a tree fact was read that no rule of scope "tree" declared in its `facts`');
        return results.get(fact) as T;
      },
    };
  }
}

/** A tree of one module, never complete (the rule tester's default when a module is checked alone). */
export function partialTree(module: TfModule): ModuleTree {
  return { complete: false, fact: (fact) => gatherOver([module], fact) };
}

function gatherOver<T>(modules: readonly TfModule[], fact: TreeFact<T>): T {
  const gatherer = fact.gather();
  for (const module of modules) gatherer.add(module);
  return gatherer.result();
}
