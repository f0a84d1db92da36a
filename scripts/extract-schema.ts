/**
 * Derive `schema/<name>-provider.json` from the jsii manifest of a prebuilt
 * cdktf provider package (`@cdktf/provider-kubernetes`), so the linter knows
 * every resource and data source of the provider (attributes, nested blocks,
 * what is required, value types, single or repeated blocks) without loading the
 * 50 MB package. `PROVIDERS` lists the providers extracted; each is extracted
 * on its own by `extractSchema`.
 *
 *   npm run schema:extract            rewrite the committed files
 *
 * The manifest is the provider schema as cdktf generated it: a resource class
 * whose initializer takes a `<Name>Config` struct; each struct property is an
 * attribute or a nested block. A struct-typed property is a nested block (the
 * struct alone for a single block, in an array for a repeated one) when cdktf
 * documents it as `<name> block.`; otherwise it is an attribute of object type
 * (or list of objects), written `name = { ... }` (`kubernetes_manifest.wait_for`).
 * The Terraform name of each property is the anchor of its registry docs link.
 *
 * Self-contained on purpose (node built-ins only): `npm run schema:extract`
 * runs it through esbuild without bundling.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** A provider whose schema is extracted from a prebuilt cdktf package. */
export interface ProviderPackage {
  /** The npm package, e.g. `@cdktf/provider-kubernetes`. */
  package: string;
  /** The provider's registry address, e.g. `registry.terraform.io/hashicorp/kubernetes`. */
  address: string;
  /** Resource type prefix: `kubernetes_` + the docs page name (`deployment_v1`). */
  prefix: string;
  /** The committed file under `schema/`. */
  file: string;
  /** Also extract the body of the `provider "<name>"` block (written as `providerConfig`). */
  providerBlock?: boolean;
}

export const KUBERNETES: ProviderPackage = {
  package: '@cdktf/provider-kubernetes',
  address: 'registry.terraform.io/hashicorp/kubernetes',
  prefix: 'kubernetes_',
  file: 'kubernetes-provider.json',
};

/**
 * hashicorp/helm, one file per major release: 3.x turned the provider's
 * `kubernetes {}` block into an object argument and `helm_release`'s repeated
 * `set {}` blocks into a list argument. The 2.x package is installed under an
 * npm alias (`@cdktf/provider-helm-v2` = `@cdktf/provider-helm@11`).
 */
export const HELM_2: ProviderPackage = {
  package: '@cdktf/provider-helm-v2',
  address: 'registry.terraform.io/hashicorp/helm',
  prefix: 'helm_',
  file: 'helm-2-provider.json',
  providerBlock: true,
};

export const HELM_3: ProviderPackage = {
  package: '@cdktf/provider-helm',
  address: 'registry.terraform.io/hashicorp/helm',
  prefix: 'helm_',
  file: 'helm-3-provider.json',
  providerBlock: true,
};

/** Every provider `npm run schema:extract` writes. */
export const PROVIDERS: readonly ProviderPackage[] = [KUBERNETES, HELM_2, HELM_3];

// ---------------------------------------------------------------------------
// The subset of the jsii assembly format this script reads.

interface JsiiTypeRef {
  primitive?: string;
  fqn?: string;
  collection?: { kind: 'array' | 'map'; elementtype: JsiiTypeRef };
  union?: { types: JsiiTypeRef[] };
}

interface JsiiProperty {
  name: string;
  optional?: boolean;
  type: JsiiTypeRef;
  docs?: { summary?: string; remarks?: string };
}

interface JsiiType {
  kind: string;
  base?: string;
  docs?: { summary?: string };
  properties?: JsiiProperty[];
  initializer?: { parameters?: Array<{ name: string; type: JsiiTypeRef }> };
}

interface JsiiAssembly {
  /** The package's own name (an npm alias installs it under another). */
  name: string;
  version: string;
  types: Record<string, JsiiType>;
}

// ---------------------------------------------------------------------------
// The committed format (read back by src/schema/provider.ts).

/** An attribute: its type, with `!` appended when it is required. */
type AttributeOut = string;
/** A nested block: `single`/`list` (`!` when required) and its body, or `#name` of a shared body. */
type BlockOut = [string, BodyOut | string];
type BodyOut = Record<string, AttributeOut | BlockOut>;

export interface SchemaFile {
  provider: string;
  version: string;
  extractedFrom: string;
  format: string;
  resources: Record<string, BodyOut | string>;
  dataSources: Record<string, BodyOut | string>;
  shared: Record<string, BodyOut>;
  /** The `provider "<name>"` block's body, for providers extracted with `providerBlock`. */
  providerConfig?: BodyOut | string;
}

const FORMAT =
  'body = { name: attribute | block }; attribute = type ("string", "number", "bool", "list(string)", "list(number)", "map(string)", "map(any)", "object({...})"; "!" = required); ' +
  'block = [kind ("single" = at most one, "list" = any number; "!" = at least one required), body or "#<key of shared>"]';

/** `{@link https://registry.terraform.io/providers/hashicorp/kubernetes/2.38.0/docs/resources/deployment_v1#wait_for_rollout ...}` */
const DOCS_LINK =
  /\{@link https:\/\/registry\.terraform\.io\/providers\/[\w-]+\/[\w-]+\/([^/]+)\/docs\/(resources|data-sources)\/(\w+)(?:#(\w+))?[ }]/g;

interface DocsLink {
  version: string;
  mode: 'resources' | 'data-sources';
  page: string;
  anchor: string | undefined;
}

/** The last registry link in a docs text (the property's own link comes last). */
function docsLink(text: string | undefined): DocsLink | undefined {
  let last: DocsLink | undefined;
  for (const m of (text ?? '').matchAll(DOCS_LINK)) {
    last = { version: m[1] ?? '', mode: m[2] === 'resources' ? 'resources' : 'data-sources', page: m[3] ?? '', anchor: m[4] };
  }
  return last;
}

function terraformName(property: JsiiProperty): string {
  const link = docsLink(`${property.docs?.summary ?? ''}\n${property.docs?.remarks ?? ''}`);
  // Every property has a docs link; the snake_case fallback only guards a future manifest without one.
  return link?.anchor ?? property.name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The struct a property refers to, alone (single) or in an array (list). */
function structOf(type: JsiiTypeRef, types: JsiiAssembly['types']): { fqn: string; single: boolean } | undefined {
  if (type.fqn && types[type.fqn]) return { fqn: type.fqn, single: true };
  const listed = type.union?.types.find((t) => t.collection?.kind === 'array')?.collection?.elementtype.fqn;
  if (listed && types[listed]) return { fqn: listed, single: false };
  return undefined;
}

/**
 * cdktf documents every nested block as `<name> block.` and every attribute
 * with the provider's description, so a struct-typed property documented
 * otherwise is an attribute of object type.
 */
function isBlock(property: JsiiProperty, name: string): boolean {
  return property.docs?.summary === `${name} block.`;
}

const PRIMITIVES: Record<string, string> = { string: 'string', number: 'number', boolean: 'bool', any: 'any' };

/** The Terraform type of an attribute; a struct is an object type whose attributes are optional when cdktf says so. */
function attributeType(type: JsiiTypeRef, types: JsiiAssembly['types']): string {
  const struct = structOf(type, types);
  if (struct) {
    const attributes = (types[struct.fqn]?.properties ?? [])
      .map((property): [string, string] => {
        const inner = attributeType(property.type, types);
        return [terraformName(property), property.optional ? `optional(${inner})` : inner];
      })
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const object = `object({${attributes.map(([name, inner]) => `${name} = ${inner}`).join(', ')}})`;
    return struct.single ? object : `list(${object})`;
  }
  const primitive = type.primitive ?? type.union?.types.find((t) => t.primitive)?.primitive;
  if (primitive) return PRIMITIVES[primitive] ?? 'any';
  const collection = type.collection;
  if (collection) {
    const element = attributeType(collection.elementtype, types);
    return collection.kind === 'map' ? `map(${element})` : `list(${element})`;
  }
  throw new Error(`unsupported attribute type ${JSON.stringify(type)}`);
}

/** A body's entries sorted by name; a nested block refers to its body's id. */
type InternedBody = Array<[string, AttributeOut | [string, number]]>;

/**
 * Bodies are interned bottom-up: identical bodies (the pod spec of a dozen
 * workload kinds, `kubernetes_x` and `kubernetes_x_v1`) get one id, and a body
 * referred to from more than one place is written once under `shared`.
 */
class Interner {
  readonly bodies: InternedBody[] = [];
  readonly paths: string[] = [];
  readonly referrers: Array<Set<number | string>> = [];
  private readonly ids = new Map<string, number>();

  constructor(private readonly types: JsiiAssembly['types']) {}

  /** Intern the body of a struct; nested blocks refer to interned ids as `[kind, id]`. */
  struct(fqn: string, where: string): number {
    const entries: InternedBody = [];
    for (const property of this.types[fqn]?.properties ?? []) {
      const name = terraformName(property);
      const required = property.optional ? '' : '!';
      const block = isBlock(property, name) ? structOf(property.type, this.types) : undefined;
      if (block) entries.push([name, [`${block.single ? 'single' : 'list'}${required}`, this.struct(block.fqn, `${where}.${name}`)]]);
      else entries.push([name, `${attributeType(property.type, this.types)}${required}`]);
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = JSON.stringify(entries);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.bodies.length;
      this.ids.set(key, id);
      this.bodies.push(entries);
      this.paths.push(where);
      this.referrers.push(new Set());
      for (const [, value] of entries) if (Array.isArray(value)) this.referrers[value[1]]?.add(id);
    }
    return id;
  }

  refer(id: number, root: string): void {
    this.referrers[id]?.add(root);
  }
}

const SHARE_ABOVE = 100;

/** Write interned bodies out, inlining those used once and sharing the rest by name. */
function emit(
  interner: Interner,
  roots: Array<{ mode: 'resources' | 'dataSources' | 'providerConfig'; type: string; id: number }>,
): Pick<SchemaFile, 'resources' | 'dataSources' | 'shared' | 'providerConfig'> {
  const sharedName = new Map<number, string>();
  interner.referrers.forEach((referrers, id) => {
    // A small body costs less written twice than named once and referred to.
    if (referrers.size > 1 && JSON.stringify(interner.bodies[id]).length > SHARE_ABOVE)
      sharedName.set(id, interner.paths[id] ?? String(id));
  });
  const bodyOf = (id: number): BodyOut => {
    const out: BodyOut = {};
    for (const [name, value] of interner.bodies[id] ?? []) out[name] = typeof value === 'string' ? value : [value[0], refOrBody(value[1])];
    return out;
  };
  const refOrBody = (id: number): BodyOut | string => {
    const name = sharedName.get(id);
    return name === undefined ? bodyOf(id) : `#${name}`;
  };
  const result: Pick<SchemaFile, 'resources' | 'dataSources' | 'shared' | 'providerConfig'> = {
    resources: {},
    dataSources: {},
    shared: {},
  };
  for (const root of roots) {
    if (root.mode === 'providerConfig') result.providerConfig = refOrBody(root.id);
    else result[root.mode][root.type] = refOrBody(root.id);
  }
  for (const [id, name] of [...sharedName].sort(([, a], [, b]) => (a < b ? -1 : a > b ? 1 : 0))) result.shared[name] = bodyOf(id);
  return result;
}

interface Root {
  mode: 'resources' | 'dataSources';
  type: string;
  /** `kubernetes_x` or `data.kubernetes_x`: the path shared bodies are named after. */
  where: string;
  config: string;
}

/** Resource and data source classes: their Terraform name (from the docs link) and config struct. */
function rootsOf(assembly: JsiiAssembly, provider: ProviderPackage): { roots: Root[]; version: string } {
  const roots: Root[] = [];
  let version = '';
  for (const type of Object.values(assembly.types)) {
    if (type.kind !== 'class' || (type.base !== 'cdktf.TerraformResource' && type.base !== 'cdktf.TerraformDataSource')) continue;
    const link = docsLink(type.docs?.summary);
    const config = type.initializer?.parameters?.find((p) => p.name === 'config')?.type.fqn;
    if (!link || !config) throw new Error(`cannot read the Terraform name or config of ${JSON.stringify(type.docs?.summary)}`);
    version = link.version;
    const name = `${provider.prefix}${link.page}`;
    const mode = type.base === 'cdktf.TerraformResource' ? 'resources' : 'dataSources';
    roots.push({ mode, type: name, where: mode === 'resources' ? name : `data.${name}`, config });
  }
  // Sorted (resources first), so shared bodies are named after the same first user on every run.
  const order = (root: Root): string => `${root.mode === 'resources' ? 0 : 1}${root.type}`;
  roots.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  return { roots, version };
}

/** The schema of every resource and data source of one provider, from its package installed at `packageDir`. */
export function extractSchema(packageDir: string, provider: ProviderPackage = KUBERNETES): SchemaFile {
  const assembly = JSON.parse(readFileSync(path.join(packageDir, '.jsii'), 'utf8')) as JsiiAssembly;
  const { roots, version } = rootsOf(assembly, provider);
  const interner = new Interner(assembly.types);
  const interned: Array<{ mode: 'resources' | 'dataSources' | 'providerConfig'; type: string; id: number }> = roots.map((root) => {
    const id = interner.struct(root.config, root.where);
    interner.refer(id, root.where);
    return { ...root, id };
  });
  if (provider.providerBlock) {
    const config = providerConfigStruct(assembly);
    const id = interner.struct(config, 'provider');
    interner.refer(id, 'provider');
    interned.push({ mode: 'providerConfig', type: 'provider', id });
  }
  return {
    provider: provider.address,
    version,
    extractedFrom: `${assembly.name}@${assembly.version}`,
    format: FORMAT,
    ...emit(interner, interned),
  };
}

/** The config struct of the provider class (the body of its `provider` block). */
function providerConfigStruct(assembly: JsiiAssembly): string {
  const provider = Object.values(assembly.types).find((type) => type.kind === 'class' && type.base === 'cdktf.TerraformProvider');
  const config = provider?.initializer?.parameters?.find((p) => p.name === 'config')?.type.fqn;
  if (!config) throw new Error(`${assembly.name}: no provider class with a config struct`);
  return config;
}

/** One line per resource, shared bodies last: small diffs when the provider changes. */
export function serialiseSchema(schema: SchemaFile): string {
  const section = (entries: Record<string, unknown>): string =>
    `{\n${Object.entries(entries)
      .map(([key, value]) => `    ${JSON.stringify(key)}: ${JSON.stringify(value)}`)
      .join(',\n')}\n  }`;
  const head = ['provider', 'version', 'extractedFrom', 'format'] as const;
  return `{\n${[
    ...head.map((key) => `  ${JSON.stringify(key)}: ${JSON.stringify(schema[key])}`),
    `  "resources": ${section(schema.resources)}`,
    `  "dataSources": ${section(schema.dataSources)}`,
    ...(schema.providerConfig === undefined ? [] : [`  "providerConfig": ${JSON.stringify(schema.providerConfig)}`]),
    `  "shared": ${section(schema.shared)}`,
  ].join(',\n')}\n}\n`;
}

/** The committed schema file of a provider. */
export function schemaFile(provider: ProviderPackage = KUBERNETES, root = path.resolve(__dirname, '..')): string {
  return path.join(root, 'schema', provider.file);
}

export const SCHEMA_FILE = schemaFile(KUBERNETES);

export function providerPackageDir(provider: ProviderPackage = KUBERNETES, from = path.resolve(__dirname, '..')): string {
  return path.dirname(require.resolve(`${provider.package}/package.json`, { paths: [from] }));
}

function main(): void {
  const root = process.cwd();
  for (const provider of PROVIDERS) {
    const target = schemaFile(provider, root);
    const text = serialiseSchema(extractSchema(providerPackageDir(provider, root), provider));
    writeFileSync(target, text);
    process.stdout.write(`${path.relative(root, target)}: ${text.length} bytes\n`);
  }
}

// Only the npm script writes; importing (the freshness test) has no side effect.
if (process.argv.includes('--write')) main();
