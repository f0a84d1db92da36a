#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands';
import { isUserError, VerifyError } from './errors';
import { suggestion } from './util/suggest';

export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  let failed: unknown;
  const parser = yargs(argv)
    .scriptName('gen-modules')
    .usage('$0 [command]\n\nGenerate Terraform modules from typed specs and lint Terraform trees.')
    .strict()
    .recommendCommands()
    .demandCommand(0)
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      // Throwing stops yargs before any handler runs: bad flags never write.
      throw error ?? new UsageError(withSuggestion(message, argv));
    });
  for (const command of commands) parser.command(command);
  try {
    await parser.parseAsync();
  } catch (error) {
    failed ??= error;
  }
  if (failed !== undefined) return report(failed);
  return Number(process.exitCode ?? 0);
}

class UsageError extends Error {}

/** `gen-modules verifi` reads as an unknown argument of the default command: suggest the command meant. */
function withSuggestion(message: string, argv: string[]): string {
  const word = argv.find((a) => !a.startsWith('-'));
  if (word === undefined || !message.startsWith('Unknown argument')) return message;
  const names = commands.map((c) => (Array.isArray(c.command) ? c.command[0] : c.command) as string).map((c) => c.split(' ')[0] as string);
  const hint = suggestion(word, names);
  return `${message}${hint}`;
}

function report(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`gen-modules: ${error.message}\nRun 'gen-modules --help' for usage.\n`);
    return 2;
  }
  if (error instanceof VerifyError) {
    process.stderr.write(`gen-modules: ${error.message}\n`);
    return 1;
  }
  if (isUserError(error)) {
    process.stderr.write(`gen-modules: ${error.message}\n`);
    return 2;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`gen-modules: internal error: ${detail}\n`);
  return 2;
}

if (require.main === module) {
  void main(hideBin(process.argv)).then((code) => {
    // Exit as soon as the work is done: hcl2json's Go runtime keeps a timer that
    // would hold the process open for a second. Flush stdout first.
    process.stdout.write('', () => process.exit(code));
  });
}
