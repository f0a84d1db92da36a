import { z } from 'zod';
import type { Constitution } from './constitution';
import type { Range } from '../hcl/syntax';
import type { Severity } from './types';
import type { TfModule } from '../terraform/types';

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
}

export interface RuleContext<O, M extends string = string> {
  module: TfModule;
  constitution: Constitution;
  options: O;
  report(descriptor: ReportDescriptor<M>): void;
}

export interface RuleDefinition<O extends Record<string, unknown>, M extends string = string> {
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
}

export interface Rule<O extends Record<string, unknown> = Record<string, unknown>, M extends string = string> extends RuleDefinition<O, M> {
  docsUrl: string;
  options: z.ZodType<O, unknown>;
}

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
