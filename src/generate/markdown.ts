import path from 'node:path';
import { loadEnvironment, precompileTemplates, readTemplateSources, type Environment } from './template-set';

/**
 * The Handlebars environment of the Markdown files gen-modules writes: templates
 * in `templates/markdown/`, one per output file, partials in
 * `templates/markdown/partials/` (a template set, see `template-set.ts`:
 * precompiled by the build into `dist/generate/markdown-templates.js`). Strict
 * mode and no HTML escaping: the view model escapes for Markdown and Mermaid
 * itself.
 */

export const MARKDOWN_TEMPLATES = { readme: 'README.md.hbs' } as const;
export type MarkdownTemplate = keyof typeof MARKDOWN_TEMPLATES;

export const MARKDOWN_TEMPLATE_DIR = path.resolve(__dirname, '..', '..', 'templates', 'markdown');

/** Where the build writes the precompiled templates (in `dist/generate`). */
export const MARKDOWN_PRECOMPILED_FILE = path.resolve(__dirname, '..', 'generate', 'markdown-templates.js');

const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

let environment: Environment<MarkdownTemplate> | undefined;

/** The module the build writes: every Markdown template and partial precompiled, with the digest of their sources. */
export function precompileMarkdownTemplates(): string {
  return precompileTemplates(readTemplateSources(MARKDOWN_TEMPLATES, MARKDOWN_TEMPLATE_DIR), COMPILE_OPTIONS, 'templates/markdown');
}

function setup(): Environment<MarkdownTemplate> {
  environment ??= loadEnvironment({
    dir: MARKDOWN_TEMPLATE_DIR,
    files: MARKDOWN_TEMPLATES,
    precompiledFile: MARKDOWN_PRECOMPILED_FILE,
    compileOptions: COMPILE_OPTIONS,
  });
  return environment;
}

/** Render `templates/markdown/<file>.hbs` with a view. */
export function renderMarkdown(name: MarkdownTemplate, view: object): string {
  return tidyMarkdown(setup().template(name)(view));
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
