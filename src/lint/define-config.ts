import type { Constitution } from './constitution';
import type { SeveritySetting } from './types';

/**
 * The typed helper for `gen-modules.config.ts`. Kept apart from the config
 * loader (which needs every rule) so that spec files importing `gen-modules`
 * do not load the linter.
 */
/** A rule's setting: a severity, or an object with its severity, options and whether inline comments may silence it. */
export type RuleSetting = SeveritySetting | { severity?: SeveritySetting; options?: Record<string, unknown>; ignorable?: boolean };

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
