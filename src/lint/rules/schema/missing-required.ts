import { createRule } from '../../rule';
import type { Block } from '../../../terraform/types';
import { schemaVisits, whereOf } from '../../../schema/visits';

function hasBlock(block: Block, type: string): boolean {
  return block.blocks.some((inner) => inner.type === type);
}

/**
 * A required argument or nested block that is absent. A block given through
 * `dynamic` counts as present (its count is only known at plan time). A name
 * written in the wrong form (a block for an argument or the reverse) is
 * `schema/type-mismatch`'s finding, not a second one here.
 */
export default createRule({
  id: 'schema/missing-required',
  defaultSeverity: 'error',
  summary: 'Every required argument and block of a kubernetes_*, helm_* or kubectl_manifest resource and of a helm provider block is present',
  messages: {
    attribute: 'The argument "{{name}}" is required in {{where}}, but no definition was found: add it',
    block: 'At least one "{{name}}" block is required in {{where}}, but none was found: add one',
  },
  check({ module, report }) {
    for (const visit of schemaVisits(module)) {
      const { block } = visit;
      for (const attribute of visit.schema.requiredAttributes) {
        if (attribute.name in block.attributes || hasBlock(block, attribute.name)) continue;
        report({ messageId: 'attribute', data: { name: attribute.name, where: whereOf(visit) }, range: block.headerRange, address: visit.root.address });
      }
      for (const inner of visit.schema.requiredBlocks) {
        if (hasBlock(block, inner.name) || inner.name in block.attributes) continue;
        report({ messageId: 'block', data: { name: inner.name, where: whereOf(visit) }, range: block.headerRange, address: visit.root.address });
      }
    }
  },
});
