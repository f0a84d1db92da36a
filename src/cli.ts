#!/usr/bin/env node
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands';
import { isUserError } from './errors';
import { VerifyError } from './generate/run';

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
      failed = error ?? new UsageError(message);
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
    process.exitCode = code;
  });
}
