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
  const present = CONFIG_FILES.map((name) => path.join(cwd, name)).filter((file) => existsSync(file));
  if (present.length > 1) {
    throw new UserError(
      `${CONFIG_FILES.join(' and ')} are both in ${path.relative(process.cwd(), cwd) || '.'}; keep one, or name it with --config`,
    );
  }
  return present[0] ?? null;
}
