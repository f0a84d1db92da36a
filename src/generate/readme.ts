import path from 'node:path';
import { moduleDocs } from '../terraform/module-docs';
import { moduleFromSources } from '../terraform/load';
import type { TfModule } from '../terraform/types';
import { docsHeader, header, seal } from './header';
import { renderMarkdown } from './markdown';
import { readmeView } from './view/readme';

/**
 * A module's README.md: what it is, a Mermaid picture of its objects, its
 * hostnames, the secret store paths it reads, its inputs and outputs. It is
 * read from the module model, the same way for a generated module (its
 * rendered files) and a hand-written one (`gen-modules docs`).
 */

export interface ReadmeOrigin {
  /** The spec a generated module comes from; undefined for `gen-modules docs`. */
  spec?: string;
  title: string;
  description: string | undefined;
}

/** The sealed README of a module. */
export function renderReadme(module: TfModule, origin: ReadmeOrigin): string {
  const view = readmeView({ title: origin.title, description: origin.description, docs: moduleDocs(module) });
  return seal(renderMarkdown('readme', { header: origin.spec === undefined ? docsHeader() : header(origin.spec, 'html'), ...view }));
}

/** The README of a module rendered in memory: its `.tf` files by name (`main.tf` → text). */
export function renderedModuleReadme(dir: string, files: ReadonlyArray<[string, string]>, origin: ReadmeOrigin): string {
  const absolute = path.resolve('/', dir);
  const module = moduleFromSources(absolute, new Map(files.map(([name, text]) => [path.join(absolute, name), text])));
  return renderReadme(module, origin);
}
