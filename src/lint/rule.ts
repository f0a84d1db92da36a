import { z } from 'zod';
import type { Constitution } from './constitution';
import type { Range } from '../hcl/syntax';
import type { Severity } from './types';
import type { TfModule } from '../terraform/types';

export const DOCS_BASE = 'https://github.com/brmartin/gen-modules/blob/main/docs/rules';

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number>;
  range: Range;
  address?: string;
}

export interface RuleContext<O> {
  module: TfModule;
  constitution: Constitution;
  options: O;
  report: (descriptor: ReportDescriptor) => void;
}

export interface RuleDefinition<O extends Record<string, unknown>> {
  /** `category/name`; the rule file is `src/lint/rules/<category>/<name>.ts`. */
  id: string;
  defaultSeverity: Severity;
  /** One line for `gen-modules rules`. */
  summary: string;
  /** Message templates; `{{name}}` is replaced by `data.name`. Each says what to do. */
  messages: Record<string, string>;
  /** Options with their defaults (`z.object({...}).default({})`). */
  options?: z.ZodType<O, unknown>;
  check(context: RuleContext<O>): void;
}

export interface Rule<O extends Record<string, unknown> = Record<string, unknown>> extends RuleDefinition<O> {
  docsUrl: string;
  options: z.ZodType<O, unknown>;
}

const noOptions = z.object({}).strict().default({});

export function createRule<O extends Record<string, unknown> = Record<string, never>>(definition: RuleDefinition<O>): Rule<O> {
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
