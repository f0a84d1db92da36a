import fs from 'node:fs';
import path from 'node:path';
import { pretranspile } from '../util/load-ts';
import { UserError, VerifyError } from '../errors';
import { loadSpecs, type LoadedSpecs } from '../spec/load';
import { renderAll, type GeneratedFile } from './generate';
import { describeMismatch, verifyAll } from './verify';
import { planChanges, type PlannedChange } from './write';

export interface RunOptions {
  specsDir: string;
  /** The modules folder, e.g. `out/modules-k8s`; the root `kubernetes.tf` goes beside it. */
  outDir: string;
  only?: string[];
}

export interface RunResult {
  specs: LoadedSpecs;
  files: GeneratedFile[];
  changes: PlannedChange[];
  /** The folder that holds `kubernetes.tf` and the modules folder. */
  root: string;
}

/**
 * Load, render and verify every spec. Nothing is written here: the caller
 * decides from `changes` (generate writes, check and diff only print).
 */
export async function prepare(options: RunOptions): Promise<RunResult> {
  if (fs.existsSync(options.specsDir)) await pretranspile(options.specsDir);
  const specs = loadSpecs(options.specsDir);
  const only = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
  if (only) {
    const known = new Set(specs.services.map((s) => s.spec.name));
    const unknown = [...only].filter((name) => !known.has(name));
    if (unknown.length > 0) throw new UserError(`--only: no spec named ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${[...known].join(', ')})`);
  }
  const outDir = path.resolve(options.outDir);
  const root = path.dirname(outDir);
  const files = renderAll(specs, { modulesDir: path.basename(outDir) }, only);
  const mismatches = await verifyAll(specs, files, only);
  if (mismatches.length > 0) {
    throw new VerifyError(mismatches.map(describeMismatch));
  }
  return { specs, files, changes: planChanges(root, files), root };
}
