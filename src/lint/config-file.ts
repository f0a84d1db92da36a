import { existsSync } from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';

/** Where the linter's configuration is looked for, in this order, in the working folder. */
export const CONFIG_FILES = ['gen-modules.config.ts', 'gen-modules.config.json'] as const;

/** The configuration file in force: `--config`, else the first of CONFIG_FILES in `cwd`, else none (built-in). */
export function findConfigFile(cwd: string, configPath: string | undefined): string | null {
  if (configPath !== undefined) {
    const file = path.resolve(cwd, configPath);
    if (!existsSync(file)) throw new UserError(`--config: ${configPath}: no such file`);
    return file;
  }
  for (const name of CONFIG_FILES) {
    const file = path.join(cwd, name);
    if (existsSync(file)) return file;
  }
  return null;
}
