import { unifiedDiff, useColour } from '../generate/diff';
import { prepare } from '../generate/run';
import { generationOptions, type GenerationArgs } from './shared-options';
import type { Command } from './types';

export const diffCommand: Command<GenerationArgs> = {
  command: 'diff',
  describe: 'Print a unified diff of what generate would change (exit 0)',
  builder: (yargs) =>
    yargs
      .options(generationOptions)
      .example('$0 diff --only grafana', 'review the HCL a change to specs/grafana.ts makes')
      .strict(),
  handler: async (args) => {
    const result = await prepare({ specsDir: args.specs, outDir: args.out, only: args.only });
    process.stdout.write(unifiedDiff(result.changes, useColour(process.stdout)));
  },
};
