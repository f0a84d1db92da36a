import type { PlannedChange } from '../generate/write';
import { useColor } from '../util/colour';
import { generation, generationOptions, reportConflicts, runOptions, type GenerationArgs } from './shared-options';
import type { Command } from './types';

interface GenerateArgs extends GenerationArgs {
  check: boolean;
  force: boolean;
}

export const generateCommand: Command<GenerateArgs> = {
  command: ['generate', '$0'],
  describe: 'Generate modules from specs (the default command)',
  builder: (yargs) =>
    yargs
      .options({
        ...generationOptions,
        check: { type: 'boolean', default: false, describe: 'Write nothing; print the diff and exit 1 if anything would change' },
        force: { type: 'boolean', default: false, describe: 'Overwrite generated files that were edited by hand' },
      })
      .example('$0', 'generate every module into ./out/modules-k8s and ./out/kubernetes.tf')
      .example('$0 --check', 'fail when the committed output is out of date')
      .example(
        '$0 --root ../infra --out ../infra/modules-k8s',
        'write into a Terraform repository, keeping its kubernetes.tf outside the managed block',
      )
      .strict(),
  handler: async (args) => {
    const api = generation();
    const result = await api.prepare(runOptions(args));
    process.stderr.write(api.describeKept(result.kept));
    process.stderr.write(api.describeUnadopted(result.adoptions));
    const changed = result.changes.filter((c) => c.kind !== 'unchanged');
    if (args.check) {
      process.stdout.write(api.unifiedDiff(changed, useColor(process.stdout)));
      reportConflicts(changed, 'generate would refuse to overwrite them without --force');
      if (changed.length > 0) process.stderr.write(`gen-modules: ${changed.length} file(s) out of date; run gen-modules\n`);
      process.exitCode = changed.length > 0 ? 1 : 0;
      return;
    }
    api.applyChanges(changed, { force: args.force });
    reportConflicts(changed, 'overwritten (--force)');
    process.stdout.write(
      summary(
        result.files.map((f) => f.service),
        result.changes,
      ),
    );
  },
};

/** `gen-modules: 6 module(s) verified; 3 file(s) written, 29 unchanged; 1 deleted` */
function summary(services: Array<string | undefined>, changes: PlannedChange[]): string {
  const count = (kinds: string[]): number => changes.filter((c) => kinds.includes(c.kind)).length;
  const modules = new Set(services.filter(Boolean)).size;
  const deleted = count(['delete']);
  return `gen-modules: ${modules} module(s) verified; ${count(['create', 'update'])} file(s) written, ${count(['unchanged'])} unchanged${deleted > 0 ? `; ${deleted} deleted` : ''}\n`;
}
