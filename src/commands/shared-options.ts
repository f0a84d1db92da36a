import { setFlagsFromString } from 'node:v8';
import type { Options } from 'yargs';

/** Options every generating command shares (generate, diff, verify). */
export const generationOptions = {
  specs: { type: 'string', default: './specs', describe: 'Folder of specs (with index.ts)' },
  out: { type: 'string', default: './out/modules-k8s', describe: 'Modules folder; kubernetes.tf goes beside it' },
  only: { type: 'array', string: true, describe: 'Limit to these services' },
} as const satisfies Record<string, Options>;

export interface GenerationArgs {
  specs: string;
  out: string;
  only?: string[];
}

/** The generator, loaded when a command runs rather than when the CLI starts. */
export function generation(): typeof import('../generate/api') {
  // A run is short: V8's optimising tier only competes with the baseline code of
  // hcl2json's WebAssembly for the CPU (measured: 20 parses 0.5 s → 0.22 s).
  // The flag must be set before the module is compiled.
  setFlagsFromString('--liftoff-only');
  return require('../generate/api') as typeof import('../generate/api');
}
