import { z } from 'zod';
import type { Constitution } from './constitution';
import type { TextEdit } from '../hcl/edits';
import type { Range } from '../hcl/syntax';
import type { Fix, Severity } from './types';
import type { TfModule } from '../terraform/types';
import type { ModuleTree, TreeFact } from '../terraform/tree';

export const DOCS_BASE = 'https://github.com/brmartin/gen-modules/blob/main/docs/rules';

export interface ReportDescriptor<M extends string = string> {
  /** A key of the rule's `messages`: a typo is a compile error. */
  messageId: M;
  data?: Record<string, string | number>;
  range: Range;
  address?: string;
  /** Names (claim, workload...) a constitution exception may name to cover the finding, beside the module folder and the resource's names. */
  subjects?: ReadonlyArray<string | undefined>;
  /** The storage class the finding is about: an exception that names a class covers it only for that class. */
  storageClass?: string;
  /** Edits that resolve the finding (`lint --fix`); left out when the rule cannot tell what to write. */
  fix?: Fix;
}

/**
 * What a rule's `check` receives. `M` is the rule's message ids, inferred by
 * `createRule` from `messages`, so `report({ messageId })` with a typo does not
 * compile; a helper typed `RuleContext<Options>` accepts any rule's context.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the default lets helpers take any rule's context
export interface RuleContext<O, M extends string = any> {
  module: TfModule;
  /**
   * For a rule of scope `tree`: `judge` runs once every module instance of
   * the run has been seen, with the tree (whether it is the whole repository,
   * and the facts the rule declared), and may still `report` on this module.
   * Modules are not kept until then: the judgement holds what it needs of the
   * module (names, ranges), not the module.
   */
  onTree: (judge: (tree: ModuleTree) => void) => void;
  constitution: Constitution;
  options: O;
  report: (descriptor: ReportDescriptor<M>) => void;
  /**
   * Whether the run applies fixes (`lint --fix`). Otherwise a report's fix is
   * dropped, and a rule whose fix is costly to build (or needs the tree) may
   * skip building it.
   */
  fixing: boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as RuleContext's default
export interface RuleDefinition<O extends Record<string, unknown>, M extends string = any> {
  /** `category/name`; the rule file is `src/lint/rules/<category>/<name>.ts`. */
  id: string;
  defaultSeverity: Severity;
  /** One line for `gen-modules rules`. */
  summary: string;
  /** Message templates; `{{name}}` is replaced by `data.name`. Each says what to do. */
  messages: Record<M, string>;
  /** Options with their defaults (`z.object({...}).default({})`). */
  options?: z.ZodType<O, unknown>;
  check(context: RuleContext<O, M>): void;
  /** The rule's reports may carry a fix (`lint --fix`); its doc then has a `Fix:` line. */
  fixable?: boolean;
  /**
   * `tree` when findings in one module depend on other modules of the tree: a
   * cached run then re-lints every module when any changes. Default `module`.
   */
  scope?: 'module' | 'tree';
  /** For a rule of scope `tree`: the facts about the whole tree it reads through `tree.fact`, gathered from each module as it goes by. */
  facts?: ReadonlyArray<TreeFact<unknown>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as RuleContext's default
export interface Rule<O extends Record<string, unknown> = Record<string, unknown>, M extends string = any> extends RuleDefinition<O, M> {
  docsUrl: string;
  options: z.ZodType<O, unknown>;
}

/** A rule with any options, as registries hold them (each rule validates its own options with its schema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- options differ per rule and are checked by the rule's own schema
export type AnyRule = Rule<any>;

const noOptions = z.object({}).strict().default({});

export function createRule<O extends Record<string, unknown> = Record<string, never>, M extends string = string>(
  definition: RuleDefinition<O, M>,
): Rule<O, M> {
  return {
    ...definition,
    docsUrl: `${DOCS_BASE}/${definition.id}.md`,
    options: (definition.options ?? noOptions) as z.ZodType<O, unknown>,
  };
}

/** True when the rule declares options of its own (its doc then has an Options section). */
export function hasOptions(rule: Pick<Rule<Record<string, unknown>>, 'options'>): boolean {
  return rule.options !== (noOptions as unknown);
}

/** Fill `{{name}}` placeholders of a message template. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** A fix of the edits given; none when one of them could not be made (a rule never half-fixes). */
export function fixOf(...edits: ReadonlyArray<TextEdit | undefined>): Fix | undefined {
  return edits.length > 0 && edits.every((edit) => edit !== undefined) ? { edits: edits as TextEdit[] } : undefined;
}
