import { UserError } from '../errors';
import { formatters, OUTPUT_FORMATS, type RuleInfo } from '../formatters';
import { useColor } from '../util/colour';
import { toolVersion } from './cache';
import { loadConfig } from './config';
import { engineRules } from './config-engine-rules';
import { exitCodeFor, lintPaths } from './engine';
import { allRules } from './rules';

import { DEFAULT_LINT_PATH, type LintArgs } from './options';

/** Lint, print the report on stdout, and return the exit code. */
export async function runLint(args: LintArgs, cwd: string): Promise<number> {
  // yargs runs the handler even after a failed `choices` check when its fail handler does not throw.
  if (!(OUTPUT_FORMATS as readonly string[]).includes(args.format)) {
    throw new UserError(`--format: expected one of ${OUTPUT_FORMATS.join(', ')}, received "${String(args.format)}"`);
  }
  const maxWarnings = args['max-warnings'];
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UserError(`--max-warnings: expected a whole number of at least 0, received ${String(maxWarnings)}`);
  }
  const config = loadConfig({ cwd, configPath: args.config });
  const result = await lintPaths({
    paths: args.paths.length > 0 ? args.paths : [DEFAULT_LINT_PATH],
    cwd,
    config,
    cacheLocation: args.cache ? args['cache-location'] : undefined,
  });
  const output = formatters[args.format](result.findings, {
    cwd,
    color: useColor(process.stdout, process.env),
    rules: ruleInfos(),
    toolVersion: toolVersion(),
    files: result.files,
  });
  process.stdout.write(output);
  return exitCodeFor(result.findings, { maxWarnings });
}

/** Every rule the tool knows, the engine's own included, sorted by id. */
export function ruleInfos(): RuleInfo[] {
  return [...allRules, ...engineRules]
    .map(({ id, defaultSeverity, summary, docsUrl }) => ({ id, defaultSeverity, summary, docsUrl }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `gen-modules rules`: one line per rule, or JSON. */
export function formatRules(format: 'text' | 'json'): string {
  const rules = ruleInfos();
  if (format === 'json') return `${JSON.stringify(rules, null, 2)}\n`;
  const idWidth = Math.max(...rules.map((r) => r.id.length));
  const severityWidth = Math.max(...rules.map((r) => r.defaultSeverity.length));
  return rules.map((r) => `${r.id.padEnd(idWidth)}  ${r.defaultSeverity.padEnd(severityWidth)}  ${r.summary}\n`).join('');
}
