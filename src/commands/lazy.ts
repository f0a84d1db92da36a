import { setFlagsFromString } from 'node:v8';

/**
 * Every module a command loads only when it runs, in one place: the generator,
 * the lint runner, the lint of generate's rendered modules and the scaffolder, so `gen-modules --help` starts without
 * them. The linter's own heavy parts are deferred the same way in `lint/lazy.ts`.
 * Node caches each module after its first load.
 */
export const lazy = {
  /** The generator. */
  generator(): typeof import('../generate/api') {
    // A run is short: V8's optimising tier only competes with the baseline code of
    // hcl2json's WebAssembly for the CPU (measured: 20 parses 0.5 s → 0.22 s).
    // The flag must be set before the module is compiled.
    setFlagsFromString('--liftoff-only');
    return require('../generate/api') as typeof import('../generate/api');
  },
  /** `gen-modules lint` and `rules` (reads files, formats reports). */
  lintRunner: (): typeof import('./lint-run') => require('./lint-run') as typeof import('./lint-run'),
  /** generate's lint of what it rendered, before writing. */
  renderedLint: (): typeof import('../lint/rendered') => require('../lint/rendered') as typeof import('../lint/rendered'),
  scaffold: (): typeof import('../scaffold/new') => require('../scaffold/new') as typeof import('../scaffold/new'),
  /** `gen-modules import` (ts-morph, the Terraform model). */
  importer: (): typeof import('../scaffold/import') => require('../scaffold/import') as typeof import('../scaffold/import'),
  /** `gen-modules compare`: the Terraform model and its Kubernetes objects. */
  moduleLoader: (): typeof import('../terraform/load') => require('../terraform/load') as typeof import('../terraform/load'),
  comparison: (): typeof import('../terraform/compare') => require('../terraform/compare') as typeof import('../terraform/compare'),
  /** The public API, for specs and config files that import `gen-modules` (loaded with the first of them). */
  publicApi: (): typeof import('../index') => require('../index') as typeof import('../index'),
};
