/**
 * The model of a Terraform module: files, blocks, attributes with their statically
 * evaluated values, resources, variables, locals, outputs and module calls.
 *
 * Every position is 1-based (line and column), columns count UTF-16 code units
 * of the line, and `endLine`/`endColumn` point just past the last character.
 */
import type { ParseError, Range } from '../hcl/syntax';

/**
 * A statically evaluated value that remembers where it came from.
 *
 * `unknown` is anything the evaluator could not determine (a resource attribute,
 * `count.index`, an unsupported function...). Rules never report on unknowns.
 * When the unknown is a plain reference (`kubernetes_service_v1.web.metadata[0].name`)
 * `ref` holds its traversal text, so cross-resource rules can follow it.
 */
export type LVal =
  | { kind: 'string'; value: string; range: Range; encodedFrom?: LVal; encoding?: 'yaml' | 'json' }
  | { kind: 'number'; value: number; range: Range }
  | { kind: 'bool'; value: boolean; range: Range }
  | { kind: 'null'; range: Range }
  | { kind: 'tuple'; items: LVal[]; range: Range }
  | { kind: 'object'; entries: LEntry[]; range: Range }
  | { kind: 'unknown'; range: Range; ref?: string };

export interface LEntry {
  key: string;
  keyRange: Range;
  value: LVal;
}

export interface Attribute {
  name: string;
  /** The whole `name = expr` line(s). */
  range: Range;
  nameRange: Range;
  /** Source text of the expression, as written. */
  exprText: string;
  exprRange: Range;
  /** Traversals the expression references (`var.x`, `local.y`, `kubernetes_service_v1.x.metadata[0].name`). */
  references: string[];
  /** Each of `references` with the range of its first occurrence in the expression. */
  referenceSites(): ReadonlyMap<string, Range>;
  /** Statically evaluated value in the module instance's context (memoised). */
  value(): LVal;
}

export interface Block {
  type: string;
  labels: string[];
  labelRanges: Range[];
  attributes: Record<string, Attribute>;
  /** Nested blocks in source order. A `dynamic "x" { content { ... } }` appears as a block of type `x` with `dynamic: true` whose body is the content block. */
  blocks: Block[];
  /** From the block type to the closing brace. */
  range: Range;
  /** The block type keyword and its labels. */
  headerRange: Range;
  file: string;
  dynamic?: boolean;
  /** For a `dynamic` block: the wrapper's `for_each` attribute. */
  forEach?: Attribute;
  /** For a `dynamic` block: the name its content refers to the current element by (`iterator`, else the block type). */
  iterator?: string;
  /** The comment lines directly above the block (without `#`/`//` markers), e.g. a `# renovate:` line. */
  leadingComments: Array<{ text: string; range: Range }>;
}

export interface Resource {
  /** `resource` or `data`. */
  mode: 'resource' | 'data';
  /** As written, e.g. `kubernetes_deployment_v1`. */
  type: string;
  /** `type` with a trailing `_v1` removed: `kubernetes_deployment`. Rules compare on this. */
  canonicalType: string;
  name: string;
  /** `kubernetes_deployment_v1.grafana` or `data.kubernetes_secret_v1.x`. */
  address: string;
  block: Block;
  /** True when the block has `count` or `for_each`. */
  repeated: boolean;
}

export interface Variable {
  name: string;
  block: Block;
  /** Comment lines that stand directly above the `default` attribute inside the block. */
  defaultComments: Array<{ text: string; range: Range }>;
  /** Value in this module instance: caller's argument, else default, else unknown. */
  value(): LVal;
  hasDefault: boolean;
}

export interface Local {
  name: string;
  attribute: Attribute;
}

export interface Output {
  name: string;
  block: Block;
}

export interface ModuleCall {
  name: string;
  block: Block;
  /** The literal `source` string, when it is one. */
  source?: string;
  /** Absolute directory of a local (`./` or `../`) source. */
  localDir?: string;
}

export interface TfFile {
  path: string;
  text: string;
  /** Lines of `text` without line terminators. */
  lines: string[];
  /** Every comment of the file in source order, text without its comment markers (trimmed). */
  comments: Array<{ text: string; range: Range }>;
}

/** One module instance: a folder's `.tf` files evaluated in one context. */
export interface TfModule {
  dir: string;
  files: TfFile[];
  parseErrors: ParseError[];
  /** Every top-level block of every file, in file then source order. */
  blocks: Block[];
  resources: Resource[];
  variables: Variable[];
  locals: Local[];
  outputs: Output[];
  moduleCalls: ModuleCall[];
  /** `required_providers` entries: local name → source string (e.g. `kubectl` → `alekc/kubectl`). */
  requiredProviders: Record<string, { source?: string; version?: string; range: Range }>;
  /** When linted with a caller's arguments: the caller's `module` block. */
  caller?: { module: TfModule; call: ModuleCall };
  /** Resources of a canonical type (`kubernetes_deployment` matches `_v1` too). */
  resourcesOf(canonicalType: string): Resource[];
  /** Look a resource up by address (`kubernetes_service_v1.web`); `_v1` and unversioned addresses are interchangeable. */
  resource(address: string): Resource | undefined;
}
