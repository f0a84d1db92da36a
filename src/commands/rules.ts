import type { Argv } from 'yargs';
import { UserError } from '../errors';
import { lazy } from './lazy';
import type { Command } from './types';

export interface RulesArgs {
  format: 'text' | 'json';
}

export const rulesCommand: Command<RulesArgs> = {
  command: 'rules',
  describe: 'List the lint rules: id, default severity, summary',
  builder: (yargs: Argv) =>
    yargs
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output format' })
      .example('$0 rules --format json', 'every rule with its default severity, summary and docs URL, as JSON')
      .strict() as unknown as Argv<RulesArgs>,
  handler: (args) => {
    if (args.format !== 'text' && args.format !== 'json')
      throw new UserError(`--format: expected text or json, received "${String(args.format)}"`);
    const { formatRules } = lazy.lintRunner();
    process.stdout.write(formatRules(args.format));
    process.exitCode = 0;
  },
};
