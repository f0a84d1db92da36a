import path from 'node:path';
import { callerView } from '../../../terraform/callers';
import { descendants } from '../../../terraform/k8s/blocks';
import { createRule } from '../../rule';
import type { Block, TfModule } from '../../../terraform/types';
import { ownExpressions } from '../../../terraform/references';

const VAR_REFERENCE = /^var\.([A-Za-z_][A-Za-z0-9_-]*)/;

/**
 * Names of the variables referenced anywhere in the module. A variable's
 * references to itself (its own `validation`) are not uses: they only check the
 * value; another variable's validation reading it is (Terraform 1.9+).
 */
function usedVariables(module: TfModule): Set<string> {
  const used = new Set<string>();
  for (const top of module.blocks) {
    const self = top.type === 'variable' ? top.labels[0] : undefined;
    for (const name of referencedVariables(top)) if (name !== self) used.add(name);
  }
  return used;
}

function referencedVariables(top: Block): Set<string> {
  const names = new Set<string>();
  for (const block of descendants(top)) {
    for (const attribute of ownExpressions(block)) {
      for (const reference of attribute.references) {
        // Most references are not to variables: skip them before the pattern.
        const name = reference.startsWith('var.') ? VAR_REFERENCE.exec(reference)?.[1] : undefined;
        if (name !== undefined) names.add(name);
      }
    }
  }
  return names;
}

export default createRule({
  id: 'terraform/unused-variable',
  defaultSeverity: 'warning',
  summary: 'Every declared variable is referenced somewhere in its module',
  messages: {
    unused:
      'Variable "{{name}}" is declared but never referenced; use var.{{name}} where it was meant to apply, or remove the variable (and the argument from its callers)',
    passed:
      'Variable "{{name}}" is declared but never referenced, and module "{{call}}" passes it ({{where}}); use var.{{name}} where it was meant to apply, or remove the variable and that argument',
  },
  check({ module, report }) {
    const used = usedVariables(module);
    // Not fixed: the caller passes it, or may; the message names the block that does.
    const caller = callerView(module);
    for (const variable of module.variables) {
      if (used.has(variable.name)) continue;
      const range = variable.block.headerRange;
      const address = `var.${variable.name}`;
      const argument = caller?.arguments.find((attribute) => attribute.name === variable.name);
      if (caller && argument) {
        const where = `${path.relative(module.dir, argument.range.file) || path.basename(argument.range.file)}:${argument.range.line}`;
        report({ messageId: 'passed', data: { name: variable.name, call: caller.call.name, where }, range, address });
      } else report({ messageId: 'unused', data: { name: variable.name }, range, address });
    }
  },
});
