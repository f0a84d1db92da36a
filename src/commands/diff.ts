import { generation, generationOptions, type GenerationArgs } from './shared-options';
import { useColor } from '../util/colour';
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
    const result = await generation().prepare({ specsDir: args.specs, outDir: args.out, only: args.only });
    process.stdout.write(generation().unifiedDiff(result.changes, useColor(process.stdout)));
  },
};
