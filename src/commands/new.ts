import type { Argv } from 'yargs';
import { generationOptions } from './shared-options';
import { lazy } from './lazy';
import type { Command } from './types';

interface NewArgs {
  service: string;
  specs: string;
}

export const newCommand: Command<NewArgs> = {
  command: 'new <service>',
  describe: 'Scaffold specs/<service>.ts from a typed skeleton and register it in specs/index.ts',
  builder: (yargs: Argv) =>
    yargs
      .positional('service', { type: 'string', demandOption: true, describe: 'Service name: lowercase letters, digits and hyphens' })
      .option('specs', generationOptions.specs)
      .example('$0 new uptime-kuma', 'write specs/uptime-kuma.ts and add it to specs/index.ts; then gen-modules diff')
      .strict() as unknown as Argv<NewArgs>,
  handler: (args) => {
    // ts-morph (and the TypeScript compiler inside it) loads only for this command.
    const { scaffoldService } = lazy.scaffold();
    const result = scaffoldService(args.specs, args.service);
    process.stdout.write(
      `gen-modules: wrote ${result.specFile} and registered it in ${result.indexFile}; edit it, then run gen-modules diff\n`,
    );
    process.exitCode = 0;
  },
};
