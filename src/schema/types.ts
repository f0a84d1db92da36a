/**
 * Terraform type constraints (`string`, `list(number)`, `object({ a = optional(string) })`)
 * and the question the type rules ask: does a literal written in the
 * configuration convert to the type? Conversion follows Terraform's (cty's)
 * rules: numbers and bools become strings, a numeric string becomes a number,
 * `"true"`/`"false"` become bools, objects lose attributes the type does not
 * name; nothing turns a list into a string or a string into a list.
 */
import type { Range } from '../hcl/syntax';
import type { LVal } from '../terraform/types';
import { entryOf, within } from '../terraform/values';

export type TypeExpr =
  | { kind: 'string' | 'number' | 'bool' | 'any' }
  | { kind: 'list' | 'set' | 'map'; element: TypeExpr }
  | { kind: 'object'; attributes: ReadonlyMap<string, { type: TypeExpr; optional: boolean }> }
  | { kind: 'tuple'; elements: TypeExpr[] };

// ---------------------------------------------------------------------------
// Parsing a type expression from its source text.

const TOKEN = /\s+|#[^\n]*|\/\/[^\n]*|\/\*[\s\S]*?\*\/|"(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\S/gy;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const token = m[0];
    if (!/^\s/.test(token) && !token.startsWith('#') && !token.startsWith('//') && !token.startsWith('/*')) tokens.push(token);
    if (TOKEN.lastIndex >= text.length) break;
  }
  return tokens;
}

class TypeParser {
  private at = 0;
  constructor(private readonly tokens: string[]) {}

  parse(): TypeExpr | undefined {
    const type = this.type();
    return this.at === this.tokens.length ? type : undefined;
  }

  private next(): string | undefined {
    return this.tokens[this.at++];
  }

  private expect(token: string): boolean {
    return this.next() === token;
  }

  private type(): TypeExpr | undefined {
    const name = this.next();
    switch (name) {
      case 'string':
      case 'number':
      case 'bool':
      case 'any':
        return { kind: name };
      case 'list':
      case 'set':
      case 'map': {
        if (!this.expect('(')) return undefined;
        const element = this.type();
        return element && this.expect(')') ? { kind: name, element } : undefined;
      }
      case 'object':
        return this.object();
      case 'tuple':
        return this.tuple();
      default:
        return undefined;
    }
  }

  private object(): TypeExpr | undefined {
    if (!this.expect('(') || !this.expect('{')) return undefined;
    const attributes = new Map<string, { type: TypeExpr; optional: boolean }>();
    while (this.tokens[this.at] !== '}') {
      const key = this.next();
      const separator = this.next();
      if (key === undefined || (separator !== '=' && separator !== ':')) return undefined;
      const attribute = this.attributeType();
      if (!attribute) return undefined;
      attributes.set(key.startsWith('"') ? (JSON.parse(key) as string) : key, attribute);
      if (this.tokens[this.at] === ',') this.at++;
    }
    this.at++;
    return this.expect(')') ? { kind: 'object', attributes } : undefined;
  }

  /** `type` or `optional(type[, default])`; the default is skipped. */
  private attributeType(): { type: TypeExpr; optional: boolean } | undefined {
    if (this.tokens[this.at] !== 'optional') {
      const type = this.type();
      return type && { type, optional: false };
    }
    this.at++;
    if (!this.expect('(')) return undefined;
    const type = this.type();
    if (!type) return undefined;
    if (this.tokens[this.at] === ',') this.skipUntilClose();
    return this.expect(')') ? { type, optional: true } : undefined;
  }

  /** Skip a default value up to (not past) the `)` that closes `optional(`. */
  private skipUntilClose(): void {
    let depth = 0;
    while (this.at < this.tokens.length) {
      const token = this.tokens[this.at]!;
      if (depth === 0 && token === ')') return;
      if (token === '(' || token === '{' || token === '[') depth++;
      if (token === ')' || token === '}' || token === ']') depth--;
      this.at++;
    }
  }

  private tuple(): TypeExpr | undefined {
    if (!this.expect('(') || !this.expect('[')) return undefined;
    const elements: TypeExpr[] = [];
    while (this.tokens[this.at] !== ']') {
      const element = this.type();
      if (!element) return undefined;
      elements.push(element);
      if (this.tokens[this.at] === ',') this.at++;
    }
    this.at++;
    return this.expect(')') ? { kind: 'tuple', elements } : undefined;
  }
}

/** The type a constraint's source text denotes; undefined when it is not a type expression this reads. */
export function parseTypeExpr(text: string): TypeExpr | undefined {
  return new TypeParser(tokenize(text)).parse();
}

export function typeText(type: TypeExpr): string {
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind}(${typeText(type.element)})`;
    case 'object':
      return `object({${[...type.attributes].map(([name, a]) => `${name} = ${a.optional ? `optional(${typeText(a.type)})` : typeText(a.type)}`).join(', ')}})`;
    case 'tuple':
      return `tuple([${type.elements.map(typeText).join(', ')}])`;
    default:
      return type.kind;
  }
}

// ---------------------------------------------------------------------------
// Conversion of literals.

export interface TypeProblem {
  /** The offending literal (or the object missing an attribute). */
  range: Range;
  /** Where in the value, after the argument's name: `""`, `[1]`, `.host`, `["key"]`. */
  path: string;
  expected: string;
  /** What was written instead, e.g. `the string "two"`. */
  found: string;
}

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BOOL_TEXT = new Set(['true', 'false', '1', '0']);

function describe(value: LVal): string {
  switch (value.kind) {
    case 'string':
      return `the string ${JSON.stringify(value.value.length > 40 ? `${value.value.slice(0, 37)}...` : value.value)}`;
    case 'number':
      return `the number ${value.value}`;
    case 'bool':
      return `the bool ${value.value}`;
    case 'tuple':
      return 'a list';
    case 'object':
      return 'an object';
    default:
      return 'a value';
  }
}

function primitiveConverts(value: LVal, kind: 'string' | 'number' | 'bool'): boolean {
  if (value.kind === kind) return true;
  if (kind === 'string') return value.kind === 'number' || value.kind === 'bool';
  if (value.kind !== 'string') return false;
  return kind === 'number' ? NUMBER_TEXT.test(value.value) : BOOL_TEXT.has(value.value);
}

const QUOTE = 0x22;
const BRACKET = 0x5b;
const BRACE = 0x7b;
/** How a literal starts: a string, heredoc, list, object, number (digit, `-`, `.`), or `true`/`false`/`null`. */
const LITERAL_FIRST = new Set([QUOTE, BRACKET, BRACE, 0x3c, 0x2d, 0x2e, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]);
const KEYWORD_LITERAL = /^(true|false|null)$/;
const NUMBER_LITERAL = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * A cheap look at an expression's source before evaluating it: false when it
 * cannot be a mistyped literal, either because it is no literal (a reference,
 * a function call, a conditional) or because every literal of its shape
 * converts (any string, number or bool becomes a string; a number literal is a
 * number). Most arguments are one or the other, so most are never evaluated
 * here; the rest are evaluated once per run whichever rule asks first.
 */
export function mayMismatch(exprText: string, type: TypeExpr): boolean {
  if (type.kind === 'any') return false;
  const first = exprText.charCodeAt(0);
  if (type.kind === 'string') return first === BRACKET || first === BRACE;
  if (!LITERAL_FIRST.has(first) && !KEYWORD_LITERAL.test(exprText)) return false;
  if (type.kind === 'number') return !NUMBER_LITERAL.test(exprText);
  if (type.kind === 'bool') return exprText !== 'true' && exprText !== 'false';
  return true;
}

/** `.name` for a plain key, `["a.b"]` for any other. */
function keyStep(key: string): string {
  return /^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/**
 * Where a value fails to convert to a type, looking only at literals written
 * inside `literalIn` (the attribute's own expression): a value that came from a
 * variable or local is that declaration's business, and unknowns are never
 * reported.
 */
export function typeProblems(value: LVal, type: TypeExpr, literalIn: Range, path = ''): TypeProblem[] {
  if (value.kind === 'unknown' || value.kind === 'null' || type.kind === 'any' || !within(value.range, literalIn)) return [];
  const problem = (): TypeProblem[] => [{ range: value.range, path, expected: typeText(type), found: describe(value) }];
  switch (type.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return primitiveConverts(value, type.kind) ? [] : problem();
    case 'list':
    case 'set':
      return value.kind === 'tuple' ? value.items.flatMap((item, index) => typeProblems(item, type.element, literalIn, `${path}[${index}]`)) : problem();
    case 'map':
      return value.kind === 'object' ? value.entries.flatMap((entry) => typeProblems(entry.value, type.element, literalIn, `${path}${keyStep(entry.key)}`)) : problem();
    case 'tuple':
      if (value.kind !== 'tuple' || value.items.length !== type.elements.length) return problem();
      return value.items.flatMap((item, index) => typeProblems(item, type.elements[index]!, literalIn, `${path}[${index}]`));
    case 'object':
      return value.kind === 'object' ? objectProblems(value, type, literalIn, path) : problem();
  }
}

function objectProblems(value: Extract<LVal, { kind: 'object' }>, type: Extract<TypeExpr, { kind: 'object' }>, literalIn: Range, path: string): TypeProblem[] {
  const problems: TypeProblem[] = [];
  for (const [name, attribute] of type.attributes) {
    const entry = entryOf(value, name);
    if (entry) problems.push(...typeProblems(entry.value, attribute.type, literalIn, `${path}.${name}`));
    else if (!attribute.optional) problems.push({ range: value.range, path, expected: typeText(type), found: `an object without "${name}"` });
  }
  return problems;
}
