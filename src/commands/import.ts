import type { Argv } from 'yargs';
import { generationOptions } from './shared-options';
import { lazy } from './lazy';
import type { Command } from './types';

interface ImportArgs {
  module: string;
  name?: string;
  specs: string;
  root?: string;
}

export const importCommand: Command<ImportArgs> = {
  command: 'import <module>',
  describe: 'Write specs/<service>.ts from a hand-written module folder and register it (exit 0 written, 2 bad input)',
  builder: (yargs: Argv) =>
    yargs
      .positional('module', { type: 'string', demandOption: true, describe: 'The hand-written module folder' })
      .option('name', { type: 'string', describe: 'Service name (default: the module folder name)' })
      .option('specs', generationOptions.specs)
      .option('root', { type: 'string', describe: "Repository root: its kubernetes.tf's module block gives the variables their values" })
      .example('$0 import ../infra/modules-k8s/whoami --root ../infra', 'write specs/whoami.ts; then gen-modules diff')
      .strict(),
  handler: async (args) => {
    // ts-morph (and the TypeScript compiler inside it) loads only for this command.
    const { importModule } = lazy.importer();
    const result = await importModule({ moduleDir: args.module, name: args.name, specsDir: args.specs, root: args.root });
    const width = Math.max(...result.rows.map((row) => row.address.length), 'resource'.length);
    const table = [`${'resource'.padEnd(width)}  spec`, ...result.rows.map((row) => `${row.address.padEnd(width)}  ${row.target}`)];
    process.stdout.write(`${table.join('\n')}\n`);
    process.stdout.write(`gen-modules: wrote ${result.specFile} and registered it in ${result.indexFile}; then run gen-modules diff\n`);
    process.exitCode = 0;
  },
};
