/**
 * The hashicorp/kubernetes provider schema, read from the committed
 * `schema/kubernetes-provider.json` (written by `npm run schema:extract`).
 *
 * The file is parsed once per process, on first use, and each body is turned
 * into maps only when a rule first reaches it, so a lint run pays for the
 * resource kinds it meets and a per-block check stays a few map lookups.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTypeExpr, type TypeExpr } from './types';

/** `src/schema` and `dist/schema` both sit two levels below the package root. */
const SCHEMA_PATH = path.resolve(__dirname, '..', '..', 'schema', 'kubernetes-provider.json');

type RawBody = Record<string, string | [string, RawBody | string]>;

interface RawSchema {
  provider: string;
  version: string;
  extractedFrom: string;
  resources: Record<string, RawBody | string>;
  dataSources: Record<string, RawBody | string>;
  shared: Record<string, RawBody>;
  providerConfig?: RawBody | string;
}

export interface AttributeSchema {
  name: string;
  type: TypeExpr;
  required: boolean;
}

export interface BlockSchema {
  name: string;
  /** At most one block of this type (`max_items = 1` in the provider). */
  single: boolean;
  /** At least one block of this type is required. */
  required: boolean;
  body(): BodySchema;
}

export interface BodySchema {
  attributes: ReadonlyMap<string, AttributeSchema>;
  blocks: ReadonlyMap<string, BlockSchema>;
  /** The required ones, listed apart: most bodies have none or one, and checking them is then nearly free. */
  requiredAttributes: readonly AttributeSchema[];
  requiredBlocks: readonly BlockSchema[];
}

export type ResourceMode = 'resource' | 'data';

const compiled = new WeakMap<RawBody, BodySchema>();
const typeCache = new Map<string, TypeExpr>();

/** One committed provider schema file, parsed on first use. */
export class ProviderSchema {
  private raw: RawSchema | undefined;

  /** `label`: how messages name the provider, e.g. `hashicorp/helm`. */
  constructor(
    readonly file: string,
    readonly label: string,
  ) {}

  private data(): RawSchema {
    this.raw ??= JSON.parse(readFileSync(this.file, 'utf8')) as RawSchema;
    return this.raw;
  }

  private resolve = (body: RawBody | string): RawBody => {
    if (typeof body !== 'string') return body;
    const shared = this.data().shared[body.slice(1)];
    if (!shared) throw new Error(`${this.file}: no shared body "${body}"`);
    return shared;
  };

  private table(mode: ResourceMode): Record<string, RawBody | string> {
    const file = this.data();
    return mode === 'resource' ? file.resources : file.dataSources;
  }

  /** The schema of a resource or data source type as written, if the provider has it. */
  resourceSchema(mode: ResourceMode, type: string): BodySchema | undefined {
    const entries = this.table(mode);
    if (!Object.hasOwn(entries, type)) return undefined;
    return compile(this.resolve(entries[type]!), this.resolve);
  }

  resourceTypes(mode: ResourceMode): string[] {
    return Object.keys(this.table(mode));
  }

  /** The body of the `provider` block, when the file has it. */
  providerConfig(): BodySchema | undefined {
    const body = this.data().providerConfig;
    return body === undefined ? undefined : compile(this.resolve(body), this.resolve);
  }

  version(): string {
    return this.data().version;
  }
}

/** `src/schema` and `dist/schema` both sit two levels below the package root. */
export function committedSchemaPath(name: string): string {
  return path.resolve(__dirname, '..', '..', 'schema', name);
}

export const KUBERNETES_SCHEMA = new ProviderSchema(SCHEMA_PATH, 'hashicorp/kubernetes');

/** `list(string)!` → the type, parsed once per distinct text. */
function attributeType(text: string): TypeExpr {
  let type = typeCache.get(text);
  if (!type) typeCache.set(text, (type = parseTypeExpr(text) ?? { kind: 'any' }));
  return type;
}

function compile(body: RawBody, resolve: (body: RawBody | string) => RawBody): BodySchema {
  const cached = compiled.get(body);
  if (cached) return cached;
  const attributes = new Map<string, AttributeSchema>();
  const blocks = new Map<string, BlockSchema>();
  for (const [name, value] of Object.entries(body)) {
    if (typeof value === 'string') {
      const required = value.endsWith('!');
      attributes.set(name, { name, required, type: attributeType(required ? value.slice(0, -1) : value) });
    } else {
      const [kind, inner] = value;
      let innerSchema: BodySchema | undefined;
      blocks.set(name, {
        name,
        single: kind.startsWith('single'),
        required: kind.endsWith('!'),
        body: () => (innerSchema ??= compile(resolve(inner), resolve)),
      });
    }
  }
  const schema: BodySchema = {
    attributes,
    blocks,
    requiredAttributes: [...attributes.values()].filter((attribute) => attribute.required),
    requiredBlocks: [...blocks.values()].filter((block) => block.required),
  };
  compiled.set(body, schema);
  return schema;
}

/** The hashicorp/kubernetes schema of a resource or data source type as written (`kubernetes_x` and `kubernetes_x_v1` differ). */
export function resourceSchema(mode: ResourceMode, type: string): BodySchema | undefined {
  return KUBERNETES_SCHEMA.resourceSchema(mode, type);
}

/** Every resource (or data source) type of hashicorp/kubernetes. */
export function resourceTypes(mode: ResourceMode): string[] {
  return KUBERNETES_SCHEMA.resourceTypes(mode);
}

/** Which hashicorp/kubernetes release the schema reflects, e.g. `2.38.0`. */
export function providerVersion(): string {
  return KUBERNETES_SCHEMA.version();
}
