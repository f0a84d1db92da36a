import { statSync } from 'node:fs';
import { createRule } from '../../rule';

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A `module` block whose local `source` (`./...` or `../...`) names a folder
 * that does not exist on disk, resolved from the calling module's folder as
 * Terraform resolves it. `terraform init` fails on it ("Unreadable module
 * directory").
 */
export default createRule({
  id: 'module/missing-source',
  defaultSeverity: 'error',
  summary: 'The local source folder of every module call exists',
  messages: {
    missing:
      'The source folder "{{source}}" of module.{{name}} does not exist relative to this module\'s folder: fix the path, or create the module there',
  },
  check({ module, report }) {
    for (const call of module.moduleCalls) {
      if (call.localDir === undefined || isDirectory(call.localDir)) continue;
      const source = call.block.attributes.source;
      report({
        messageId: 'missing',
        data: { source: call.source ?? '', name: call.name },
        range: source?.exprRange ?? call.block.headerRange,
        address: `module.${call.name}`,
      });
    }
  },
});
