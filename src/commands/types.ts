import type { CommandModule } from 'yargs';

/** Every command: a typed yargs module whose handler sets `process.exitCode` and throws `UserError` for bad input. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- yargs' own type for a command without arguments
export type Command<A = {}> = CommandModule<{}, A>;
