import path from 'node:path';
import { createRule, type ReportDescriptor } from '../../rule';
import type { Range } from '../../../hcl/syntax';
import type { Attribute, Block, TfModule } from '../../../terraform/types';
import { ownExpressions, rootName } from '../../../terraform/references';

/**
 * Names Terraform resolves itself: `each`, `count`, `self`, `path`, `terraform`
 * (and the roots of declared objects, handled one by one below).
 */
const BUILT_IN_ROOTS: ReadonlySet<string> = new Set(['each', 'count', 'self', 'path', 'terraform']);

/** Top-level blocks whose expressions name no object of the module (`terraform { required_version }`). */
const SKIPPED_BLOCKS: ReadonlySet<string> = new Set(['terraform']);

/** What a module declares, by the root of the reference that names it. */
interface Declared {
  variables: Set<string>;
  locals: Set<string>;
  modules: Set<string>;
  /** `type.name`, `data.type.name`, `ephemeral.type.name`. */
  objects: Set<string>;
}

function declaredIn(module: TfModule): Declared {
  const declared: Declared = {
    variables: new Set(module.variables.map((v) => v.name)),
    locals: new Set(module.locals.map((l) => l.name)),
    modules: new Set(module.moduleCalls.map((m) => m.name)),
    objects: new Set(),
  };
  const addObject = (block: Block): void => {
    const [type, name] = block.labels;
    if (type === undefined || name === undefined) return;
    declared.objects.add(block.type === 'resource' ? `${type}.${name}` : `${block.type}.${type}.${name}`);
  };
  for (const block of module.blocks) {
    if (block.type === 'resource' || block.type === 'data' || block.type === 'ephemeral') addObject(block);
    // A `check` block may declare a data source scoped to its assertions.
    if (block.type === 'check') for (const inner of block.blocks) if (inner.type === 'data') addObject(inner);
  }
  return declared;
}

/** What a reference names, as it would be declared: `var.x`, `kubernetes_service_v1.web`, `data.http.x`... */
type Target =
  | { kind: 'variable' | 'local' | 'module'; name: string; text: string }
  | { kind: 'resource' | 'data' | 'ephemeral'; type: string; name: string; text: string };

/** The parts of a traversal text up to the first index or splat: `a.b["c"].d` → `a`, `b`. */
function leadingNames(reference: string): string[] {
  const names: string[] = [];
  for (const part of reference.split('.')) {
    const bracket = part.indexOf('[');
    names.push(bracket === -1 ? part : part.slice(0, bracket));
    if (bracket !== -1) break;
  }
  return names;
}

function targetOf(reference: string): Target | undefined {
  const [root, second, third] = leadingNames(reference);
  if (root === undefined || second === undefined || second === '') return undefined;
  switch (root) {
    case 'var':
      return { kind: 'variable', name: second, text: `var.${second}` };
    case 'local':
      return { kind: 'local', name: second, text: `local.${second}` };
    case 'module':
      return { kind: 'module', name: second, text: `module.${second}` };
    case 'data':
    case 'ephemeral':
      return third
        ? { kind: root === 'data' ? 'data' : 'ephemeral', type: second, name: third, text: `${root}.${second}.${third}` }
        : undefined;
    default:
      return { kind: 'resource', type: root, name: second, text: `${root}.${second}` };
  }
}

function isDeclared(target: Target, declared: Declared): boolean {
  switch (target.kind) {
    case 'variable':
      return declared.variables.has(target.name);
    case 'local':
      return declared.locals.has(target.name);
    case 'module':
      return declared.modules.has(target.name);
    default:
      return declared.objects.has(target.text);
  }
}

/** How the target's declaration starts, to find it in a comment. */
function declarationPattern(target: Target): RegExp {
  switch (target.kind) {
    case 'variable':
      return new RegExp(`\\bvariable\\s+"${escape(target.name)}"`);
    case 'module':
      return new RegExp(`\\bmodule\\s+"${escape(target.name)}"`);
    case 'local':
      // Only inside a commented-out `locals` block: `name =` alone is any argument.
      return new RegExp(`\\blocals\\s*\\{[\\s\\S]*?(^|[\\s{])${escape(target.name)}\\s*=`, 'm');
    default:
      return new RegExp(`\\b${target.kind}\\s+"${escape(target.type)}"\\s+"${escape(target.name)}"`);
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The comment that holds the target's declaration (a commented-out block), if any. */
function commentedDeclaration(module: TfModule, target: Target): Range | undefined {
  const pattern = declarationPattern(target);
  for (const file of module.files) for (const comment of file.comments) if (pattern.test(comment.text)) return comment.range;
  return undefined;
}

const KIND_WORD: Record<Target['kind'], string> = {
  variable: 'variable',
  local: 'local value',
  module: 'module call',
  resource: 'resource',
  data: 'data source',
  ephemeral: 'ephemeral resource',
};

/** Attributes whose expressions are not references to objects of the module. */
function skipped(block: Block, attribute: Attribute, parent: Block | undefined): boolean {
  const name = attribute.name;
  if (block.type === 'variable' && name === 'type') return true;
  if (block.type === 'lifecycle' && name === 'ignore_changes') return true;
  // Provider configurations (`kubernetes.hestia`), not resources.
  if ((name === 'provider' || name === 'providers') && parent === undefined) return true;
  // A `moved`/`removed` block names an address that is, on purpose, no longer declared.
  if ((block.type === 'moved' || block.type === 'removed') && name === 'from') return true;
  // An `import` into a child module names a resource of that module, not an output of it.
  if (block.type === 'import' && name === 'to' && /^\s*module\./.test(attribute.exprText)) return true;
  return false;
}

interface Site {
  reference: string;
  range: Range;
}

/** Every reference of a block and its nested blocks that is not bound by an enclosing `dynamic` iterator. */
function referenceSites(top: Block): Site[] {
  const sites: Site[] = [];
  const visit = (block: Block, parent: Block | undefined, bound: ReadonlySet<string>): void => {
    const inner = block.dynamic && block.iterator !== undefined ? new Set([...bound, block.iterator]) : bound;
    for (const attribute of ownExpressions(block)) {
      if (skipped(block, attribute, parent)) continue;
      // The `for_each` of a dynamic block is evaluated outside its own iterator.
      const scope = attribute === block.forEach ? bound : inner;
      for (const [reference, range] of attribute.referenceSites()) {
        if (!scope.has(rootName(reference))) sites.push({ reference, range });
      }
    }
    for (const child of block.blocks) visit(child, block, inner);
  };
  visit(top, undefined, new Set());
  return sites;
}

type Report = (descriptor: ReportDescriptor<'undeclared' | 'commentedOut' | 'output'>) => void;

function checkReferences(module: TfModule, report: Report): void {
  const declared = declaredIn(module);
  for (const top of module.blocks) {
    if (SKIPPED_BLOCKS.has(top.type)) continue;
    for (const site of referenceSites(top)) {
      if (BUILT_IN_ROOTS.has(rootName(site.reference))) continue;
      const target = targetOf(site.reference);
      if (!target || isDeclared(target, declared)) continue;
      const commented = commentedDeclaration(module, target);
      const where = commented ? `${path.basename(commented.file)}:${commented.line}` : '';
      const data = { kind: KIND_WORD[target.kind], name: target.text, where };
      report({ messageId: commented ? 'commentedOut' : 'undeclared', data, range: site.range, address: target.text });
    }
  }
}

/**
 * Outputs of this module that its caller reads but the module does not declare
 * (`module.web.url` with no `output "url"`). Checked from the called instance,
 * which knows its outputs; reported where the caller reads them.
 */
function checkCallerOutputs(module: TfModule, report: Report): void {
  const caller = module.caller;
  if (!caller || module.parseErrors.length > 0) return;
  const outputs = new Set(module.outputs.map((o) => o.name));
  const prefix = `module.${caller.call.name}`;
  for (const top of caller.module.blocks) {
    if (SKIPPED_BLOCKS.has(top.type)) continue;
    for (const site of referenceSites(top)) {
      const [root, call, output] = leadingNames(site.reference);
      if (root !== 'module' || call !== caller.call.name || output === undefined || output === '' || outputs.has(output)) continue;
      report({
        messageId: 'output',
        data: { name: `${prefix}.${output}`, output, module: caller.call.name },
        range: site.range,
        address: prefix,
      });
    }
  }
}

export default createRule({
  id: 'terraform/undefined-reference',
  defaultSeverity: 'error',
  summary: 'Every var., local., module., resource and data source reference names something the module declares',
  messages: {
    undeclared: '{{name}} refers to a {{kind}} this module does not declare: declare it or fix the reference',
    commentedOut:
      '{{name}} refers to a {{kind}} that is only declared inside a comment ({{where}}): a commented-out block is not declared; restore it or remove the reference',
    output: '{{name}} reads an output "{{output}}" that module "{{module}}" does not declare: add the output to the module or fix the name',
  },
  check(context) {
    const report: Report = (descriptor) => context.report(descriptor);
    checkReferences(context.module, report);
    checkCallerOutputs(context.module, report);
  },
});
