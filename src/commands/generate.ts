import path from 'node:path';
import { styleText } from 'node:util';
import type { RunResult } from '../generate/run';
import type { PlannedChange } from '../generate/write';
import { isTerminal, useColor } from '../util/colour';
import { formatText } from '../formatters/text';
import { lazy } from './lazy';
import { generation, generationOptions, reportConflicts, runOptions, verifyCacheOption, type GenerationArgs } from './shared-options';
import type { Command } from './types';

interface GenerateArgs extends GenerationArgs {
  check: boolean;
  force: boolean;
  lint: boolean;
}

export const generateCommand: Command<GenerateArgs> = {
  command: ['generate', '$0'],
  describe: 'Generate modules from specs (the default command)',
  builder: (yargs) =>
    yargs
      .options({
        ...generationOptions,
        ...verifyCacheOption,
        check: { type: 'boolean', default: false, describe: 'Write nothing; print the diff and exit 1 if anything would change' },
        force: { type: 'boolean', default: false, describe: 'Overwrite generated files that were edited by hand' },
        lint: {
          type: 'boolean',
          default: true,
          describe: 'Lint the rendered modules before writing and refuse on errors (--no-lint: write anyway)',
        },
      })
      .example('$0', 'generate every module into ./out/modules-k8s and ./out/kubernetes.tf')
      .example('$0 --check', 'fail when the committed output is out of date')
      .example(
        '$0 --root ../infra --out ../infra/modules-k8s',
        'write into a Terraform repository, keeping its kubernetes.tf outside the managed block',
      )
      .strict(),
  handler: async (args) => {
    const api = generation();
    const result = await api.prepare(runOptions(args));
    process.stderr.write(api.describeKept(result.kept));
    for (const warning of result.warnings) process.stderr.write(`gen-modules: warning: ${warning}\n`);
    process.stderr.write(api.describeUnadopted(result.adoptions));
    if (args.check) {
      const changed = result.changes.filter((c) => c.kind !== 'unchanged');
      const stale = api.staleTemporaries(result.root, result.outDir);
      process.stdout.write(api.unifiedDiff(changed, useColor(process.stdout)));
      reportConflicts(changed, 'generate would refuse to overwrite them without --force');
      reportStale(stale, 'gen-modules removes them');
      if (changed.length > 0) process.stderr.write(`gen-modules: ${changed.length} file(s) out of date; run gen-modules\n`);
      process.exitCode = changed.length > 0 || stale.length > 0 ? 1 : 0;
      if (process.exitCode === 0 && isTerminal(process.stdout)) process.stdout.write(upToDateLine(result, args.root !== undefined));
      return;
    }
    if (args.lint && !(await lintsClean(result))) {
      process.exitCode = 1;
      return;
    }
    // Another run may have written since the specs were read: compare again under the lock.
    const changes = await api.withOutputLock(result.outDir, () => {
      reportStale(api.removeStaleTemporaries(result.root, result.outDir), 'removed');
      const fresh = result.replan().changes;
      api.applyChanges(
        fresh.filter((c) => c.kind !== 'unchanged'),
        { force: args.force },
      );
      return fresh;
    });
    reportConflicts(
      changes.filter((c) => c.kind !== 'unchanged'),
      'overwritten (--force)',
    );
    process.stdout.write(
      summary(
        result.files.map((f) => f.service),
        changes,
      ),
    );
  },
};

/**
 * What `--check` found up to date, for a person at a terminal, paths relative to
 * the working folder: `✓ out/ is up to date` when the folder beside the modules
 * holds only what gen-modules writes (no `--root`), else the modules folder and
 * the root's kubernetes.tf, `✓ ../infra/modules-k8s/ and ../infra/kubernetes.tf are up to date`.
 */
function upToDateLine(result: RunResult, withRoot: boolean): string {
  const shown = (target: string): string => path.relative(process.cwd(), target).split(path.sep).join('/');
  const folder = (dir: string): string => `${shown(dir) || '.'}/`;
  const whole = !withRoot && shown(result.root) !== '';
  const what = whole ? `${folder(result.root)} is` : `${folder(result.outDir)} and ${shown(path.join(result.root, 'kubernetes.tf'))} are`;
  const line = `✓ ${what} up to date`;
  return `${useColor(process.stdout) ? styleText(['bold', 'green'], line, { validateStream: false }) : line}\n`;
}

/** Name the staged files an interrupted run left behind. */
function reportStale(files: string[], consequence: string): void {
  if (files.length === 0) return;
  const names = files.map((f) => `  ${path.relative(process.cwd(), f)}`).join('\n');
  process.stderr.write(`gen-modules: ${files.length} unfinished file(s) left by an interrupted run; ${consequence}:\n${names}\n`);
}

/**
 * Lint the rendered modules in memory with the configuration of the working
 * folder; print the findings on stderr. False when any is an error.
 */
async function lintsClean(result: RunResult): Promise<boolean> {
  const cwd = process.cwd();
  const modules = new Map(
    result.files.filter((f) => f.service !== undefined).map((f) => [path.join(result.root, ...f.path.split('/')), f.content]),
  );
  const lint = await lazy.renderedLint().lintRendered(modules, cwd);
  process.stderr.write(formatText(lint.findings, { cwd, color: useColor(process.stderr), rules: [], toolVersion: '' }));
  if (lint.errors === 0) return true;
  process.stderr.write(`gen-modules: the generated modules have ${lint.errors} lint error(s); nothing written (--no-lint writes anyway)\n`);
  return false;
}

/** `gen-modules: 6 module(s) verified; 3 file(s) written, 29 unchanged; 1 deleted` */
function summary(services: Array<string | undefined>, changes: PlannedChange[]): string {
  const count = (kinds: string[]): number => changes.filter((c) => kinds.includes(c.kind)).length;
  const modules = new Set(services.filter(Boolean)).size;
  const deleted = count(['delete']);
  return `gen-modules: ${modules} module(s) verified; ${count(['create', 'update'])} file(s) written, ${count(['unchanged'])} unchanged${deleted > 0 ? `; ${deleted} deleted` : ''}\n`;
}
