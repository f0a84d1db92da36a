import { createRule } from '../../rule';
import type { Variable } from '../../../terraform/types';

/** A `description` written as an empty (or blank) string documents nothing. */
function isBlank(variable: Variable): boolean {
  const value = variable.block.attributes.description?.value();
  return value?.kind === 'string' && value.value.trim() === '';
}

export default createRule({
  id: 'terraform/documented-variables',
  defaultSeverity: 'warning',
  summary: 'Every variable has a `description` and a `type`',
  messages: {
    missingDescription: 'Variable "{{name}}" has no description; add `description = "..."` saying what it sets',
    emptyDescription: 'Variable "{{name}}" has an empty description; say what it sets',
    missingType: 'Variable "{{name}}" has no type; add `type = ...` (e.g. `string`, `number`, `map(string)`)',
  },
  check({ module, report }) {
    for (const variable of module.variables) {
      const { block, name } = variable;
      const address = `var.${name}`;
      const description = block.attributes.description;
      if (description === undefined) report({ messageId: 'missingDescription', data: { name }, range: block.headerRange, address });
      else if (isBlank(variable)) report({ messageId: 'emptyDescription', data: { name }, range: description.exprRange, address });
      if (block.attributes.type === undefined) report({ messageId: 'missingType', data: { name }, range: block.headerRange, address });
    }
  },
});
