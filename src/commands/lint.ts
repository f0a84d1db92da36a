import type { Argv } from 'yargs';
import { UserError } from '../errors';
import { formatters, OUTPUT_FORMATS, type OutputFormat, type RuleInfo } from '../formatters';
import { toolVersion, DEFAULT_CACHE_LOCATION } from '../lint/cache';
import { loadConfig } from '../lint/config';
import { engineRules } from '../lint/config-engine-rules';
import { exitCodeFor, lintPaths } from '../lint/engine';
import { allRules } from '../lint/rules';
import type { Command } from './types';

export interface LintArgs {
  paths: string[];
  format: OutputFormat;
  config?: string;
  'max-warnings'?: number;
  cache: boolean;
  'cache-location': string;
}

export const DEFAULT_LINT_PATH = './out/modules-k8s';

export const lintCommand: Command<LintArgs> = {
  command: 'lint [paths..]',
  describe: 'Lint .tf files or folders against the constitution',
  builder: (yargs: Argv) =>
    yargs
      .positional('paths', { type: 'string', array: true, default: [DEFAULT_LINT_PATH], describe: 'Files or folders to lint' })
      .option('format', { choices: OUTPUT_FORMATS, default: 'text' as OutputFormat, describe: 'Report format' })
      .option('config', { type: 'string', describe: 'Config file (default: gen-modules.config.ts or .json in the working folder)' })
      .option('max-warnings', { type: 'number', describe: 'Fail when there are more warnings than this' })
      .option('cache', { type: 'boolean', default: false, describe: 'Reuse findings of unchanged modules' })
      .option('cache-location', { type: 'string', default: `${DEFAULT_CACHE_LOCATION}/`, describe: 'Folder of the cache' })
      .strict() as unknown as Argv<LintArgs>,
  handler: async (args) => {
    process.exitCode = await runLint(args, process.cwd());
  },
};

/** Lint, print the report on stdout, and return the exit code. */
export async function runLint(args: LintArgs, cwd: string): Promise<number> {
  // yargs runs the handler even after a failed `choices` check when its fail handler does not throw.
  if (!(OUTPUT_FORMATS as readonly string[]).includes(args.format)) {
    throw new UserError(`--format: expected one of ${OUTPUT_FORMATS.join(', ')}, received "${String(args.format)}"`);
  }
  const maxWarnings = args['max-warnings'];
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UserError(`--max-warnings: expected a whole number of at least 0, received ${String(maxWarnings)}`);
  }
  const config = loadConfig({ cwd, configPath: args.config });
  const result = await lintPaths({
    paths: args.paths.length > 0 ? args.paths : [DEFAULT_LINT_PATH],
    cwd,
    config,
    cacheLocation: args.cache ? args['cache-location'] : undefined,
  });
  const output = formatters[args.format](result.findings, {
    cwd,
    color: useColor(process.stdout, process.env),
    rules: ruleInfos(),
    toolVersion: toolVersion(),
    files: result.files,
  });
  process.stdout.write(output);
  return exitCodeFor(result.findings, { maxWarnings });
}

/** Colour only on a terminal, and never when `NO_COLOR` is set (https://no-color.org). */
export function useColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

/** Every rule the tool knows, the engine's own included, sorted by id. */
export function ruleInfos(): RuleInfo[] {
  return [...allRules, ...engineRules]
    .map(({ id, defaultSeverity, summary, docsUrl }) => ({ id, defaultSeverity, summary, docsUrl }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
