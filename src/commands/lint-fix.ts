import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { unifiedDiff } from '../generate/diff';
import { inspect } from '../generate/header';
import { applyChanges, type PlannedChange } from '../generate/write';
import { lazyLint } from '../lint/lazy';
import type { Discovered } from '../lint/report';
import type { Finding } from '../lint/types';
import { useColor } from '../util/colour';
import { relative } from '../util/load-ts';
import type { LintArgs } from './lint-options';
import { reportBase } from './lint-run';

/**
 * `gen-modules lint --fix` and `--fix-dry-run`: apply the rules' fixes to a
 * fixed point, then write the changed files all or nothing (as generate does),
 * or print them as a unified diff. A generated file is never fixed: its spec
 * is named instead. Returns the findings that remain, for the usual report.
 */
export async function fixAll(args: LintArgs, cwd: string, discovered: Discovered): Promise<Finding[]> {
  const config = lazyLint.config().loadConfig({ cwd, configPath: args.config });
  const run = await lazyLint.fix().fixFiles(discovered.files, {
    cwd,
    config,
    wholeRepository: discovered.repositoryRoot,
    fixable: discovered.reportFiles ?? undefined,
    generatedFrom,
  });
  // Paths as the report gives them.
  const base = reportBase(args['relative-to'], cwd);
  const shown = (file: string): string => path.relative(base, file).split(path.sep).join('/');
  for (const { file, spec } of run.generated)
    process.stderr.write(`gen-modules: not fixed: ${shown(file)} is generated from ${spec}; change the spec and run gen-modules\n`);
  const changes = run.changed.map((target): PlannedChange => ({
    target,
    kind: 'update',
    current: discovered.files.get(target),
    next: run.texts.get(target),
    source: '',
    file: undefined,
  }));
  if (args['fix-dry-run']) {
    // A machine-readable report keeps stdout to itself.
    const out = args.format === 'text' ? process.stdout : process.stderr;
    out.write(unifiedDiff(changes, useColor(out), base));
  } else {
    applyChanges(onRealFiles(changes));
  }
  return run.findings;
}

/** The spec a file was generated from, when it carries the generator's header. */
function generatedFrom(_file: string, text: string): string | undefined {
  const { state, source } = inspect(text);
  return state === 'foreign' ? undefined : (source ?? 'its spec');
}

/**
 * The changes on the files links point to, so links stay links; a file reached
 * by several links is written once, and refused when the fixes disagree on it.
 */
function onRealFiles(changes: readonly PlannedChange[]): PlannedChange[] {
  const byReal = new Map<string, { change: PlannedChange; via: string }>();
  for (const change of changes) {
    const real = fs.realpathSync(change.target);
    const twin = byReal.get(real);
    if (twin && twin.change.next !== change.next)
      throw new UserError(
        `${relative(change.target)} and ${relative(twin.via)} are one file with two different fixes; fix one of them alone; nothing was written`,
      );
    if (!twin) byReal.set(real, { change: { ...change, target: real }, via: change.target });
  }
  return [...byReal.values()].map(({ change }) => change);
}
