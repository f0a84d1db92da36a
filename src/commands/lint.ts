import type { Argv } from 'yargs';
import { OUTPUT_FORMATS, type OutputFormat } from '../formatters/types';
import { DEFAULT_CACHE_LOCATION, DEFAULT_LINT_PATH, type LintArgs } from './lint-options';
import { lazy } from './lazy';
import type { Command } from './types';

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
      .option('relative-to', {
        type: 'string',
        describe:
          'Folder report paths are relative to (default: the root of the git repository of the working folder, else the working folder)',
      })
      .example(
        '$0 lint ../infra/modules-k8s --format gitlab > gl-code-quality-report.json',
        'lint hand-written modules for a GitLab merge request',
      )
      .strict() as unknown as Argv<LintArgs>,
  handler: async (args) => {
    process.exitCode = await lazy.lintRunner().runLint(args, process.cwd());
  },
};
