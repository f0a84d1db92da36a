/**
 * Which committed provider schema checks which blocks of a module: the
 * hashicorp/kubernetes schema for `kubernetes_*`, the hashicorp/helm schema of
 * the major release the module's `required_providers` constraint selects for
 * `helm_*` and `provider "helm"`, and the hand-written alekc/kubectl schema for
 * `kubectl_manifest`.
 */
import type { Range } from '../hcl/syntax';
import type { TfModule } from '../terraform/types';
import { selectedMajor } from '../terraform/version-constraints';
import { committedSchemaPath, KUBERNETES_SCHEMA, ProviderSchema } from './provider';

export interface ProviderFamily {
  /** The local name the module gives the provider in `required_providers` (and the type prefix). */
  localName: string;
  /** How messages name it. */
  label: string;
  /** Sources this family's schemas describe; an entry with another source is another provider. */
  source: RegExp;
  /** Schema per major release, ascending. */
  majors: ReadonlyArray<[number, ProviderSchema]>;
  /** Types the schemas describe; others of the prefix are not checked (a schema written by hand covers part of the provider). */
  covers(type: string): boolean;
  /** The schemas list every type of the provider (an unknown type is a mistake). */
  complete: boolean;
}

export const HELM: ProviderFamily = {
  localName: 'helm',
  label: 'hashicorp/helm',
  source: /(^|\/)hashicorp\/helm$/i,
  majors: [
    [2, new ProviderSchema(committedSchemaPath('helm-2-provider.json'), 'hashicorp/helm')],
    [3, new ProviderSchema(committedSchemaPath('helm-3-provider.json'), 'hashicorp/helm')],
  ],
  covers: (type) => type.startsWith('helm_'),
  complete: true,
};

export const KUBECTL: ProviderFamily = {
  localName: 'kubectl',
  label: 'alekc/kubectl',
  source: /(^|\/)alekc\/kubectl$/i,
  majors: [[2, new ProviderSchema(committedSchemaPath('kubectl-provider.json'), 'alekc/kubectl')]],
  covers: (type) => type === 'kubectl_manifest',
  complete: false,
};

const FAMILIES: readonly ProviderFamily[] = [HELM, KUBECTL];

/** The schema a module's constraint selects, or why there is none. */
export type SchemaChoice =
  | { kind: 'schema'; schema: ProviderSchema }
  /** The module uses this provider, but no committed schema matches its constraint. */
  | { kind: 'uncovered'; constraint: string | undefined; range: Range | undefined }
  /** The local name is another provider (another source): not ours to check. */
  | { kind: 'other' };

const choices = new WeakMap<TfModule, Map<ProviderFamily, SchemaChoice>>();

export function schemaChoice(module: TfModule, family: ProviderFamily): SchemaChoice {
  let byFamily = choices.get(module);
  if (!byFamily) choices.set(module, (byFamily = new Map<ProviderFamily, SchemaChoice>()));
  let choice = byFamily.get(family);
  if (!choice) byFamily.set(family, (choice = choose(module, family)));
  return choice;
}

function choose(module: TfModule, family: ProviderFamily): SchemaChoice {
  const entry = module.requiredProviders[family.localName];
  // Without a source Terraform looks for hashicorp/<name>: right for helm, another provider for kubectl.
  const source = entry?.source ?? `hashicorp/${family.localName}`;
  if (!family.source.test(source)) return { kind: 'other' };
  const major = selectedMajor(entry?.version, family.majors.map(([m]) => m));
  const schema = family.majors.find(([m]) => m === major)?.[1];
  return schema ? { kind: 'schema', schema } : { kind: 'uncovered', constraint: entry?.version, range: entry?.range };
}

/** The families whose schemas describe a resource type. */
export function familyOfType(type: string): ProviderFamily | undefined {
  return FAMILIES.find((family) => family.covers(type));
}

/** The families a module uses: through resources of their types or a `provider` block. */
export function familiesUsed(module: TfModule): ProviderFamily[] {
  return FAMILIES.filter(
    (family) =>
      module.resources.some((resource) => family.covers(resource.type)) ||
      (family.majors.some(([, schema]) => schema.providerConfig() !== undefined) &&
        module.blocks.some((block) => block.type === 'provider' && block.labels[0] === family.localName)),
  );
}

export { KUBERNETES_SCHEMA };
