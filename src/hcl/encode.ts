/**
 * Encoding of values as HCL native syntax. Every string that reaches a template
 * goes through here, so no spec value can inject HCL: quotes, backslashes and
 * control characters are escaped, and template sequences `${` / `%{` become the
 * literal `$${` / `%%{`.
 */

/** A piece of HCL written as is: a reference (`var.namespace`) or a function call. */
export class Expr {
  constructor(readonly text: string) {}
}

/** A string template mixing literal text and expressions: `"${local.app_name}-secrets"`. */
export class Template {
  constructor(readonly parts: ReadonlyArray<string | Expr>) {}
}

export type HclValue =
  string | number | boolean | null | Expr | Template | readonly HclValue[] | { readonly [key: string]: HclValue | undefined };

export const expr = (text: string): Expr => new Expr(text);
export const template = (...parts: Array<string | Expr>): Template => new Template(parts);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED = new Set(['true', 'false', 'null', 'for', 'in', 'if', 'else', 'endif', 'endfor']);

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED.has(name);
}

/** A Terraform resource or variable name: snake_case from any service or file name. */
export function toIdentifier(name: string): string {
  const snake = name
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
  if (snake === '') throw new Error(`cannot make an identifier of ${JSON.stringify(name)}`);
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}

/** Escape literal text for use inside a quoted HCL template. */
export function escapeTemplateText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    switch (ch) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '$':
      case '%':
        // `${` and `%{` open template sequences; doubling the sigil makes them literal.
        out += next === '{' ? ch + ch : ch;
        break;
      default: {
        const code = ch.charCodeAt(0);
        if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || code === 0x2028 || code === 0x2029) {
          out += `\\u${code.toString(16).padStart(4, '0')}`;
        } else {
          out += ch;
        }
      }
    }
  }
  return out;
}

export function quote(text: string): string {
  return `"${escapeTemplateText(text)}"`;
}

function renderTemplate(t: Template): string {
  return `"${t.parts.map((p) => (p instanceof Expr ? `\${${p.text}}` : escapeTemplateText(p))).join('')}"`;
}

/**
 * A heredoc is more readable than `\n` escapes for multi-line text. It keeps the
 * text exact only when the text ends with a newline, has no other control
 * characters, no carriage returns and no line equal to the marker. `<<EOT`
 * (not `<<-EOT`) so that the text's own indentation is kept.
 */
export function heredocFor(text: string, marker = 'EOT'): string | undefined {
  if (!text.endsWith('\n') || text.length < 2) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are what a heredoc cannot carry
  if (/[\u0000-\u0008\u000b-\u001f\u007f\u2028\u2029]/.test(text)) return undefined;
  const lines = text.slice(0, -1).split('\n');
  if (lines.length < 2) return undefined;
  if (lines.some((line) => line.trim() === marker)) return undefined;
  const body = lines.map((line) => line.replace(/([$%])\{/g, '$1$1{')).join('\n');
  return `<<${marker}\n${body}\n${marker}`;
}

/**
 * Render a value as an HCL expression. Objects and lists with more than one
 * element go on several lines; `terraform fmt` aligns them afterwards.
 */
export function hcl(value: HclValue, options: { heredoc?: boolean } = {}): string {
  if (value === null) return 'null';
  if (value instanceof Expr) return value.text;
  if (value instanceof Template) return renderTemplate(value);
  switch (typeof value) {
    case 'string':
      return (options.heredoc ? heredocFor(value) : undefined) ?? quote(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`cannot write ${value} in HCL`);
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      break;
  }
  if (Array.isArray(value)) return renderList(value as readonly HclValue[], options);
  return renderObject(value as { readonly [key: string]: HclValue | undefined }, options);
}

function renderList(items: readonly HclValue[], options: { heredoc?: boolean }): string {
  if (items.length === 0) return '[]';
  const rendered = items.map((item) => hcl(item, options));
  const simple = items.every((item) => item === null || typeof item !== 'object' || item instanceof Expr || item instanceof Template);
  if (simple && rendered.every((r) => !r.includes('\n'))) {
    const line = `[${rendered.join(', ')}]`;
    if (line.length <= 100) return line;
  }
  return `[\n${rendered.map((r) => `${r},`).join('\n')}\n]`;
}

export function objectKey(key: string): string {
  return isIdentifier(key) ? key : quote(key);
}

function renderObject(object: { readonly [key: string]: HclValue | undefined }, options: { heredoc?: boolean }): string {
  const entries = Object.entries(object).filter((entry): entry is [string, HclValue] => entry[1] !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, v]) => `${objectKey(key)} = ${hcl(v, options)}`).join('\n')}\n}`;
}

/** `name = value` lines for a block body, skipping undefined values. */
export function attributes(object: { readonly [key: string]: HclValue | undefined }, options: { heredoc?: boolean } = {}): string {
  return Object.entries(object)
    .filter((entry): entry is [string, HclValue] => entry[1] !== undefined)
    .map(([key, v]) => `${objectKey(key)} = ${hcl(v, options)}`)
    .join('\n');
}
