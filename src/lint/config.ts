import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { errorMessage, UserError } from '../errors';
import { loadTsModule } from '../util/load-ts';
import { suggestion } from '../util/suggest';
import { PARSE_ERROR, engineRules } from './engine-rules';
import { constitutionSchema, defaultConstitution, type Constitution } from './constitution';
import type { AnyRule, Rule } from './rule';
import { allRules } from './rules';
import type { Severity, SeveritySetting } from './types';
import { describeReceived, formatZodError, zodErrorMap } from '../util/zod-errors';

/**
 * The lint configuration: which constitution the rules check against, and each
 * rule's severity, options and whether an inline comment may silence it.
 *
 * Sources, first found wins: `--config <file>`, `gen-modules.config.ts`,
 * `gen-modules.config.json` (both in the working directory), else the built-in
 * configuration, which is the constitution's defaults and every rule's default
 * severity.
 */

export { CONFIG_FILES } from './config-file';
import { findConfigFile } from './config-file';

const severitySettingSchema = z.enum(['off', 'info', 'warning', 'error']);

const ruleSettingObjectSchema = z
  .object({
    severity: severitySettingSchema.optional(),
    /** Validated by the rule's own schema once the rule is known. */
    options: z.record(z.string(), z.unknown()).optional(),
    /** `false`: inline suppressions of this rule are refused. */
    ignorable: z.boolean().optional(),
  })
  .strict();

/** Typed by the config helper's `RuleSetting`, so the two cannot drift apart. */
const ruleSettingSchema: z.ZodType<RuleSetting, RuleSetting> = z.union([severitySettingSchema, ruleSettingObjectSchema], {
  error: (issue) =>
    `expected "off", "info", "warning", "error" or { severity, options, ignorable }, received ${describeReceived(issue.input)}`,
});

export const configSchema = z
  .object({
    $schema: z.string().optional(),
    /** Merged key by key over the built-in constitution: a key given here replaces the default whole. */
    constitution: constitutionSchema.partial().optional(),
    rules: z.record(z.string(), ruleSettingSchema).optional(),
  })
  .strict();

export { defineConfig, type GenModulesConfig, type RuleSetting } from './define-config';
import type { RuleSetting } from './define-config';
import { compareText } from '../util/compare';

export interface ResolvedRuleSetting {
  severity: SeveritySetting;
  ignorable: boolean;
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  /** The file the configuration came from, or null for the built-in one. */
  file: string | null;
  constitution: Constitution;
  /** Every known rule (the engine's own included) with its effective setting. */
  settings: Map<string, ResolvedRuleSetting>;
  /** Rules to run, with their setting; rules that are `off` are absent. */
  active: Array<{ rule: Rule; setting: ResolvedRuleSetting & { severity: Severity } }>;
  /** Digest of everything above that changes findings, for the cache key. */
  hash: string;
  /** The files the configuration was read from: the config file and the TypeScript files it imports. */
  sources: string[];
}

export interface LoadConfigOptions {
  cwd: string;
  /** `--config <file>`, relative to `cwd`. */
  configPath?: string;
  /** The rules that can be configured; defaults to every registered rule. */
  rules?: readonly Rule[];
}

/** Find, load and validate the configuration. Throws `UserError` naming the file and field. */
export function loadConfig(options: LoadConfigOptions): ResolvedConfig {
  const rules = options.rules ?? allRules;
  const file = findConfigFile(options.cwd, options.configPath);
  if (file === null) return resolveConfig({}, { file: null, rules });
  const shown = displayPath(file, options.cwd);
  const sources: string[] = [file];
  const config = resolveConfig(readConfigFile(file, shown, sources), { file, rules, displayName: shown });
  return { ...config, sources: [...new Set(sources)] };
}

/** The config file's value; TypeScript files it loads are added to `sources`. */
function readConfigFile(file: string, shown: string, sources: string[]): unknown {
  if (/\.[cm]?[jt]s$/.test(file)) {
    const exports = loadTsModule(file, sources);
    if (!('default' in exports)) throw new UserError(`${shown}: no default export; write "export default defineConfig({ ... })"`);
    return exports.default;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserError(`${shown}: cannot read: ${errorMessage(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UserError(`${shown}: invalid JSON: ${errorMessage(error)}`);
  }
}

export interface ResolveOptions {
  /** Absolute path of the config file, or null for built-in defaults. */
  file: string | null;
  rules: readonly Rule[];
  /** How errors name the file; defaults to `file`. */
  displayName?: string;
}

/** Validate a raw configuration object and merge it over the built-in defaults. */
export function resolveConfig(input: unknown, options: ResolveOptions): ResolvedConfig {
  const shown = options.displayName ?? options.file ?? 'built-in configuration';
  const parsed = configSchema.safeParse(input, { error: zodErrorMap });
  if (!parsed.success) throw new UserError(formatZodError(parsed.error, shown));

  const constitution = mergeConstitution(parsed.data.constitution ?? {}, shown);
  const known = new Map<string, AnyRule>();
  for (const rule of [...options.rules, ...engineRules]) known.set(rule.id, rule);

  const problems: string[] = [];
  const configured = parsed.data.rules ?? {};
  for (const id of Object.keys(configured)) {
    if (!known.has(id)) problems.push(`${shown}: rules.${id}: unknown rule id${suggestion(id, [...known.keys()])}`);
    else if (id === PARSE_ERROR) problems.push(`${shown}: rules.${id}: cannot be configured; a file that does not parse cannot be linted`);
  }

  const settings = new Map<string, ResolvedRuleSetting>();
  for (const rule of known.values()) {
    const raw = configured[rule.id];
    const object = typeof raw === 'object' ? raw : {};
    const optionsResult = rule.options.safeParse(object.options, { error: zodErrorMap });
    if (!optionsResult.success) {
      problems.push(formatZodError(optionsResult.error, shown, ['rules', rule.id, 'options']));
      continue;
    }
    settings.set(rule.id, {
      severity: (typeof raw === 'string' ? raw : object.severity) ?? rule.defaultSeverity,
      ignorable: object.ignorable ?? true,
      options: optionsResult.data as Record<string, unknown>,
    });
  }
  if (problems.length > 0) throw new UserError(problems.join('\n'));

  const active: ResolvedConfig['active'] = [];
  for (const rule of options.rules) {
    const setting = settings.get(rule.id);
    if (setting && setting.severity !== 'off') active.push({ rule, setting: { ...setting, severity: setting.severity } });
  }
  return {
    file: options.file,
    constitution,
    settings,
    active,
    hash: hashConfig(constitution, settings),
    sources: options.file === null ? [] : [options.file],
  };
}

function mergeConstitution(partial: Partial<Constitution>, shown: string): Constitution {
  const merged = { ...defaultConstitution, ...stripUndefined(partial) };
  const result = constitutionSchema.safeParse(merged, { error: zodErrorMap });
  if (!result.success) throw new UserError(formatZodError(result.error, shown, ['constitution']));
  return result.data;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function hashConfig(constitution: Constitution, settings: Map<string, ResolvedRuleSetting>): string {
  const ordered = [...settings.entries()].sort(([a], [b]) => compareText(a, b));
  return createHash('sha256')
    .update(JSON.stringify({ constitution, rules: ordered }))
    .digest('hex');
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}
