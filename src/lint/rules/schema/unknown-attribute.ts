import { suggestion } from '../../../util/suggest';
import { createRule } from '../../rule';
import { isMetaAttribute, schemaVisits, whereOf } from '../../../schema/visits';

/**
 * An argument the provider schema does not have at that place: a misspelling,
 * a field of another block, or a computed attribute that cannot be set.
 * Meta-arguments (`count`, `for_each`, `depends_on`, `provider`) are Terraform's
 * own. A name the schema has as a block is `schema/type-mismatch`'s business.
 */
export default createRule({
  id: 'schema/unknown-attribute',
  defaultSeverity: 'error',
  summary: 'Every argument of a kubernetes_*, helm_* or kubectl_manifest resource (or helm provider block) exists in the provider schema',
  messages: {
    unknown: 'An argument named "{{name}}" is not expected in {{where}} ({{provider}} {{version}}): fix the name or remove it{{suggestion}}',
  },
  check({ module, report }) {
    for (const visit of schemaVisits(module)) {
      const { attributes, blocks } = visit.schema;
      for (const attribute of Object.values(visit.block.attributes)) {
        const name = attribute.name;
        if (attributes.has(name) || blocks.has(name) || isMetaAttribute(visit, name)) continue;
        report({
          messageId: 'unknown',
          data: { name, where: whereOf(visit), provider: visit.root.provider.label, version: visit.root.provider.version(), suggestion: suggestion(name, [...attributes.keys()]) },
          range: attribute.nameRange,
          address: visit.root.address,
        });
      }
    }
  },
});
