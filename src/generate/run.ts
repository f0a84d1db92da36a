import fs from 'node:fs';
import path from 'node:path';
import { pretranspile } from '../util/load-ts';
import { checkFolder } from '../util/paths';
import { UserError, VerifyError } from '../errors';
import { loadSpecs, type LoadedSpecs } from '../spec-api/load';
import { typecheckSpecs } from '../spec-api/typecheck';
import { checkManifestSchemas } from './manifests';
import type { Adoption } from './adoption';
import { adoptionsOf, placeholderWarnings, renderAll, type GeneratedFile } from './generate';
import { describeMismatch, startRoundTrips } from './verify';
import { roundTripParser, type RoundTripParser } from './round-trip';
import { openVerifyCache, type VerifyCache } from './verify-cache';
import { existingModuleFiles, planChanges, type KeptFile, type Placement, type Plan, type PlannedChange } from './write';

export interface RunOptions {
  specsDir: string;
  /** The modules folder, e.g. `out/modules-k8s`; the root `kubernetes.tf` goes beside it. */
  outDir: string;
  only?: string[];
  /**
   * A repository root whose `kubernetes.tf` gets the module blocks between
   * markers, the rest of the file left alone. Without it, `kubernetes.tf`
   * beside the modules folder is written whole.
   */
  root?: string;
  /** Type-check the specs folder with TypeScript before loading it. */
  typecheck?: boolean;
  /**
   * The folder of the verify cache: services whose spec and rendered files passed
   * the round trip before are not parsed back again. Without it, every service is.
   */
  verifyCache?: string;
}

export interface RunResult {
  specs: LoadedSpecs;
  files: GeneratedFile[];
  changes: PlannedChange[];
  /** Generated files no spec produces any more that are kept, because they were edited or carry no hash. */
  kept: KeptFile[];
  /** The folder that holds `kubernetes.tf`. */
  root: string;
  /** The modules folder, absolute. */
  outDir: string;
  /** The same comparison with the disk again (under the output lock, another run may have written since). */
  replan(): Plan;
  /** Problems that do not stop generation (a placeholder description), one line each. */
  warnings: string[];
  /** Blocks that hand imported modules' objects over to the generated ones. */
  adoptions: Adoption[];
}

/**
 * Load, render and verify every spec. Nothing is written here: the caller
 * decides from `changes` (generate writes, check and diff only print).
 */
export async function prepare(options: RunOptions): Promise<RunResult> {
  checkFolder('--specs', options.specsDir, { mustExist: false });
  checkFolder('--out', options.outDir, { mustExist: false });
  if (options.root !== undefined) checkFolder('--root', options.root, { mustExist: true });
  if (options.typecheck && fs.existsSync(options.specsDir)) typecheckSpecs(options.specsDir);
  const cache = options.verifyCache === undefined ? undefined : openVerifyCache(options.verifyCache);
  const parser = roundTripParser();
  try {
    return await prepareWith(options, cache, parser);
  } finally {
    parser.close();
  }
}

async function prepareWith(options: RunOptions, cache: VerifyCache | undefined, parser: RoundTripParser): Promise<RunResult> {
  // Every service will be parsed back: start loading hcl2json now (on its worker
  // thread in the executable, its WebAssembly compiled while esbuild transpiles the
  // specs), so that it is ready while the specs load and render. With a cache that
  // knows some round trips, it starts at the first service the cache does not know, if any.
  const transpiled = fs.existsSync(options.specsDir) ? pretranspile(options.specsDir) : undefined;
  if (cache === undefined || cache.empty()) parser.warmUp();
  await transpiled;
  const specs = loadSpecs(options.specsDir, { checks: [checkManifestSchemas] });
  const only = options.only && options.only.length > 0 ? new Set(options.only) : undefined;
  if (only) {
    const known = new Set(specs.services.map((s) => s.spec.name));
    const unknown = [...only].filter((name) => !known.has(name));
    if (unknown.length > 0)
      throw new UserError(`--only: no spec named ${unknown.map((n) => `"${n}"`).join(', ')} (known: ${[...known].join(', ')})`);
  }
  const outDir = path.resolve(options.outDir);
  const root = options.root === undefined ? path.dirname(outDir) : path.resolve(options.root);
  const modulesDir = path.relative(root, outDir).split(path.sep).join('/') || '.';
  const layout = { modulesDir };
  const imported = specs.services.filter((s) => s.spec.importedFrom !== undefined && (!only || only.has(s.spec.name)));
  const adoptions = await adoptionsOf(
    specs,
    renderAll({ ...specs, services: imported }, layout, new Set(imported.map((s) => s.spec.name))),
  );
  // Each service's round trip is asked for as soon as it is rendered (on the worker
  // thread, its parse overlaps the rendering of the next service).
  const roundTrips = startRoundTrips(specs, cache, parser);
  const files = renderAll(specs, layout, only, adoptions, (service, own) => roundTrips.add(service.spec, own));
  const mismatches = await roundTrips.results();
  cache?.save();
  if (mismatches.length > 0) {
    throw new VerifyError(mismatches.map(describeMismatch));
  }
  const placements = files.map((file): Placement => ({
    file,
    target: path.join(root, ...file.path.split('/')),
    // Only the root file shares its folder with what the user wrote.
    block: options.root !== undefined && file.service === undefined,
  }));
  // A hand-written module the spec was imported from is replaced by the generated one, its files included.
  const adopted = new Set(adoptions.map((adoption) => path.resolve(root, adoption.path)));
  const replan = (): Plan => planChanges(placements, existingModuleFiles(outDir, only), adopted);
  const { changes, kept } = replan();
  return { specs, files, changes, kept, root, outDir, replan, warnings: placeholderWarnings(specs), adoptions };
}
