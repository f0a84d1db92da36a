import { z } from 'zod';
import { createRule } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { Attribute, Block, TfModule } from '../../../terraform/types';
import { rootName } from '../../../terraform/references';

/** Where a provider is first used, for the report. */
interface ProviderUse {
  provider: string;
  range: Range;
  /** What uses it: a resource address, `provider "x"` or `module.y`. */
  user: string;
  /** The Terraform address of the user, when it has one. */
  address?: string;
}

/** `terraform_data` and `terraform_remote_state` come with Terraform itself. */
const BUILT_IN = new Set(['terraform']);

/** Blocks whose first label is a resource type. */
const RESOURCE_BLOCKS: Record<string, string> = { resource: '', data: 'data.', ephemeral: 'ephemeral.' };

/** `kubectl_manifest` → `kubectl`; a type without `_` is its own provider (`http`). */
function providerOfType(type: string): string {
  return type.split('_', 1)[0] ?? type;
}

/** The provider local name a `provider = kubernetes.hestia` meta-argument names. */
function metaArgumentProvider(attribute: Attribute): string | undefined {
  const [reference] = attribute.references;
  return reference === undefined ? undefined : rootName(reference);
}

function resourceUse(block: Block, prefix: string): ProviderUse | undefined {
  const [type, name] = block.labels;
  const typeRange = block.labelRanges[0];
  if (type === undefined || typeRange === undefined) return undefined;
  const user = `${prefix}${type}.${name ?? ''}`;
  // An explicit `provider` meta-argument overrides the type's implied provider.
  const meta = block.attributes.provider;
  const explicit = meta ? metaArgumentProvider(meta) : undefined;
  if (meta && explicit !== undefined) return { provider: explicit, range: meta.exprRange, user, address: user };
  return { provider: providerOfType(type), range: typeRange, user, address: user };
}

/** Providers a `module` call passes down in `providers = { x = y.alias }`. */
function moduleCallUses(block: Block): ProviderUse[] {
  const providers = block.attributes.providers;
  if (!providers) return [];
  const user = `module.${block.labels[0] ?? ''}`;
  return providers.references.map((reference) => ({ provider: rootName(reference), range: providers.exprRange, user, address: user }));
}

function usesOf(block: Block): ProviderUse[] {
  const prefix = RESOURCE_BLOCKS[block.type];
  if (prefix !== undefined) {
    const use = resourceUse(block, prefix);
    return use ? [use] : [];
  }
  if (block.type === 'provider') {
    const [name] = block.labels;
    const range = block.labelRanges[0];
    return name !== undefined && range !== undefined ? [{ provider: name, range, user: `provider "${name}"` }] : [];
  }
  if (block.type === 'module') return moduleCallUses(block);
  // A `check` block may hold a scoped data source, which needs its provider too.
  if (block.type === 'check') return block.blocks.filter((inner) => inner.type === 'data').flatMap(usesOf);
  return [];
}

/** The first use of each provider the module's own blocks need, in source order. */
function providerUses(module: TfModule): ProviderUse[] {
  const first = new Map<string, ProviderUse>();
  for (const block of module.blocks) {
    for (const use of usesOf(block)) if (!BUILT_IN.has(use.provider) && !first.has(use.provider)) first.set(use.provider, use);
  }
  return [...first.values()];
}

/** The sources the target repository pins for its provider local names. */
const KNOWN_SOURCES: Record<string, string> = { kubernetes: 'hashicorp/kubernetes', kubectl: 'alekc/kubectl', helm: 'hashicorp/helm' };

const optionsSchema = z
  .object({
    /** Provider local name → the source the messages suggest for it. */
    sources: z.record(z.string(), z.string().min(1)).default(KNOWN_SOURCES),
  })
  .strict()
  .default({ sources: KNOWN_SOURCES });

const messages = {
  undeclared:
    '{{user}} uses provider "{{provider}}", which `terraform { required_providers { ... } }` does not declare; add `{{provider}} = { source = "{{source}}", version = "..." }` (versions.tf)',
  undeclaredUnknown:
    '{{user}} uses provider "{{provider}}", which `terraform { required_providers { ... } }` does not declare; add `{{provider}} = { source = "<namespace>/{{provider}}", version = "..." }` (versions.tf)',
  noSource: 'Provider "{{provider}}" is declared without a source; write `{{provider}} = { source = "{{source}}", version = "..." }`',
  noSourceUnknown:
    'Provider "{{provider}}" is declared without a source; write `{{provider}} = { source = "<namespace>/{{provider}}", version = "..." }`',
};

export default createRule({
  id: 'terraform/required-providers',
  defaultSeverity: 'error',
  summary: 'Every provider the module uses is declared with its source in `required_providers`',
  options: optionsSchema,
  messages,
  check({ module, options, report }) {
    for (const use of providerUses(module)) {
      const { provider } = use;
      const source = options.sources[provider];
      const data = { provider, user: use.user, source: source ?? '' };
      const declared = module.requiredProviders[provider];
      if (declared === undefined) {
        const finding = { messageId: source ? ('undeclared' as const) : ('undeclaredUnknown' as const), data, range: use.range };
        report(use.address === undefined ? finding : { ...finding, address: use.address });
      } else if (declared.source === undefined) {
        report({ messageId: source ? 'noSource' : 'noSourceUnknown', data, range: declared.range });
      }
    }
  },
});
