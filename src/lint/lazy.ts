/**
 * The linter's parts that a run loads only when something has to be linted: an
 * unchanged tree under `--cache` is answered from the last run's findings without
 * the configuration loader, the engine, the rules or zod. Every deferred load of
 * the linter is listed here; Node caches each module after its first load.
 */
export const lazyLint = {
  config: (): typeof import('./config') => require('./config') as typeof import('./config'),
  engine: (): typeof import('./engine') => require('./engine') as typeof import('./engine'),
  fix: (): typeof import('./fix') => require('./fix') as typeof import('./fix'),
  rules: (): typeof import('./rules') => require('./rules') as typeof import('./rules'),
  engineRules: (): typeof import('./engine-rules') => require('./engine-rules') as typeof import('./engine-rules'),
};
