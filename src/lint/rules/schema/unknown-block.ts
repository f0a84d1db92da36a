import { suggestion } from '../../../util/suggest';
import { createRule } from '../../rule';
import { isMetaBlock, schemaVisits, whereOf } from '../../../schema/visits';

/**
 * A nested block (written out or as `dynamic`) the provider schema does not
 * have at that place. `lifecycle`, `provisioner` and `connection` are
 * Terraform's own. A name the schema has as an argument is
 * `schema/type-mismatch`'s business.
 */
export default createRule({
  id: 'schema/unknown-block',
  defaultSeverity: 'error',
  summary: 'Every nested block of a kubernetes_*, helm_* or kubectl_manifest resource (or helm provider block) exists in the provider schema',
  messages: {
    unknown: 'Blocks of type "{{name}}" are not expected in {{where}} ({{provider}} {{version}}): fix the name or remove the block{{suggestion}}',
  },
  check({ module, report }) {
    for (const visit of schemaVisits(module)) {
      const { attributes, blocks } = visit.schema;
      for (const block of visit.block.blocks) {
        if (blocks.has(block.type) || attributes.has(block.type) || isMetaBlock(visit, block.type)) continue;
        report({
          messageId: 'unknown',
          data: { name: block.type, where: whereOf(visit), provider: visit.root.provider.label, version: visit.root.provider.version(), suggestion: suggestion(block.type, [...blocks.keys()]) },
          range: block.headerRange,
          address: visit.root.address,
        });
      }
    }
  },
});
