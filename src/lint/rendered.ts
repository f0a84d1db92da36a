import { formatText } from '../formatters/text';
import { loadConfig } from './config';
import { lintFiles } from './engine';
import type { Finding } from './types';

/** What the linter says about files that exist only in memory. */
export interface RenderedLint {
  findings: Finding[];
  errors: number;
  /** The findings in the text format, or '' when there are none. */
  report: string;
}

export interface RenderedLintOptions {
  /** Where the configuration is looked up (`gen-modules.config.ts` or `.json`), and paths are shown relative to. */
  cwd: string;
  color: boolean;
}

/**
 * Lint files before they are written (generate's own output), keyed by the
 * absolute path each will have, with the configuration of `cwd`: every rule and
 * inline suppression applies as it will when the written files are linted.
 */
export async function lintRendered(files: ReadonlyMap<string, string>, options: RenderedLintOptions): Promise<RenderedLint> {
  const config = loadConfig({ cwd: options.cwd });
  const findings = await lintFiles(files, { cwd: options.cwd, config });
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    report: formatText(findings, { cwd: options.cwd, color: options.color, rules: [], toolVersion: '' }),
  };
}
