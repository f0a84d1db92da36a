import path from 'node:path';
import type { Options } from 'yargs';
import type { RunOptions } from '../generate/run';
import type { PlannedChange } from '../generate/write';
import { lazy } from './lazy';

/** Options every generating command shares (generate, diff, verify). */
export const generationOptions = {
  specs: { type: 'string', default: './specs', describe: 'Folder of specs (with index.ts)' },
  out: { type: 'string', default: './out/modules-k8s', describe: 'Modules folder; kubernetes.tf goes beside it' },
  only: { type: 'array', string: true, describe: 'Limit to these services' },
  root: {
    type: 'string',
    describe: 'Repository root: its kubernetes.tf keeps the module blocks between # BEGIN/# END gen-modules markers',
  },
} as const satisfies Record<string, Options>;

export interface GenerationArgs {
  specs: string;
  out: string;
  only?: string[];
  root?: string;
}

/** The generator's options from the command line. */
export function runOptions(args: GenerationArgs): RunOptions {
  return { specsDir: args.specs, outDir: args.out, only: args.only, root: args.root };
}

/** The generator, loaded when a command runs rather than when the CLI starts. */
export const generation = (): ReturnType<typeof lazy.generator> => lazy.generator();

/** Name the files gen-modules did not write as they are, on stderr. */
export function reportConflicts(changes: PlannedChange[], consequence: string): void {
  const conflicts = changes.filter((c) => c.conflict !== undefined);
  if (conflicts.length === 0) return;
  const names = conflicts.map((c) => `  ${path.relative(process.cwd(), c.target)}`).join('\n');
  process.stderr.write(`gen-modules: ${conflicts.length} file(s) edited by hand since they were generated; ${consequence}:\n${names}\n`);
}
