import { createRule } from '../../rule';
import { callerView } from '../../../terraform/callers';

/**
 * A variable without a `default` that the `module` block does not pass.
 * Terraform refuses the call ("Missing required argument").
 */
export default createRule({
  id: 'module/missing-required-variable',
  defaultSeverity: 'error',
  summary: 'A local module call passes every variable of the module that has no default',
  messages: {
    missing:
      '{{module}} requires the variable "{{name}}" (it has no default): pass {{name}} = ... in the module block, or give the variable a default',
  },
  check({ module, report }) {
    const view = callerView(module);
    if (!view) return;
    const passed = new Set(view.arguments.map((argument) => argument.name));
    for (const variable of view.variables.values()) {
      if (variable.hasDefault || passed.has(variable.name)) continue;
      report({
        messageId: 'missing',
        data: { module: view.label, name: variable.name },
        range: view.call.block.headerRange,
        address: `module.${view.call.name}`,
      });
    }
  },
});
