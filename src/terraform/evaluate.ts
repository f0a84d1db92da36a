/**
 * Static evaluation of HCL expressions.
 *
 * Whatever cannot be known without running Terraform (resource attributes,
 * `count.index`, unsupported functions...) becomes `unknown`; unknown is
 * contagious and never throws. Values keep the range where they are written.
 */
import type { Expr, Range, Step, TemplatePart } from '../hcl/syntax';
import { compareText } from '../util/compare';
import type { LEntry, LVal } from './types';
import { asText, entryOf, isWhollyKnown, numberText, str, toJson, toYaml, unknown, valuesEqual } from './values';

/** What a module instance provides to its expressions. */
export interface Scope {
  /** `var.<name>`; `undefined` when no such variable is declared. */
  variable(name: string): LVal | undefined;
  /** `local.<name>`; `undefined` when no such local is declared. */
  local(name: string): LVal | undefined;
}

type Bindings = ReadonlyMap<string, LVal>;

const NO_BINDINGS: Bindings = new Map();

export function evaluate(expr: Expr, scope: Scope, bindings: Bindings = NO_BINDINGS): LVal {
  return new Evaluator(scope).eval(expr, bindings);
}

class Evaluator {
  constructor(private readonly scope: Scope) {}

  eval(expr: Expr, env: Bindings): LVal {
    switch (expr.t) {
      case 'literal':
        return literal(expr.value, expr.range);
      case 'template':
        return this.template(expr.parts, expr.range, env);
      case 'tuple':
        return { kind: 'tuple', items: expr.items.map((item) => this.eval(item, env)), range: expr.range };
      case 'object':
        return this.object(expr, env);
      case 'variable':
      case 'traversal':
        return this.reference(expr, env);
      case 'call':
        return this.call(expr, env);
      case 'for':
        return this.forExpr(expr, env);
      case 'unary':
        return this.unary(expr.op, this.eval(expr.operand, env), expr.range);
      case 'binary':
        return this.binary(expr.op, this.eval(expr.left, env), this.eval(expr.right, env), expr.range);
      case 'conditional': {
        const cond = this.eval(expr.cond, env);
        if (cond.kind !== 'bool') return unknown(expr.range);
        return this.eval(cond.value ? expr.then : expr.else, env);
      }
      case 'paren':
        return this.eval(expr.inner, env);
      case 'invalid':
        return unknown(expr.range);
    }
  }

  private object(expr: Extract<Expr, { t: 'object' }>, env: Bindings): LVal {
    const entries: LEntry[] = [];
    for (const item of expr.entries) {
      const key = asText(this.eval(item.key, env));
      if (key === undefined) return unknown(expr.range);
      entries.push({ key, keyRange: item.key.range, value: this.eval(item.value, env) });
    }
    return { kind: 'object', entries, range: expr.range };
  }

  // -- references -------------------------------------------------------------

  private reference(expr: Extract<Expr, { t: 'variable' | 'traversal' }>, env: Bindings): LVal {
    const target = expr.t === 'traversal' ? expr.target : expr;
    let steps = expr.t === 'traversal' ? expr.steps : [];
    let value: LVal;
    if (target.t !== 'variable') {
      value = this.eval(target, env);
    } else if (env.has(target.name)) {
      value = env.get(target.name)!;
    } else {
      const first = steps[0];
      const resolved = first?.t === 'attr' ? this.namedValue(target.name, first.name) : undefined;
      if (resolved) {
        value = resolved;
        steps = steps.slice(1);
      } else {
        return unknown(expr.range, traversalText(target.name, steps));
      }
    }
    for (const step of steps) value = this.applyStep(value, step, expr.range, env);
    return value;
  }

  private namedValue(root: string, name: string): LVal | undefined {
    if (root === 'var') return this.scope.variable(name);
    if (root === 'local') return this.scope.local(name);
    return undefined;
  }

  private applyStep(value: LVal, step: Step, range: Range, env: Bindings): LVal {
    if (step.t === 'splat') {
      if (value.kind === 'unknown') return unknown(range);
      if (value.kind === 'null') return { kind: 'tuple', items: [], range };
      const items = value.kind === 'tuple' ? value.items : [value];
      return {
        kind: 'tuple',
        items: items.map((item) => step.steps.reduce((acc, inner) => this.applyStep(acc, inner, range, env), item)),
        range,
      };
    }
    if (value.kind === 'unknown') return unknown(range, value.ref !== undefined ? extendRef(value.ref, step) : undefined);
    const key = step.t === 'attr' ? str(step.name, step.range) : this.eval(step.key, env);
    return indexValue(value, key, range);
  }

  // -- templates --------------------------------------------------------------

  private template(parts: TemplatePart[], range: Range, env: Bindings): LVal {
    const text = this.templateText(parts, env);
    return text === undefined ? unknown(range) : str(text, range);
  }

  private templateText(parts: TemplatePart[], env: Bindings): string | undefined {
    let out = '';
    for (const part of parts) {
      const piece = this.templatePart(part, env);
      if (piece === undefined) return undefined;
      out += piece;
    }
    return out;
  }

  private templatePart(part: TemplatePart, env: Bindings): string | undefined {
    switch (part.t) {
      case 'text':
        return part.text;
      case 'interp':
        return asText(this.eval(part.expr, env));
      case 'if': {
        const cond = this.eval(part.cond, env);
        if (cond.kind !== 'bool') return undefined;
        return this.templateText(cond.value ? part.then : part.else, env);
      }
      case 'for': {
        const pairs = iterationPairs(this.eval(part.collection, env));
        if (!pairs) return undefined;
        let out = '';
        for (const [key, item] of pairs) {
          const piece = this.templateText(part.body, bind(env, part.keyVar, key, part.valueVar, item));
          if (piece === undefined) return undefined;
          out += piece;
        }
        return out;
      }
    }
  }

  // -- for expressions ----------------------------------------------------------

  private forExpr(expr: Extract<Expr, { t: 'for' }>, env: Bindings): LVal {
    const pairs = iterationPairs(this.eval(expr.collection, env));
    if (!pairs) return unknown(expr.range);
    const items: LVal[] = [];
    const entries: LEntry[] = [];
    for (const [key, item] of pairs) {
      const inner = bind(env, expr.keyVar, key, expr.valueVar, item);
      if (expr.cond) {
        const keep = this.eval(expr.cond, inner);
        if (keep.kind !== 'bool') return unknown(expr.range);
        if (!keep.value) continue;
      }
      if (!expr.key) {
        items.push(this.eval(expr.value, inner));
        continue;
      }
      const name = asText(this.eval(expr.key, inner));
      if (name === undefined) return unknown(expr.range);
      entries.push({ key: name, keyRange: expr.key.range, value: this.eval(expr.value, inner) });
    }
    if (!expr.key) return { kind: 'tuple', items, range: expr.range };
    return { kind: 'object', entries: expr.grouped ? groupEntries(entries, expr.range) : entries, range: expr.range };
  }

  // -- operators ------------------------------------------------------------------

  private unary(op: string, operand: LVal, range: Range): LVal {
    if (op === '!' && operand.kind === 'bool') return { kind: 'bool', value: !operand.value, range };
    if (op === '-' && operand.kind === 'number') return { kind: 'number', value: -operand.value, range };
    return unknown(range);
  }

  private binary(op: string, left: LVal, right: LVal, range: Range): LVal {
    if (op === '==' || op === '!=') {
      const equal = valuesEqual(left, right);
      return equal === undefined ? unknown(range) : { kind: 'bool', value: op === '==' ? equal : !equal, range };
    }
    if (op === '&&' || op === '||') {
      if (left.kind !== 'bool' || right.kind !== 'bool') return unknown(range);
      return { kind: 'bool', value: op === '&&' ? left.value && right.value : left.value || right.value, range };
    }
    const a = toNumber(left);
    const b = toNumber(right);
    if (a === undefined || b === undefined) return unknown(range);
    const result = arithmetic(op, a, b);
    if (result === undefined) return unknown(range);
    return typeof result === 'boolean' ? { kind: 'bool', value: result, range } : { kind: 'number', value: result, range };
  }

  // -- functions ------------------------------------------------------------------

  private call(expr: Extract<Expr, { t: 'call' }>, env: Bindings): LVal {
    let args = expr.args.map((arg) => this.eval(arg, env));
    if (expr.expandFinal) {
      const last = args[args.length - 1];
      if (last?.kind !== 'tuple') return unknown(expr.range);
      args = [...args.slice(0, -1), ...last.items];
    }
    const fn = FUNCTIONS[expr.name];
    return fn ? fn(args, expr.range) : unknown(expr.range);
  }
}

function literal(value: string | number | boolean | null, range: Range): LVal {
  if (value === null) return { kind: 'null', range };
  if (typeof value === 'string') return str(value, range);
  if (typeof value === 'number') return { kind: 'number', value, range };
  return { kind: 'bool', value, range };
}

function bind(env: Bindings, keyVar: string | undefined, key: LVal, valueVar: string, value: LVal): Bindings {
  const next = new Map(env);
  if (keyVar !== undefined) next.set(keyVar, key);
  next.set(valueVar, value);
  return next;
}

/** Key/value pairs of a known collection (index → item for tuples). */
function iterationPairs(collection: LVal): Array<[LVal, LVal]> | undefined {
  if (collection.kind === 'tuple')
    return collection.items.map((item, index) => [{ kind: 'number', value: index, range: item.range }, item]);
  if (collection.kind === 'object') return collection.entries.map((entry) => [str(entry.key, entry.keyRange), entry.value]);
  return undefined;
}

function groupEntries(entries: LEntry[], range: Range): LEntry[] {
  const groups = new Map<string, LEntry & { value: Extract<LVal, { kind: 'tuple' }> }>();
  for (const entry of entries) {
    const group = groups.get(entry.key) ?? { key: entry.key, keyRange: entry.keyRange, value: { kind: 'tuple', items: [], range } };
    group.value.items.push(entry.value);
    groups.set(entry.key, group);
  }
  return [...groups.values()];
}

function indexValue(value: LVal, key: LVal, range: Range): LVal {
  if (key.kind === 'unknown') return unknown(range);
  if (value.kind === 'tuple') {
    const index = toNumber(key);
    const item = index === undefined ? undefined : value.items[index];
    return item ?? unknown(range);
  }
  if (value.kind === 'object') {
    const name = asText(key);
    const entry = name === undefined ? undefined : entryOf(value, name);
    return entry?.value ?? unknown(range);
  }
  return unknown(range);
}

function toNumber(value: LVal): number | undefined {
  if (value.kind === 'number') return value.value;
  if (value.kind === 'string' && value.value.trim() !== '' && Number.isFinite(Number(value.value))) return Number(value.value);
  return undefined;
}

function arithmetic(op: string, a: number, b: number): number | boolean | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? undefined : a / b;
    case '%':
      return b === 0 ? undefined : a % b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------
// Traversal text (`kubernetes_service_v1.web.metadata[0].name`)

function stepText(step: Step): string | undefined {
  if (step.t === 'attr') return `.${step.name}`;
  if (step.t === 'index' && step.key.t === 'literal') {
    const key = step.key.value;
    if (typeof key === 'number') return `[${numberText(key)}]`;
    if (typeof key === 'string') return `[${JSON.stringify(key)}]`;
  }
  return undefined;
}

/** The static part of a traversal: it stops at the first dynamic index or splat. */
export function traversalText(root: string, steps: Step[]): string {
  let text = root;
  for (const step of steps) {
    const piece = stepText(step);
    if (piece === undefined) break;
    text += piece;
  }
  return text;
}

function extendRef(ref: string, step: Step): string | undefined {
  const piece = stepText(step);
  return piece === undefined ? undefined : ref + piece;
}

/** Traversals an expression references, in source order, without duplicates (iteration variables excluded). */
export function referencesOf(expr: Expr): string[] {
  return [...referenceSitesOf(expr).keys()];
}

/** The traversals of `referencesOf`, each with the range of its first occurrence. */
export function referenceSitesOf(expr: Expr): Map<string, Range> {
  const found = new Map<string, Range>();
  collectReferences(expr, new Set(), found);
  return found;
}

function addReference(found: Map<string, Range>, text: string, range: Range): void {
  if (!found.has(text)) found.set(text, range);
}

function collectReferences(expr: Expr, bound: ReadonlySet<string>, found: Map<string, Range>): void {
  const visit = (inner: Expr, scope: ReadonlySet<string> = bound): void => collectReferences(inner, scope, found);
  switch (expr.t) {
    case 'variable':
      if (!bound.has(expr.name)) addReference(found, expr.name, expr.range);
      return;
    case 'traversal':
      if (expr.target.t === 'variable') {
        if (!bound.has(expr.target.name)) addReference(found, traversalText(expr.target.name, expr.steps), expr.range);
      } else {
        visit(expr.target);
      }
      for (const step of expr.steps) visitStep(step, visit);
      return;
    case 'template':
      for (const part of expr.parts) collectPartReferences(part, bound, found);
      return;
    case 'tuple':
      expr.items.forEach((item) => visit(item));
      return;
    case 'object':
      expr.entries.forEach((entry) => (visit(entry.key), visit(entry.value)));
      return;
    case 'call':
      expr.args.forEach((arg) => visit(arg));
      return;
    case 'for': {
      visit(expr.collection);
      const inner = new Set([...bound, expr.valueVar, ...(expr.keyVar ? [expr.keyVar] : [])]);
      for (const part of [expr.key, expr.value, expr.cond]) if (part) visit(part, inner);
      return;
    }
    case 'unary':
      visit(expr.operand);
      return;
    case 'binary':
      visit(expr.left);
      visit(expr.right);
      return;
    case 'conditional':
      visit(expr.cond);
      visit(expr.then);
      visit(expr.else);
      return;
    case 'paren':
      visit(expr.inner);
      return;
    case 'literal':
    case 'invalid':
      return;
  }
}

function visitStep(step: Step, visit: (expr: Expr) => void): void {
  if (step.t === 'index') visit(step.key);
  else if (step.t === 'splat') step.steps.forEach((inner) => visitStep(inner, visit));
}

function collectPartReferences(part: TemplatePart, bound: ReadonlySet<string>, found: Map<string, Range>): void {
  switch (part.t) {
    case 'text':
      return;
    case 'interp':
      collectReferences(part.expr, bound, found);
      return;
    case 'if':
      collectReferences(part.cond, bound, found);
      for (const inner of [...part.then, ...part.else]) collectPartReferences(inner, bound, found);
      return;
    case 'for': {
      collectReferences(part.collection, bound, found);
      const inner = new Set([...bound, part.valueVar, ...(part.keyVar ? [part.keyVar] : [])]);
      for (const piece of part.body) collectPartReferences(piece, inner, found);
      return;
    }
  }
}

// ---------------------------------------------------------------------------
// Functions

type Fn = (args: LVal[], range: Range) => LVal;

/** Wrap a function of known scalars/collections: any unknown argument makes the result unknown. */
function strict(fn: Fn): Fn {
  return (args, range) => (args.every(isWhollyKnown) ? fn(args, range) : unknown(range));
}

function stringFn(transform: (text: string) => string): Fn {
  return strict((args, range) => {
    const text = args.length === 1 ? asText(args[0]!) : undefined;
    return text === undefined ? unknown(range) : str(transform(text), range);
  });
}

function encode(encoding: 'yaml' | 'json'): Fn {
  return (args, range) => {
    const [arg] = args;
    if (!arg || args.length !== 1 || arg.kind === 'unknown') return unknown(range);
    const value = encoding === 'yaml' ? toYaml(arg) : toJson(arg);
    return { kind: 'string', value, range, encodedFrom: arg, encoding };
  };
}

function merge(args: LVal[], range: Range): LVal {
  const entries: LEntry[] = [];
  for (const arg of args) {
    if (arg.kind === 'null') continue;
    if (arg.kind !== 'object') return unknown(range);
    for (const entry of arg.entries) {
      const existing = entries.findIndex((candidate) => candidate.key === entry.key);
      if (existing >= 0) entries.splice(existing, 1);
      entries.push(entry);
    }
  }
  return { kind: 'object', entries, range };
}

function concat(args: LVal[], range: Range): LVal {
  const items: LVal[] = [];
  for (const arg of args) {
    if (arg.kind !== 'tuple') return unknown(range);
    items.push(...arg.items);
  }
  return { kind: 'tuple', items, range };
}

function lookup(args: LVal[], range: Range): LVal {
  const [map, key, fallback] = args;
  if (!map || !key || map.kind !== 'object') return unknown(range);
  const name = asText(key);
  if (name === undefined) return unknown(range);
  return entryOf(map, name)?.value ?? fallback ?? unknown(range);
}

function coalesce(args: LVal[], range: Range): LVal {
  for (const arg of args) {
    if (arg.kind === 'unknown') return unknown(range);
    if (arg.kind === 'null' || (arg.kind === 'string' && arg.value === '')) continue;
    return arg;
  }
  return unknown(range);
}

function join(args: LVal[], range: Range): LVal {
  const [separator, ...lists] = args;
  const sep = separator ? asText(separator) : undefined;
  if (sep === undefined) return unknown(range);
  const pieces: string[] = [];
  for (const list of lists) {
    if (list.kind !== 'tuple') return unknown(range);
    for (const item of list.items) {
      const text = asText(item);
      if (text === undefined) return unknown(range);
      pieces.push(text);
    }
  }
  return str(pieces.join(sep), range);
}

function format(args: LVal[], range: Range): LVal {
  const [spec, ...rest] = args;
  const pattern = spec?.kind === 'string' ? spec.value : undefined;
  if (pattern === undefined) return unknown(range);
  let next = 0;
  let failed = false;
  const text = pattern.replace(/%([%sdv])/g, (_whole, verb: string) => {
    if (verb === '%') return '%';
    const arg = rest[next++];
    const piece =
      arg === undefined
        ? undefined
        : verb === 'd'
          ? arg.kind === 'number' && Number.isInteger(arg.value)
            ? numberText(arg.value)
            : undefined
          : asText(arg);
    if (piece === undefined) failed = true;
    return piece ?? '';
  });
  // Any other verb (%q, %5.2f...) is not modelled.
  if (failed || /%[^%sdv]/.test(pattern.replace(/%%/g, ''))) return unknown(range);
  return str(text, range);
}

function toNumberFn(args: LVal[], range: Range): LVal {
  const [arg] = args;
  if (arg?.kind === 'null') return arg;
  const value = arg ? toNumber(arg) : undefined;
  return value === undefined ? unknown(range) : { kind: 'number', value, range };
}

function toStringFn(args: LVal[], range: Range): LVal {
  const [arg] = args;
  if (arg?.kind === 'null' || arg?.kind === 'string') return arg;
  const text = arg ? asText(arg) : undefined;
  return text === undefined ? unknown(range) : str(text, range);
}

function toList(args: LVal[], range: Range): LVal {
  const [arg] = args;
  return arg?.kind === 'tuple' ? { kind: 'tuple', items: arg.items, range } : unknown(range);
}

/** `toset`: duplicates removed; strings come out sorted, as Terraform orders a set of strings. */
function toSet(args: LVal[], range: Range): LVal {
  const [arg] = args;
  if (arg?.kind !== 'tuple' || !isWhollyKnown(arg)) return unknown(range);
  const items: LVal[] = [];
  for (const item of arg.items) if (!items.some((seen) => valuesEqual(seen, item))) items.push(item);
  if (items.every((item) => item.kind === 'string')) items.sort((a, b) => compareText(asText(a) ?? '', asText(b) ?? ''));
  return { kind: 'tuple', items, range };
}

function replace(args: LVal[], range: Range): LVal {
  const [subject, search, replacement] = args.map(asText);
  // A `/.../` search is a regular expression in RE2 syntax: not modelled.
  if (subject === undefined || search === undefined || replacement === undefined || /^\/.*\/$/.test(search)) return unknown(range);
  return str(search === '' ? subject : subject.split(search).join(replacement), range);
}

const FUNCTIONS: Record<string, Fn> = {
  merge: strictTop(merge),
  concat: strictTop(concat),
  lookup: strictTop(lookup),
  coalesce,
  join: strict(join),
  format: strict(format),
  lower: stringFn((text) => text.toLowerCase()),
  upper: stringFn((text) => text.toUpperCase()),
  tostring: strict(toStringFn),
  tonumber: strict(toNumberFn),
  tolist: strictTop(toList),
  toset: toSet,
  jsonencode: encode('json'),
  yamlencode: encode('yaml'),
  base64encode: stringFn((text) => Buffer.from(text, 'utf8').toString('base64')),
  replace: strict(replace),
};

/** Collection functions only need their arguments themselves known: unknown leaves pass through. */
function strictTop(fn: Fn): Fn {
  return (args, range) => (args.some((arg) => arg.kind === 'unknown') ? unknown(range) : fn(args, range));
}
