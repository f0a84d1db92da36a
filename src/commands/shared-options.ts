import path from 'node:path';
import type { Options } from 'yargs';
import type { RunOptions } from '../generate/run';
import type { PlannedChange } from '../generate/write';
import { lazy } from './lazy';
import { DEFAULT_CACHE_LOCATION } from './lint-options';

/** Options every generating command shares (generate, diff, verify). */
export const generationOptions = {
  specs: { type: 'string', default: './specs', describe: 'Folder of specs (with index.ts)' },
  out: {
    type: 'string',
    describe: 'Modules folder; kubernetes.tf goes beside it (default: out/modules-k8s beside the specs folder)',
  },
  only: { type: 'array', string: true, describe: 'Limit to these services' },
  root: {
    type: 'string',
    describe: 'Repository root: its kubernetes.tf keeps the module blocks between # BEGIN/# END gen-modules markers',
  },
  typecheck: { type: 'boolean', default: false, describe: "Type-check the specs with TypeScript first; print the compiler's errors" },
} as const satisfies Record<string, Options>;

/** generate and diff: reuse the round trips that passed before (the `verify` command always parses everything back). */
export const verifyCacheOption = {
  'verify-cache': {
    type: 'boolean',
    default: true,
    describe: `Skip the hcl2json round trip of services whose spec and rendered files passed it before (kept in ${DEFAULT_CACHE_LOCATION}/)`,
  },
} as const satisfies Record<string, Options>;

export interface GenerationArgs {
  specs: string;
  out?: string;
  only?: string[];
  root?: string;
  typecheck?: boolean;
  /** Set by the commands that offer `--verify-cache`. */
  verifyCache?: boolean;
}

/**
 * The generator's options from the command line. Without `--out`, the modules
 * go to `out/modules-k8s` beside the specs folder (`./out/modules-k8s` for
 * `./specs`), so other specs never overwrite or compare with the built-in output.
 */
export function runOptions(args: GenerationArgs): RunOptions {
  const outDir = args.out ?? path.join(path.dirname(path.resolve(args.specs)), 'out', 'modules-k8s');
  const verifyCache = args.verifyCache === true ? path.resolve(DEFAULT_CACHE_LOCATION) : undefined;
  return { specsDir: args.specs, outDir, only: args.only, root: args.root, typecheck: args.typecheck, verifyCache };
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
