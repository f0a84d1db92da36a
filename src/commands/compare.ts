import type { Argv } from 'yargs';
import { lazy } from './lazy';
import type { Command } from './types';

interface CompareArgs {
  a: string;
  b: string;
  format: 'text' | 'json';
}

export const compareCommand: Command<CompareArgs> = {
  command: 'compare <a> <b>',
  describe: 'Compare the Kubernetes objects two module folders declare (exit 0 equivalent, 1 different, 2 bad input)',
  builder: (yargs: Argv) =>
    yargs
      .positional('a', { type: 'string', demandOption: true, describe: 'Module folder (before)' })
      .positional('b', { type: 'string', demandOption: true, describe: 'Module folder (after)' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'Report format' })
      .example('$0 compare ../infra/modules-k8s/whoami out/modules-k8s/whoami', 'hand-written module vs the one generated from its spec')
      .strict(),
  handler: async (args) => {
    const { loadModuleDir } = lazy.moduleLoader();
    const compare = lazy.comparison();
    const [a, b] = await Promise.all([loadModuleDir(args.a), loadModuleDir(args.b)]);
    const comparison = compare.compareModules(a, b);
    const equivalent = compare.isEquivalent(comparison);
    if (args.format === 'json') process.stdout.write(`${JSON.stringify({ equivalent, ...comparison }, null, 2)}\n`);
    else process.stdout.write(compare.describeComparison(comparison, { a: args.a, b: args.b }));
    process.exitCode = equivalent ? 0 : 1;
  },
};
