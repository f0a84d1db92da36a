import { useColor } from '../util/colour';
import { generation, generationOptions, reportConflicts, runOptions, verifyCacheOption, type GenerationArgs } from './shared-options';
import type { Command } from './types';

export const diffCommand: Command<GenerationArgs> = {
  command: 'diff',
  describe: 'Print a unified diff of what generate would create, change or delete (exit 0)',
  builder: (yargs) =>
    yargs
      .options({ ...generationOptions, ...verifyCacheOption })
      .example('$0 diff --only grafana', 'review the HCL a change to specs/grafana.ts makes')
      .example('$0 diff | less -R', 'page through a coloured diff')
      .strict(),
  handler: async (args) => {
    const api = generation();
    const result = await api.prepare(runOptions(args));
    process.stderr.write(api.describeKept(result.kept));
    process.stdout.write(api.unifiedDiff(result.changes, useColor(process.stdout)));
    reportConflicts(result.changes, 'generate would refuse to overwrite them without --force');
  },
};
