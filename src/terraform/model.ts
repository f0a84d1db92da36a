/**
 * Module instances: a folder's parsed files bound to one evaluation context
 * (standalone, or with the arguments of the `module` block that calls it).
 */
import * as path from 'node:path';
import { evaluate, referenceSitesOf, type Scope } from './evaluate';
import type { AttributeSyntax, BlockSyntax, CommentSyntax, FileSyntax, Range } from '../hcl/syntax';
import type { Attribute, Block, Local, LVal, ModuleCall, Output, Resource, TfFile, TfModule, Variable } from './types';
import { entryOf, unknown } from './values';

export interface ParsedFile {
  file: TfFile;
  syntax: FileSyntax;
}

/** Unversioned types whose name differs from their `_v1` successor's beyond the suffix. */
const RENAMED_TYPES: Readonly<Record<string, string>> = { kubernetes_daemonset: 'kubernetes_daemon_set' };

/** `kubernetes_deployment_v1` → `kubernetes_deployment`; `kubernetes_daemonset` → `kubernetes_daemon_set`. */
export function canonicalType(type: string): string {
  const unversioned = type.replace(/_v1$/, '');
  return RENAMED_TYPES[unversioned] ?? unversioned;
}

/** An address with its type canonicalised: `data.kubernetes_secret_v1.x` → `data.kubernetes_secret.x`. */
function canonicalAddress(address: string): string {
  const parts = address.split('.');
  const typeAt = parts[0] === 'data' ? 1 : 0;
  if (parts[typeAt] !== undefined) parts[typeAt] = canonicalType(parts[typeAt]);
  return parts.join('.');
}

/** Comments on their own lines directly above `line` (contiguous, no blank line between). */
function commentsAbove(
  line: number,
  byEndLine: ReadonlyMap<number, CommentSyntax>,
): Array<{ text: string; range: CommentSyntax['range'] }> {
  const found: CommentSyntax[] = [];
  let next = line - 1;
  for (let comment = byEndLine.get(next); comment?.ownLine; comment = byEndLine.get(next)) {
    found.unshift(comment);
    next = comment.range.line - 1;
  }
  return found.map((comment) => ({ text: comment.text, range: comment.range }));
}

/** Own-line comments of a file, indexed by the line they end on. */
function commentIndex(comments: CommentSyntax[]): Map<number, CommentSyntax> {
  const index = new Map<number, CommentSyntax>();
  for (const comment of comments) if (comment.ownLine) index.set(comment.range.endLine, comment);
  return index;
}

class ModuleBuilder {
  private readonly variableValues = new Map<string, () => LVal>();
  private readonly localValues = new Map<string, Attribute>();
  readonly scope: Scope = {
    variable: (name) => this.variableValues.get(name)?.(),
    local: (name) => this.localValues.get(name)?.value(),
  };

  constructor(private readonly caller: TfModule['caller']) {}

  attribute(syntax: AttributeSyntax): Attribute {
    let state: 'pending' | 'busy' | LVal = 'pending';
    let sites: Map<string, Range> | undefined;
    let references: string[] | undefined;
    const scope = this.scope;
    return {
      name: syntax.name,
      range: syntax.range,
      nameRange: syntax.nameRange,
      exprText: syntax.exprText,
      exprRange: syntax.exprRange,
      get references(): string[] {
        sites ??= referenceSitesOf(syntax.expr);
        references ??= [...sites.keys()];
        return references;
      },
      referenceSites(): ReadonlyMap<string, Range> {
        sites ??= referenceSitesOf(syntax.expr);
        return sites;
      },
      value(): LVal {
        // A value that depends on itself (`local.a = local.a`) is unknown, not a stack overflow.
        if (state === 'busy') return unknown(syntax.exprRange);
        if (state !== 'pending') return state;
        state = 'busy';
        const result = evaluate(syntax.expr, scope);
        state = result;
        return result;
      },
    };
  }

  block(syntax: BlockSyntax, file: string, comments: ReadonlyMap<number, CommentSyntax>): Block {
    const leadingComments = commentsAbove(syntax.range.line, comments);
    if (syntax.type === 'dynamic') return this.dynamicBlock(syntax, file, comments, leadingComments);
    return {
      type: syntax.type,
      labels: syntax.labels,
      labelRanges: syntax.labelRanges,
      attributes: this.attributes(syntax.body.attributes),
      blocks: syntax.body.blocks.map((inner) => this.block(inner, file, comments)),
      range: syntax.range,
      headerRange: syntax.headerRange,
      file,
      leadingComments,
    };
  }

  private dynamicBlock(
    syntax: BlockSyntax,
    file: string,
    comments: ReadonlyMap<number, CommentSyntax>,
    leadingComments: Block['leadingComments'],
  ): Block {
    const content = syntax.body.blocks.find((inner) => inner.type === 'content');
    const forEach = syntax.body.attributes.find((attribute) => attribute.name === 'for_each');
    const block: Block = {
      type: syntax.labels[0] ?? 'dynamic',
      labels: [],
      labelRanges: [],
      attributes: content ? this.attributes(content.body.attributes) : {},
      blocks: content ? content.body.blocks.map((inner) => this.block(inner, file, comments)) : [],
      range: syntax.range,
      headerRange: syntax.headerRange,
      file,
      dynamic: true,
      leadingComments,
    };
    if (forEach) block.forEach = this.attribute(forEach);
    const iterator = syntax.body.attributes.find((attribute) => attribute.name === 'iterator')?.expr;
    block.iterator = iterator?.t === 'variable' ? iterator.name : block.type;
    return block;
  }

  private attributes(list: AttributeSyntax[]): Record<string, Attribute> {
    const attributes: Record<string, Attribute> = {};
    // HCL refuses duplicates; the first definition is the one kept.
    for (const syntax of list) if (!(syntax.name in attributes)) attributes[syntax.name] = this.attribute(syntax);
    return attributes;
  }

  variable(block: Block, syntax: BlockSyntax, comments: ReadonlyMap<number, CommentSyntax>): Variable {
    const name = block.labels[0] ?? '';
    const fallback = block.attributes.default;
    const defaultSyntax = syntax.body.attributes.find((attribute) => attribute.name === 'default');
    const argument = this.caller?.call.block.attributes[name];
    const value = (): LVal => argument?.value() ?? fallback?.value() ?? unknown(block.range, `var.${name}`);
    this.variableValues.set(name, value);
    return {
      name,
      block,
      defaultComments: defaultSyntax ? commentsAbove(defaultSyntax.range.line, comments) : [],
      value,
      hasDefault: fallback !== undefined,
    };
  }

  addLocals(block: Block): Local[] {
    return Object.values(block.attributes).map((attribute) => {
      this.localValues.set(attribute.name, attribute);
      return { name: attribute.name, attribute };
    });
  }
}

function resourceOf(block: Block): Resource | undefined {
  const [type, name] = block.labels;
  if (type === undefined || name === undefined) return undefined;
  const mode = block.type === 'data' ? 'data' : 'resource';
  return {
    mode,
    type,
    canonicalType: canonicalType(type),
    name,
    address: mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`,
    block,
    repeated: 'count' in block.attributes || 'for_each' in block.attributes,
  };
}

function moduleCallOf(block: Block, dir: string): ModuleCall {
  const call: ModuleCall = { name: block.labels[0] ?? '', block };
  const source = block.attributes.source?.value();
  if (source?.kind === 'string') {
    call.source = source.value;
    if (/^\.\.?\//.test(source.value)) call.localDir = path.resolve(dir, source.value);
  }
  return call;
}

function requiredProvidersOf(blocks: Block[]): TfModule['requiredProviders'] {
  const providers: TfModule['requiredProviders'] = {};
  for (const terraform of blocks) {
    if (terraform.type !== 'terraform') continue;
    for (const required of terraform.blocks) {
      if (required.type !== 'required_providers') continue;
      for (const attribute of Object.values(required.attributes)) {
        const value = attribute.value();
        const entry: TfModule['requiredProviders'][string] = { range: attribute.range };
        // The legacy form `aws = "~> 5.0"` is a version constraint alone.
        if (value.kind === 'string') entry.version = value.value;
        const source = entryOf(value, 'source')?.value;
        const version = entryOf(value, 'version')?.value;
        if (source?.kind === 'string') entry.source = source.value;
        if (version?.kind === 'string') entry.version = version.value;
        providers[attribute.name] = entry;
      }
    }
  }
  return providers;
}

/** Build one module instance from a folder's parsed files (sorted by path). */
export function buildModule(dir: string, files: ParsedFile[], caller?: TfModule['caller']): TfModule {
  const builder = new ModuleBuilder(caller);
  const blocks: Block[] = [];
  const resources: Resource[] = [];
  const variables: Variable[] = [];
  const locals: Local[] = [];
  const outputs: Output[] = [];
  const moduleCalls: ModuleCall[] = [];
  for (const { file, syntax } of files) {
    const comments = commentIndex(syntax.comments);
    for (const blockSyntax of syntax.body.blocks) {
      const block = builder.block(blockSyntax, file.path, comments);
      blocks.push(block);
      if (block.type === 'resource' || block.type === 'data') {
        const resource = resourceOf(block);
        if (resource) resources.push(resource);
      } else if (block.type === 'variable') variables.push(builder.variable(block, blockSyntax, comments));
      else if (block.type === 'locals') locals.push(...builder.addLocals(block));
      else if (block.type === 'output') outputs.push({ name: block.labels[0] ?? '', block });
      else if (block.type === 'module') moduleCalls.push(moduleCallOf(block, dir));
    }
  }
  const byAddress = new Map(resources.map((resource) => [canonicalAddress(resource.address), resource]));
  const module: TfModule = {
    dir,
    files: files.map(({ file }) => file),
    parseErrors: files.flatMap(({ syntax }) => syntax.errors),
    blocks,
    resources,
    variables,
    locals,
    outputs,
    moduleCalls,
    requiredProviders: requiredProvidersOf(blocks),
    resourcesOf: (type) => resources.filter((resource) => resource.canonicalType === canonicalType(type)),
    resource: (address) => byAddress.get(canonicalAddress(address)),
  };
  if (caller) module.caller = caller;
  return module;
}
