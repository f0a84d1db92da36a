import { suggestion } from '../../../util/suggest';
import { createRule } from '../../rule';
import { callerView } from '../../../terraform/callers';

/**
 * An argument of a `module` block with a local source that is not a variable
 * of the called module: a misspelt name, or a variable that was renamed or
 * removed. Terraform refuses it ("Unsupported argument").
 */
export default createRule({
  id: 'module/unknown-argument',
  defaultSeverity: 'error',
  summary: 'Every argument of a local module call is a variable of the called module',
  messages: {
    unknown: '{{module}} has no variable "{{name}}": fix the argument name, or declare the variable in the module{{suggestion}}',
  },
  check({ module, report }) {
    const view = callerView(module);
    if (!view) return;
    const names = [...view.variables.keys()];
    for (const argument of view.arguments) {
      if (view.variables.has(argument.name)) continue;
      report({
        messageId: 'unknown',
        data: { module: view.label, name: argument.name, suggestion: suggestion(argument.name, names) },
        range: argument.nameRange,
        address: `module.${view.call.name}`,
      });
    }
  },
});
