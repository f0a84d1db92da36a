#!/usr/bin/env node
import path from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands';
import { lazy } from './commands/lazy';
import { isUserError, ThreadError, VerifyError } from './errors';
import { describeFsError, isFsError } from './util/fs-errors';
import { ROUND_TRIP_TASK } from './generate/round-trip';
import { providePublicApi } from './util/load-ts';
import { provideWorkerScripts } from './util/threads';
import { suggestion } from './util/suggest';

export async function main(argv: string[]): Promise<number> {
  process.exitCode = 0;
  try {
    return await run(argv);
  } finally {
    process.off('exit', onEarlyExit);
  }
}

/**
 * Code a command runs (a spec, a config file) may call `process.exit()`: that
 * must not end a run silently with the exit code it chose. From the moment a
 * command's handler starts (after --help and --version, which exit by design)
 * until the run is done, an exit says so and exits 2.
 */
function onEarlyExit(code: number): void {
  process.stderr.write(
    `gen-modules: the run was ended by process.exit(${code}) before it finished (called by a spec or config file?); nothing more was done\n`,
  );
  process.exitCode = 2;
}

async function run(argv: string[]): Promise<number> {
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
      throw error ?? new UsageError(withSuggestion(message, argv, optionNames(parser)));
    });
  for (const command of commands) parser.command(command);
  parser.middleware(() => {
    process.on('exit', onEarlyExit);
  });
  try {
    await parser.parseAsync();
  } catch (error) {
    failed ??= error;
  }
  if (failed !== undefined) return report(failed);
  return Number(process.exitCode ?? 0);
}

class UsageError extends Error {}

/**
 * "Did you mean": `gen-modules verifi` reads as an unknown argument of the
 * default command, so suggest the command meant; a mistyped flag of a known
 * command gets the closest option of that command.
 */
/** The options known in the current command (yargs keeps them on the instance; its types do not say so). */
function optionNames(parser: unknown): string[] {
  const getOptions = (parser as { getOptions?: () => { key?: Record<string, unknown> } }).getOptions;
  return Object.keys(getOptions?.call(parser).key ?? {}).filter((name) => name.length > 1 && name !== '$0');
}

function withSuggestion(message: string, argv: string[], options: readonly string[]): string {
  const unknown = /^Unknown arguments?: (.+)$/.exec(message)?.[1]?.split(', ');
  if (unknown === undefined) return message;
  const commandNames = commands.map((c) => String(Array.isArray(c.command) ? c.command[0] : c.command).split(' ')[0] as string);
  const word = argv.find((a) => !a.startsWith('-'));
  if (word !== undefined && !commandNames.includes(word) && unknown.includes(word)) return `${message}${suggestion(word, commandNames)}`;
  const flag = unknown.find((name) => !argv.includes(name));
  if (flag === undefined) return message;
  const hint = suggestion(flag, options);
  return hint === '' ? message : `${message}${hint.replace(/"([^"]+)"/, '"--$1"')}`;
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
  if (isUserError(error) || error instanceof ThreadError) {
    process.stderr.write(`gen-modules: ${error.message}\n`);
    return 2;
  }
  // The file system refused (disk full, permissions, a path that is not what it seems): the path and why, no stack.
  if (isFsError(error)) {
    process.stderr.write(`gen-modules: ${describeFsError(error)}\n`);
    return 2;
  }
  // A stack overflow is an input nested too deep for some step that recurses.
  if (error instanceof RangeError && /call stack/.test(error.message)) {
    process.stderr.write('gen-modules: the input is nested too deeply to process (maximum call stack size exceeded)\n');
    return 2;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`gen-modules: internal error: ${detail}\n`);
  return 2;
}

/** Run the command line of this process and exit with its code (the `gen-modules` executable). */
export function start(): void {
  provideExecutable();
  void main(hideBin(process.argv)).then((code) => {
    // Exit as soon as the work is done: hcl2json's Go runtime keeps a timer that
    // would hold the process open for a second. Flush stdout first.
    process.stdout.write('', () => process.exit(code));
  });
}

/** What the executable gives the code it runs, before its first command line (`start`, the build's code-cache training). */
export function provideExecutable(): void {
  // Specs and config files import `gen-modules`: they get this running copy's API,
  // which in the bundled executable is inside the bundle.
  providePublicApi(lazy.publicApi);
  // The round trip's worker entry sits beside this bundle (dist/bin).
  provideWorkerScripts({ [ROUND_TRIP_TASK]: path.join(__dirname, 'round-trip-worker.js') });
}

if (require.main === module) start();
