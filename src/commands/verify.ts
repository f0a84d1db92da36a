import { generation, generationOptions, runOptions, type GenerationArgs } from './shared-options';
import type { Command } from './types';

export const verifyCommand: Command<GenerationArgs> = {
  command: 'verify',
  describe: 'Render, parse the HCL back with hcl2json and check it against the specs',
  builder: (yargs) => yargs.options(generationOptions).example('$0 verify', 'check every spec round-trips through HCL').strict(),
  handler: async (args) => {
    const result = await generation().prepare(runOptions(args));
    const stale = result.changes.filter((c) => c.kind !== 'unchanged').length;
    process.stdout.write(
      `gen-modules: ${result.files.length} file(s) verified against their specs${stale ? `; ${stale} differ from disk (run gen-modules)` : ''}\n`,
    );
  },
};
