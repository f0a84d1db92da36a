import { mayMismatch, parseTypeExpr, typeProblems, type TypeExpr } from '../../../schema/types';
import { createRule } from '../../rule';
import type { Variable } from '../../../terraform/types';
import { callerView } from '../../../terraform/callers';

/** The variable's `type` constraint, when it has one this can read. */
function typeOf(variable: Variable): TypeExpr | undefined {
  const text = variable.block.attributes.type?.exprText;
  return text === undefined ? undefined : parseTypeExpr(text);
}

/**
 * A literal passed to a local module that does not convert to the variable's
 * `type` (a word for a `number`, a list for a `string`, an object missing a
 * required attribute of an `object({...})` type). Only values written in the
 * module block are judged; references are left to Terraform.
 */
export default createRule({
  id: 'module/type-mismatch',
  defaultSeverity: 'error',
  summary: 'Literal arguments of a local module call convert to the type of their variable',
  messages: {
    mismatch: '"{{name}}" of {{module}} must be {{expected}}, but {{found}} does not convert to it: pass a value of that type',
  },
  check({ module, report }) {
    const view = callerView(module);
    if (!view) return;
    for (const argument of view.arguments) {
      const variable = view.variables.get(argument.name);
      const type = variable && typeOf(variable);
      if (!type || !mayMismatch(argument.exprText, type)) continue;
      for (const problem of typeProblems(argument.value(), type, argument.exprRange)) {
        report({
          messageId: 'mismatch',
          data: { name: `${argument.name}${problem.path}`, module: view.label, expected: problem.expected, found: problem.found },
          range: problem.range,
          address: `module.${view.call.name}`,
        });
      }
    }
  },
});
