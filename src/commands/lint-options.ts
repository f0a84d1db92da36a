import type { OutputFormat } from '../formatters/types';

/** What `gen-modules lint` takes; kept apart from the linter so the CLI starts without loading it. */
export interface LintArgs {
  paths: string[];
  format: OutputFormat;
  config?: string;
  'max-warnings'?: number;
  cache: boolean;
  'cache-location': string;
  /** Report paths are relative to this folder (default: the repository root of the working folder, else the working folder). */
  'relative-to'?: string;
}

export const DEFAULT_LINT_PATH = './out/modules-k8s';
export const DEFAULT_CACHE_LOCATION = '.gen-modules-cache';
