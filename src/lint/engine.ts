import path from 'node:path';
import { sortFindings } from './sort';
import { lintWithCache, type AnalyseFiles, type DirResult } from './cache';
import type { ResolvedConfig } from './config';
import { PARSE_ERROR, UNUSED_EXCEPTION, parseErrorRule } from './engine-rules';
import { applyExceptions } from './exceptions';
import { discoverFiles, moduleInstances } from '../terraform/load';
import { formatMessage, type AnyRule, type ReportDescriptor } from './rule';
import { reportOn, type LintResult } from './report';
import { applySuppressions } from './suppress';
import type { Finding, Fix, Severity } from './types';
import { metadataName, moduleName } from '../terraform/k8s/blocks';
import type { TfModule } from '../terraform/types';
import { partialTree, TreeBuilder, type ModuleTree } from '../terraform/tree';
import { errorMessage } from '../errors';

/**
 * The lint pipeline: files → module instances → every active rule on every
 * instance → parse errors and rule findings, deduplicated across instances →
 * inline suppressions → the reported files only → one sorted list.
 */

export interface LintOptions {
  /** Files and folders to lint. */
  paths: string[];
  cwd: string;
  config: ResolvedConfig;
  /** Folder of the cache; no caching when absent. */
  cacheLocation?: string;
  /** The paths include a repository's root folder: rules that compare modules across the tree may judge it. */
  wholeRepository?: boolean;
  /** Findings carry their fixes (`lint --fix`); a plain lint does not build them. */
  fixing?: boolean;
}

export async function lintPaths(options: LintOptions): Promise<LintResult> {
  const discovered = await discoverFiles(options.paths, options.cwd);
  return reportOn(await lintFiles(discovered.files, { ...options, wholeRepository: discovered.repositoryRoot }), discovered);
}

/** Every finding for the files (suppressions applied, sorted), before narrowing to the reported files. */
export async function lintFiles(files: ReadonlyMap<string, string>, options: Omit<LintOptions, 'paths'>): Promise<Finding[]> {
  const analyse: AnalyseFiles = (subset) =>
    new Promise((resolve) =>
      resolve(analyseModules(moduleInstances(subset), options.config, options.wholeRepository ?? false, options.fixing ?? false)),
    );
  const byDir =
    // Cached findings carry no fixes: a fixing run analyses afresh.
    options.cacheLocation === undefined || options.fixing
      ? await analyse(files)
      : await lintWithCache(files, {
          location: path.resolve(options.cwd, options.cacheLocation),
          key: options.config.hash,
          analyse,
          wholeTree: options.config.active.some(({ rule }) => rule.scope === 'tree'),
        });
  return finish(
    [...byDir.values()].flatMap((r) => r.findings),
    files,
    byDir.keys(),
    options.config,
  );
}

/** Lint module instances already loaded (the rule tester's path): every step but discovery and cache. */
export function lintModules(modules: readonly TfModule[], config: ResolvedConfig, wholeRepository = false): Finding[] {
  const texts = new Map<string, string>();
  for (const module of modules) for (const file of module.files) texts.set(file.path, file.text);
  const byDir = analyseModules(modules, config, wholeRepository);
  return finish(
    [...byDir.values()].flatMap((r) => r.findings),
    texts,
    byDir.keys(),
    config,
  );
}

/** Constitution exceptions, then inline suppressions, then the one order. */
function finish(raw: readonly Finding[], texts: ReadonlyMap<string, string>, dirs: Iterable<string>, config: ResolvedConfig): Finding[] {
  const excepted = applyExceptions(dedupeFindings(raw), config.constitution.exceptions, dirs, config.file);
  const severity = config.settings.get(UNUSED_EXCEPTION)?.severity ?? 'off';
  const unused = severity === 'off' ? [] : excepted.unused.map((finding) => ({ ...finding, severity }));
  return sortFindings([...applySuppressions(excepted.findings, texts, config.settings), ...unused]);
}

/**
 * Run the active rules on every instance, grouped by the instance's folder.
 * Instances are taken one at a time and not kept once checked: what rules that
 * compare modules across the tree need is gathered as they go by, and their
 * judgements run after the last instance.
 */
export function analyseModules(
  modules: Iterable<TfModule>,
  config: ResolvedConfig,
  wholeRepository = false,
  fixing = false,
): Map<string, DirResult> {
  const facts = config.active.flatMap(({ rule }) => (rule.scope === 'tree' ? (rule.facts ?? []) : []));
  const builder = new TreeBuilder(wholeRepository, facts);
  const judgements: Array<(tree: ModuleTree) => void> = [];
  const byDir = new Map<string, { findings: Finding[]; deps: Set<string> }>();
  for (const module of modules) {
    const dir = path.resolve(module.dir);
    let entry = byDir.get(dir);
    if (!entry) byDir.set(dir, (entry = { findings: [], deps: new Set() }));
    for (let caller = module.caller; caller; caller = caller.module.caller) entry.deps.add(path.resolve(caller.module.dir));
    entry.findings.push(...parseErrorFindings(module));
    checkRules(module, config, entry.findings, judgements, fixing);
    builder.add(module);
  }
  const tree = builder.tree();
  for (const judge of judgements) judge(tree);
  const result = new Map<string, DirResult>();
  for (const [dir, entry] of byDir) result.set(dir, { findings: entry.findings, deps: [...entry.deps].sort() });
  return result;
}

function parseErrorFindings(module: TfModule): Finding[] {
  const template = parseErrorRule.messages.parse ?? '{{message}}';
  return module.parseErrors.map((error) => ({
    ruleId: PARSE_ERROR,
    severity: 'error',
    messageId: 'parse',
    message: formatMessage(template, { message: error.message }),
    range: error.range,
  }));
}

/** Every active rule on one module instance, judged against `tree` (by default the module alone). */
export function checkModule(module: TfModule, config: ResolvedConfig, tree: ModuleTree = partialTree(module)): Finding[] {
  const findings: Finding[] = [];
  const judgements: Array<(tree: ModuleTree) => void> = [];
  checkRules(module, config, findings, judgements);
  for (const judge of judgements) judge(tree);
  return findings;
}

/** Runs every active rule on the module into `findings`; judgements of tree rules go to `judgements`. */
function checkRules(
  module: TfModule,
  config: ResolvedConfig,
  findings: Finding[],
  judgements: Array<(tree: ModuleTree) => void>,
  fixing = false,
): void {
  // Subjects serve constitution exceptions only (the cache key covers the exceptions).
  const subjects = config.constitution.exceptions.length > 0 ? (descriptor: ReportDescriptor) => subjectsOf(module, descriptor) : undefined;
  for (const { rule, setting } of config.active) {
    const report = reporter(rule, setting.severity, findings, subjects, fixing);
    const onTree = (judge: (tree: ModuleTree) => void): void => {
      if (rule.scope !== 'tree') throw new Error(`rule ${rule.id} waits for the tree; declare scope "tree"`);
      judgements.push(judgement(rule.id, module.dir, judge));
    };
    try {
      rule.check({ module, onTree, constitution: config.constitution, options: setting.options, report, fixing });
    } catch (error) {
      throw failure(rule.id, module.dir, error);
    }
  }
}

/** A tree rule's judgement, holding the module's folder for its error message but not the module, which it outlives. */
function judgement(ruleId: string, dir: string, judge: (tree: ModuleTree) => void): (tree: ModuleTree) => void {
  return (tree) => {
    try {
      judge(tree);
    } catch (error) {
      throw failure(ruleId, dir, error);
    }
  };
}

function failure(ruleId: string, dir: string, error: unknown): Error {
  return new Error(`rule ${ruleId} failed on module ${dir}: ${errorMessage(error)}`, { cause: error });
}

/** The `report` of one rule: findings go to `findings`. Holds nothing of the module unless subjects are wanted. */
function reporter(
  rule: AnyRule,
  severity: Severity,
  findings: Finding[],
  subjects: ((descriptor: ReportDescriptor) => string[]) | undefined,
  fixing: boolean,
): (descriptor: ReportDescriptor) => void {
  return (descriptor) => {
    const template = rule.messages[descriptor.messageId];
    if (template === undefined) throw new Error(`rule ${rule.id} reported unknown messageId "${descriptor.messageId}"`);
    const finding: Finding = {
      ruleId: rule.id,
      severity,
      messageId: descriptor.messageId,
      message: formatMessage(template, descriptor.data),
      range: descriptor.range,
    };
    if (descriptor.address !== undefined) finding.address = descriptor.address;
    if (descriptor.fix !== undefined) {
      const fix = declaredFix(rule, descriptor.fix);
      if (fixing) finding.fix = fix;
    }
    if (subjects) {
      finding.subjects = subjects(descriptor);
      if (descriptor.storageClass !== undefined) finding.storageClass = descriptor.storageClass;
    }
    findings.push(finding);
  };
}

/** A fix is a rule's contract: only a rule declared `fixable` may carry one. */
function declaredFix(rule: AnyRule, fix: Fix): Fix {
  if (!rule.fixable) throw new Error(`rule ${rule.id} reported a fix but is not declared fixable`);
  return fix;
}

/** The same finding from several instances of a module is one finding. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const r = f.range;
    const key = [f.ruleId, r.file, r.line, r.column, r.endLine, r.endColumn, f.message, f.address ?? '', f.messageId ?? ''].join('\0');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export { exitCodeFor, reportOn, type Discovered, type ExitCodeOptions, type LintResult } from './report';

/** The names a constitution exception may use for a finding: the module folder, the resource's names, and the rule's own. */
function subjectsOf(module: TfModule, descriptor: ReportDescriptor): string[] {
  const names = new Set<string>([moduleName(module)]);
  const resource = descriptor.address === undefined ? undefined : module.resource(descriptor.address);
  if (resource) {
    names.add(resource.name);
    const objectName = metadataName(resource);
    if (objectName !== undefined) names.add(objectName);
  }
  for (const name of descriptor.subjects ?? []) if (name !== undefined) names.add(name);
  return [...names];
}
