import type { Constitution } from './constitution';
import type { RuleSetting } from './config';

/**
 * The typed helper for `gen-modules.config.ts`. Kept apart from the config
 * loader (which needs every rule) so that spec files importing `gen-modules`
 * do not load the linter.
 */
/** What a `gen-modules.config.ts` default-exports. */
export interface GenModulesConfig {
  $schema?: string;
  constitution?: Partial<Constitution>;
  rules?: Record<string, RuleSetting>;
}

/** Identity helper that gives a config file its type (and editor completion). */
export function defineConfig(config: GenModulesConfig): GenModulesConfig {
  return config;
}
