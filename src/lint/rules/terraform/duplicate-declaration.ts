import path from 'node:path';
import type { Range } from '../../../hcl/syntax';
import { createRule } from '../../rule';
import type { Block, TfModule } from '../../../terraform/types';

/** One named thing a module declares, and where. */
interface Declaration {
  /** What Terraform calls it in its error: `variable`, `resource`, `local value`... */
  kind: string;
  /** Unique within the module: `var.x`, `kubernetes_service_v1.web`, `provider.kubernetes.hestia`. */
  key: string;
  /** As the message shows it. */
  shown: string;
  range: Range;
}

/**
 * `override.tf` and `*_override.tf` redeclare on purpose: Terraform merges
 * them into the declarations they override.
 */
function isOverrideFile(file: string): boolean {
  const base = path.basename(file);
  return base === 'override.tf' || base.endsWith('_override.tf');
}

/** `kubernetes` or `kubernetes.hestia`; undefined when the alias is not a literal. */
function providerName(block: Block): string | undefined {
  const name = block.labels[0] ?? '';
  const alias = block.attributes.alias;
  if (!alias) return name;
  const value = alias.value();
  return value.kind === 'string' ? `${name}.${value.value}` : undefined;
}

/** Declarations of one top-level block; a `locals` block declares each of its arguments. */
function declarationsOf(block: Block): Declaration[] {
  const [first = '', second = ''] = block.labels;
  const one = (kind: string, key: string, shown = key): Declaration[] => [{ kind, key, shown, range: block.headerRange }];
  switch (block.type) {
    case 'variable':
      return one('variable', `var.${first}`, first);
    case 'output':
      return one('output', `output.${first}`, first);
    case 'module':
      return one('module call', `module.${first}`, first);
    case 'resource':
      return one('resource', `${first}.${second}`);
    case 'data':
      return one('data source', `data.${first}.${second}`);
    case 'provider': {
      const name = providerName(block);
      return name === undefined ? [] : one('provider configuration', `provider.${name}`, name);
    }
    case 'locals':
      return Object.values(block.attributes).map((attribute) => ({
        kind: 'local value',
        key: `local.${attribute.name}`,
        shown: attribute.name,
        range: attribute.nameRange,
      }));
    default:
      return [];
  }
}

/**
 * Terraform loads every `.tf` file of a folder into one module and refuses a
 * module that declares the same variable, local value, output, module call,
 * resource, data source or provider configuration twice, in one file or across
 * files ("Duplicate variable declaration", "Duplicate resource configuration").
 */
export default createRule({
  id: 'terraform/duplicate-declaration',
  defaultSeverity: 'error',
  summary: 'No variable, local value, output, module call, resource, data source or provider configuration is declared twice in a module',
  messages: {
    duplicate:
      'The {{kind}} "{{name}}" is already declared at {{first}}; Terraform rejects a module that declares it twice: remove one, or rename it and its references',
  },
  check({ module, report }) {
    const seen = new Map<string, Declaration>();
    for (const block of module.blocks) {
      if (isOverrideFile(block.file)) continue;
      for (const declaration of declarationsOf(block)) {
        const first = seen.get(declaration.key);
        if (!first) {
          seen.set(declaration.key, declaration);
          continue;
        }
        report({
          messageId: 'duplicate',
          data: { kind: declaration.kind, name: declaration.shown, first: `${relativeTo(module, first.range.file)}:${first.range.line}` },
          range: declaration.range,
        });
      }
    }
  },
});

function relativeTo(module: TfModule, file: string): string {
  return path.relative(module.dir, file) || path.basename(file);
}
