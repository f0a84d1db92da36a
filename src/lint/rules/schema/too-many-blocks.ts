import { createRule } from '../../rule';
import { schemaVisits, whereOf } from '../../../schema/visits';

/**
 * A block the provider allows once (`max_items = 1`: `metadata`, `spec`,
 * `selector`, a probe...) written more than once. `dynamic` blocks are left
 * out: how many they make is only known at plan time.
 */
export default createRule({
  id: 'schema/too-many-blocks',
  defaultSeverity: 'error',
  summary: 'A nested block the provider allows at most once is written once',
  messages: {
    duplicate: 'No more than one "{{name}}" block is allowed in {{where}}: merge this block into the one on line {{first}}',
  },
  check({ module, report }) {
    for (const visit of schemaVisits(module)) {
      if (visit.block.blocks.length < 2) continue;
      const firstLine = new Map<string, number>();
      for (const block of visit.block.blocks) {
        if (block.dynamic || visit.schema.blocks.get(block.type)?.single !== true) continue;
        const first = firstLine.get(block.type);
        if (first === undefined) {
          firstLine.set(block.type, block.range.line);
          continue;
        }
        report({ messageId: 'duplicate', data: { name: block.type, where: whereOf(visit), first }, range: block.headerRange, address: visit.root.address });
      }
    }
  },
});
