import path from 'node:path';
import { UserError } from '../errors';
import { formatters, OUTPUT_FORMATS, type FormatContext, type RuleInfo } from '../formatters';
import { isTerminal, useColor } from '../util/colour';
import { checkFolder } from '../util/paths';
import { toolVersion } from '../lint/cache';
import { findConfigFile } from '../lint/config-file';
import { exitCodeFor, reportOn } from '../lint/report';
import { discoverFiles, repositoryRootOf } from '../terraform/load';
import { lazyLint } from '../lint/lazy';
import { DEFAULT_LINT_PATH, type LintArgs } from './lint-options';
import { readSummary, writeSummary } from '../lint/result-cache';
import type { Finding } from '../lint/types';
import { byKey } from '../util/compare';

/**
 * `gen-modules lint`. The rules, their option schemas and the configuration are
 * loaded only when something has to be linted: an unchanged tree under `--cache`
 * is answered from the last run's findings without them.
 */
export async function runLint(args: LintArgs, cwd: string): Promise<number> {
  // yargs runs the handler even after a failed `choices` check when its fail handler does not throw.
  if (!(OUTPUT_FORMATS as readonly string[]).includes(args.format)) {
    throw new UserError(`--format: expected one of ${OUTPUT_FORMATS.join(', ')}, received "${String(args.format)}"`);
  }
  const maxWarnings = args['max-warnings'];
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UserError(`--max-warnings: expected a whole number of at least 0, received ${String(maxWarnings)}`);
  }
  const relativeTo = reportBase(args['relative-to'], cwd);
  const cacheLocation = args.cache ? path.resolve(cwd, args['cache-location']) : undefined;
  if (cacheLocation !== undefined) checkFolder('--cache-location', cacheLocation, { mustExist: false });
  const discovered = await discoverFiles(args.paths.length > 0 ? args.paths : [DEFAULT_LINT_PATH], cwd);
  const findings =
    (cacheLocation && readSummary(cacheLocation, toolVersion(), findConfigFile(cwd, args.config), discovered.files)) ||
    (await lintAll(discovered.files, cwd, args.config, cacheLocation, discovered.repositoryRoot));
  const result = reportOn(findings, discovered);
  const exitCode = exitCodeFor(result.findings, { maxWarnings });
  const context: FormatContext = {
    cwd: relativeTo,
    color: useColor(process.stdout, process.env),
    terminal: args.format === 'text' && isTerminal(process.stdout) ? { passed: exitCode === 0 } : undefined,
    get rules() {
      return ruleInfos();
    },
    toolVersion: toolVersion(),
    files: result.files,
  };
  process.stdout.write(formatters[args.format](result.findings, context));
  return exitCode;
}

/** The folder report paths are relative to: `--relative-to`, else the repository root of `cwd`, else `cwd`. */
function reportBase(relativeTo: string | undefined, cwd: string): string {
  if (relativeTo === undefined) return repositoryRootOf(cwd) ?? cwd;
  const folder = path.resolve(cwd, relativeTo);
  checkFolder('--relative-to', folder, { mustExist: true });
  return folder;
}

async function lintAll(
  files: ReadonlyMap<string, string>,
  cwd: string,
  configPath: string | undefined,
  cacheLocation: string | undefined,
  wholeRepository: boolean,
): Promise<Finding[]> {
  const { loadConfig } = lazyLint.config();
  const { lintFiles } = lazyLint.engine();
  const config = loadConfig({ cwd, configPath });
  const findings = await lintFiles(files, { cwd, config, cacheLocation, wholeRepository });
  if (cacheLocation) writeSummary(cacheLocation, toolVersion(), config.sources, files, findings);
  return findings;
}

/** Every rule the tool knows, the engine's own included, sorted by id. */
export function ruleInfos(): RuleInfo[] {
  const { allRules } = lazyLint.rules();
  const { engineRules } = lazyLint.engineRules();
  return [...allRules, ...engineRules]
    .map(({ id, defaultSeverity, summary, docsUrl }) => ({ id, defaultSeverity, summary, docsUrl }))
    .sort(byKey((rule) => rule.id));
}

/** `gen-modules rules`: one line per rule, or JSON. */
export function formatRules(format: 'text' | 'json'): string {
  const rules = ruleInfos();
  if (format === 'json') return `${JSON.stringify(rules, null, 2)}\n`;
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const severityWidth = Math.max(...rules.map((r) => r.defaultSeverity.length));
  return rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.defaultSeverity.padEnd(severityWidth)}  ${r.summary}\n`).join('');
}
