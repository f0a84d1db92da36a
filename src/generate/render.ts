import Handlebars from 'handlebars';
import fs from 'node:fs';
import path from 'node:path';
import { attributes, expr, hcl, objectKey, type HclValue } from '../hcl/encode';

/**
 * The Handlebars environment: templates in `templates/hcl/`, one per output file,
 * and partials in `templates/hcl/partials/`, registered once. Strict mode (a
 * missing field is an error, not an empty string) and no HTML escaping.
 */

export const TEMPLATES = {
  main: 'main.tf.hbs',
  variables: 'variables.tf.hbs',
  outputs: 'outputs.tf.hbs',
  versions: 'versions.tf.hbs',
  secrets: 'secrets.tf.hbs',
  rbac: 'rbac.tf.hbs',
  kubernetes: 'kubernetes.tf.hbs',
  objects: 'objects.tf.hbs',
} as const;

export type TemplateName = keyof typeof TEMPLATES;

export const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'templates', 'hcl');

let environment: { hb: typeof Handlebars; compiled: Map<TemplateName, HandlebarsTemplateDelegate> } | undefined;

function setup(): NonNullable<typeof environment> {
  if (environment) return environment;
  const hb = Handlebars.create();
  hb.registerHelper('hcl', (value: HclValue) => hcl(value));
  hb.registerHelper('hclHeredoc', (value: HclValue) => hcl(value, { heredoc: true }));
  hb.registerHelper('attrs', (value: Record<string, HclValue | undefined>) => attributes(value));
  hb.registerHelper('body', (value: Record<string, HclValue | undefined>) => {
    const lines = attributes(value);
    return lines === '' ? '{}' : `{\n${lines}\n}`;
  });
  hb.registerHelper('key', (value: string) => objectKey(value));
  hb.registerHelper('expr', (text: string) => expr(text));
  hb.registerHelper('list', (...args: unknown[]) => args.slice(0, -1));
  hb.registerHelper('present', (value: unknown) => value !== null && value !== undefined);
  hb.registerHelper('isFalse', (value: unknown) => value === false);
  hb.registerHelper('isMoved', (value: unknown) => value === 'moved');
  hb.registerHelper('comment', (text: string) => commentLines(text));
  const partialDir = path.join(TEMPLATE_DIR, 'partials');
  for (const file of fs.readdirSync(partialDir).sort()) {
    if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -4), fs.readFileSync(path.join(partialDir, file), 'utf8'));
  }
  environment = { hb, compiled: new Map() };
  return environment;
}

export function render(name: TemplateName, view: object): string {
  const env = setup();
  let template = env.compiled.get(name);
  if (!template) {
    const source = fs.readFileSync(path.join(TEMPLATE_DIR, TEMPLATES[name]), 'utf8');
    template = env.hb.compile(source, { strict: true, noEscape: true, preventIndent: true });
    env.compiled.set(name, template);
  }
  return tidy(template(view));
}

/** `# ` comment lines for free text, wrapped at 100 columns. */
export function commentLines(text: string, width = 100): string {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '#';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line.length > 1 && line.length + 1 + word.length > width) {
        lines.push(line);
        line = '#';
      }
      line += ` ${word}`;
    }
    lines.push(line);
  }
  return lines.join('\n');
}

/**
 * Blank-line hygiene that `terraform fmt` leaves alone: one blank line at most
 * between items, none after an opening brace or before a closing one, a single
 * final newline. Heredoc bodies are kept exactly.
 */
export function tidy(text: string): string {
  const out: string[] = [];
  let heredocEnd: string | undefined;
  for (const line of text.split('\n')) {
    if (heredocEnd !== undefined) {
      out.push(line);
      if (line.trim() === heredocEnd) heredocEnd = undefined;
      continue;
    }
    const opener = /<<-?([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(line);
    if (opener) heredocEnd = opener[1];
    const blank = line.trim() === '';
    const previous = out[out.length - 1];
    if (blank && (previous === undefined || previous.trim() === '' || /[{[(]\s*$/.test(previous))) continue;
    if (!blank && /^\s*[}\])]/.test(line) && previous !== undefined && previous.trim() === '') out.pop();
    out.push(line.trimEnd());
  }
  while (out.length > 0 && (out[out.length - 1] as string).trim() === '') out.pop();
  return `${out.join('\n')}\n`;
}
