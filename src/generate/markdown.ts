import Handlebars from 'handlebars';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The Handlebars environment of the Markdown files gen-modules writes: templates
 * in `templates/markdown/`, one per output file, partials in
 * `templates/markdown/partials/`. Strict mode and no HTML escaping: the view
 * model escapes for Markdown and Mermaid itself.
 */

export const MARKDOWN_TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'templates', 'markdown');

let environment: { hb: typeof Handlebars; compiled: Map<string, HandlebarsTemplateDelegate> } | undefined;

function setup(): NonNullable<typeof environment> {
  if (environment) return environment;
  const hb = Handlebars.create();
  const partialDir = path.join(MARKDOWN_TEMPLATE_DIR, 'partials');
  for (const file of fs.readdirSync(partialDir).sort()) {
    if (file.endsWith('.hbs')) hb.registerPartial(file.slice(0, -4), fs.readFileSync(path.join(partialDir, file), 'utf8'));
  }
  environment = { hb, compiled: new Map() };
  return environment;
}

/** Render `templates/markdown/<file>.hbs` (e.g. `README.md`) with a view. */
export function renderMarkdown(file: string, view: object): string {
  const env = setup();
  let template = env.compiled.get(file);
  if (!template) {
    const source = fs.readFileSync(path.join(MARKDOWN_TEMPLATE_DIR, `${file}.hbs`), 'utf8');
    template = env.hb.compile(source, { strict: true, noEscape: true });
    env.compiled.set(file, template);
  }
  return tidyMarkdown(template(view));
}

/** One blank line at most between blocks, no trailing spaces, a single final newline. */
export function tidyMarkdown(text: string): string {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return `${out.join('\n')}\n`;
}
