import type { Argv } from 'yargs';
import { UserError } from '../errors';
import type { Command } from './types';
import { ruleInfos } from './lint';

export interface RulesArgs {
  format: 'text' | 'json';
}

export const rulesCommand: Command<RulesArgs> = {
  command: 'rules',
  describe: 'List the lint rules: id, default severity, summary',
  builder: (yargs: Argv) =>
    yargs.option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Output format' }).strict() as unknown as Argv<RulesArgs>,
  handler: (args) => {
    if (args.format !== 'text' && args.format !== 'json') throw new UserError(`--format: expected text or json, received "${String(args.format)}"`);
    process.stdout.write(formatRules(args.format));
    process.exitCode = 0;
  },
};

export function formatRules(format: RulesArgs['format']): string {
  const rules = ruleInfos();
  if (format === 'json') return `${JSON.stringify(rules, null, 2)}\n`;
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const severityWidth = Math.max(...rules.map((r) => r.defaultSeverity.length));
  return rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.defaultSeverity.padEnd(severityWidth)}  ${r.summary}\n`).join('');
}
