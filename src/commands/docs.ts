import type { Argv } from 'yargs';
import { UserError } from '../errors';
import { relative } from '../util/load-ts';
import { lazy } from './lazy';
import type { Command } from './types';

interface DocsArgs {
  module: string;
  description?: string;
  check: boolean;
  stdout: boolean;
  force: boolean;
}

export const docsCommand: Command<DocsArgs> = {
  command: 'docs <module>',
  describe: "Write a module's README.md (inputs, outputs, hostnames, secrets, a Mermaid picture of its objects) from its .tf files",
  builder: (yargs: Argv) =>
    yargs
      .positional('module', { type: 'string', demandOption: true, describe: 'The module folder' })
      .options({
        description: { type: 'string', describe: 'What the module is (default: the comment at the top of its main.tf)' },
        check: { type: 'boolean', default: false, describe: 'Write nothing; exit 1 if README.md is out of date' },
        stdout: { type: 'boolean', default: false, describe: 'Print the README instead of writing it' },
        force: { type: 'boolean', default: false, describe: 'Replace a README.md written or edited by hand' },
      })
      .example('$0 docs ../infra/modules-k8s/whoami', 'write ../infra/modules-k8s/whoami/README.md')
      .example('$0 docs modules/media --check', 'fail when the README no longer matches the module')
      .strict(),
  handler: async (args) => {
    if (args.check && args.stdout) throw new UserError('--check and --stdout: choose one');
    const { planDocs, writeDocs, describeDocsConflict } = lazy.moduleDocs();
    const plan = await planDocs({ dir: args.module, description: args.description });
    if (args.stdout) {
      process.stdout.write(plan.readme);
      process.exitCode = 0;
      return;
    }
    if (args.check) {
      if (plan.kind !== 'unchanged') {
        const refused = plan.conflict === undefined ? '' : ` (and ${describeDocsConflict(plan).replace(/^[^:]+: /, '')})`;
        process.stderr.write(`gen-modules: ${relative(plan.target)} is out of date; run gen-modules docs ${args.module}${refused}\n`);
      }
      process.exitCode = plan.kind === 'unchanged' ? 0 : 1;
      return;
    }
    writeDocs(plan, { force: args.force });
    process.stdout.write(
      `gen-modules: ${relative(plan.target)} ${plan.kind === 'unchanged' ? 'unchanged' : plan.kind === 'create' ? 'written' : 'updated'}\n`,
    );
    process.exitCode = 0;
  },
};
