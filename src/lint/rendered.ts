import { loadConfig } from './config';
import { lintFiles } from './engine';
import type { Finding } from './types';

/** What the linter says about files that exist only in memory. */
export interface RenderedLint {
  findings: Finding[];
  errors: number;
}

/**
 * Lint files before they are written (generate's own output), keyed by the
 * absolute path each will have, with the configuration found in `cwd`: every
 * rule, exception and inline suppression applies as it will when the written
 * files are linted.
 */
export async function lintRendered(files: ReadonlyMap<string, string>, cwd: string): Promise<RenderedLint> {
  const config = loadConfig({ cwd });
  const findings = await lintFiles(files, { cwd, config });
  return { findings, errors: findings.filter((f) => f.severity === 'error').length };
}
