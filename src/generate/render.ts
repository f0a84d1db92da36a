import type HandlebarsNamespace from 'handlebars';
import path from 'node:path';
import { attributes, expr, hcl, objectKey, type HclValue } from '../hcl/encode';
import * as templateSet from './template-set';

/**
 * The Handlebars environment of the HCL files: templates in `templates/hcl/`,
 * one per output file, and partials in `templates/hcl/partials/` (a template set,
 * see `template-set.ts`: precompiled by the build into
 * `dist/generate/templates.js`). Strict mode (a missing field is an error, not
 * an empty string) and no HTML escaping.
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

/** Where the build writes the precompiled templates (beside this module in `dist/generate`). */
export const PRECOMPILED_FILE = path.resolve(__dirname, '..', 'generate', 'templates.js');

const COMPILE_OPTIONS = { strict: true, noEscape: true, preventIndent: true } as const;

type Handlebars = typeof HandlebarsNamespace;

export type TemplateSources = templateSet.TemplateSources<TemplateName>;
export type PrecompiledTemplates = templateSet.PrecompiledTemplates<TemplateName>;
export type Environment = templateSet.Environment<TemplateName>;

let environment: Environment | undefined;

/** Read every template and partial from `dir`. */
export function readTemplateSources(dir = TEMPLATE_DIR): TemplateSources {
  return templateSet.readTemplateSources(TEMPLATES, dir);
}

export const sourcesDigest = templateSet.sourcesDigest;

/** The module the build writes: every template and partial precompiled, with the digest of their sources. */
export function precompileTemplates(sources: TemplateSources): string {
  return templateSet.precompileTemplates(sources, COMPILE_OPTIONS, 'templates/hcl');
}

function registerHelpers(hb: Handlebars): void {
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
}

/** Templates precompiled by the build: only Handlebars' runtime is loaded. */
export function precompiledEnvironment(precompiled: PrecompiledTemplates): Environment {
  return templateSet.precompiledEnvironment(precompiled, registerHelpers);
}

/** Templates compiled at run time from their sources. */
export function compilingEnvironment(sources: TemplateSources): Environment {
  return templateSet.compilingEnvironment(sources, COMPILE_OPTIONS, registerHelpers);
}

/**
 * Render with these templates from now on (undefined: back to the ones found on
 * disk). For the checks that precompiled and compiled templates render alike.
 */
export function useTemplateEnvironment(env: Environment | undefined): void {
  environment = env;
}

function setup(): Environment {
  environment ??= templateSet.loadEnvironment({
    dir: TEMPLATE_DIR,
    files: TEMPLATES,
    precompiledFile: PRECOMPILED_FILE,
    compileOptions: COMPILE_OPTIONS,
    registerHelpers,
  });
  return environment;
}

export function render(name: TemplateName, view: object): string {
  return renderWith(setup(), name, view);
}

export function renderWith(env: Environment, name: TemplateName, view: object): string {
  return tidy(env.template(name)(view));
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
