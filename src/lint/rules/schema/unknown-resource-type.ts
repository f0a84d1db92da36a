import { providerVersion, resourceSchema, resourceTypes } from '../../../schema/provider';
import { suggestion } from '../../../util/suggest';
import { createRule } from '../../rule';
import { familyResources, kubernetesResources } from '../../../schema/visits';
import { familiesUsed } from '../../../schema/providers';

const PREFIX = 'kubernetes_';

/**
 * "Did you mean" among the provider's types, measured without the shared
 * `kubernetes_` prefix: it would otherwise make any two long names look close.
 */
function closestType(type: string, candidates: string[]): string {
  const hint = suggestion(type.slice(PREFIX.length), candidates.map((candidate) => candidate.slice(PREFIX.length)));
  return hint.replace(/"([^"]*)"/, (_, name: string) => `"${PREFIX}${name}"`);
}

/**
 * A `kubernetes_*` resource or data source type the provider does not have.
 * The type is checked as written: `kubernetes_x` and `kubernetes_x_v1` are
 * different resources, and not every kind has both.
 */
export default createRule({
  id: 'schema/unknown-resource-type',
  defaultSeverity: 'error',
  summary: 'Every kubernetes_* and helm_* resource and data source type exists in its provider',
  messages: {
    resource: 'Resource type "{{type}}" does not exist in {{provider}} {{version}}: fix the type name{{suggestion}}',
    data: 'Data source "{{type}}" does not exist in {{provider}} {{version}}: fix the type name{{suggestion}}',
  },
  check({ module, report }) {
    for (const resource of kubernetesResources(module)) {
      if (resourceSchema(resource.mode, resource.type)) continue;
      report({
        messageId: resource.mode,
        data: { type: resource.type, provider: 'hashicorp/kubernetes', version: providerVersion(), suggestion: closestType(resource.type, resourceTypes(resource.mode)) },
        range: resource.block.labelRanges[0] ?? resource.block.headerRange,
        address: resource.address,
      });
    }
    // Providers whose committed schemas list every type (hashicorp/helm), in the release the module selects.
    for (const family of familiesUsed(module)) {
      if (!family.complete) continue;
      for (const { resource, provider } of familyResources(module, family)) {
        if (provider.resourceSchema(resource.mode, resource.type)) continue;
        report({
          messageId: resource.mode,
          data: { type: resource.type, provider: provider.label, version: provider.version(), suggestion: suggestion(resource.type, provider.resourceTypes(resource.mode)) },
          range: resource.block.labelRanges[0] ?? resource.block.headerRange,
          address: resource.address,
        });
      }
    }
  },
});
