import { z } from 'zod';
import { resolveConfig, type GenModulesConfig, type ResolvedConfig } from '../../../src/lint/config';
import { createRule, type Rule } from '../../../src/lint/rule';

/** Reports every `null_resource` whose name is not allowed; stands in for a real rule. */
export const noNullRule = createRule({
  id: 'test/no-null',
  defaultSeverity: 'error',
  summary: 'No null_resource.',
  messages: { found: 'Remove null_resource "{{name}}"' },
  options: z
    .object({ allow: z.array(z.string()).default([]), limit: z.number().int().positive().default(10) })
    .strict()
    .default({ allow: [], limit: 10 }),
  check({ module, options, report }) {
    for (const resource of module.resourcesOf('null_resource')) {
      if (options.allow.includes(resource.name)) continue;
      report({ messageId: 'found', data: { name: resource.name }, range: resource.block.headerRange, address: resource.address });
    }
  },
});

/** Reports every variable without a description, as a warning. */
export const describedVariableRule = createRule({
  id: 'test/described-variable',
  defaultSeverity: 'warning',
  summary: 'Variables have descriptions.',
  messages: { missing: 'Add a description to variable "{{name}}"' },
  check({ module, report }) {
    for (const variable of module.variables) {
      if (!variable.block.attributes.description)
        report({ messageId: 'missing', data: { name: variable.name }, range: variable.block.headerRange });
    }
  },
});

export const testRules: Rule[] = [noNullRule, describedVariableRule];

export function config(input: GenModulesConfig = {}, rules: readonly Rule[] = testRules): ResolvedConfig {
  return resolveConfig(input, { file: null, rules });
}
