import { generation, generationOptions, type GenerationArgs } from './shared-options';
import { useColor } from '../util/colour';
import type { Command } from './types';

interface GenerateArgs extends GenerationArgs {
  check: boolean;
}

export const generateCommand: Command<GenerateArgs> = {
  command: ['generate', '$0'],
  describe: 'Generate modules from specs (the default command)',
  builder: (yargs) =>
    yargs
      .options({
        ...generationOptions,
        check: { type: 'boolean', default: false, describe: 'Write nothing; print the diff and exit 1 if anything would change' },
      })
      .example('$0', 'generate every module into ./out/modules-k8s and ./out/kubernetes.tf')
      .example('$0 --check', 'fail when the committed output is out of date')
      .strict(),
  handler: async (args) => {
    const result = await generation().prepare({ specsDir: args.specs, outDir: args.out, only: args.only });
    const changed = result.changes.filter((c) => c.kind !== 'unchanged');
    if (args.check) {
      process.stdout.write(generation().unifiedDiff(changed, useColor(process.stdout)));
      if (changed.length > 0) process.stderr.write(`gen-modules: ${changed.length} file(s) out of date; run gen-modules\n`);
      process.exitCode = changed.length > 0 ? 1 : 0;
      return;
    }
    generation().applyChanges(changed);
    const services = new Set(result.files.map((f) => f.service).filter(Boolean)).size;
    process.stdout.write(`gen-modules: ${services} module(s) verified; ${changed.length} file(s) written, ${result.changes.length - changed.length} unchanged\n`);
  },
};
