import { STORE_PATH, type DocNode, type ModuleDocs } from '../../terraform/module-docs';

/**
 * The view of a module's README (`templates/markdown/README.md.hbs`): tables
 * escaped for GitHub/GitLab Markdown and the Mermaid flowchart of the objects.
 */

export interface ReadmeSubject {
  /** The module's name (the service, or the folder). */
  title: string;
  /** What the service is; undefined when nothing says. */
  description: string | undefined;
  docs: ModuleDocs;
}

export interface Table {
  columns: string[];
  rows: string[][];
}

export interface ReadmeView {
  title: string;
  description: string | null;
  /** Mermaid source lines; null when the module declares no object. */
  diagram: string[] | null;
  objects: Table;
  hostnames: Array<{ host: string; servedBy: string }> | null;
  secrets: Table | null;
  inputs: Table | null;
  outputs: Table | null;
}

export function readmeView({ title, description, docs }: ReadmeSubject): ReadmeView {
  const declared = docs.nodes.filter((node) => node.address !== undefined);
  return {
    title: cell(title),
    description: description === undefined || description.trim() === '' ? null : description.trim(),
    diagram: docs.nodes.length > 0 ? mermaid(docs) : null,
    objects: {
      columns: ['Kind', 'Name', 'Resource'],
      rows: declared.map((node) => [cell(node.kind), code(node.name), code(node.address!) + (node.repeated ? ` (${node.repeated})` : '')]),
    },
    hostnames: nonEmpty(docs.hostnames.map((h) => ({ host: code(h.host), servedBy: cell(h.servedBy) }))),
    secrets: table(
      ['ExternalSecret', 'Store', 'Path', 'Keys', 'Secret'],
      docs.secrets.map((s) => [
        code(s.externalSecret),
        code(s.store),
        code(s.path),
        s.keys === undefined ? 'all keys' : s.keys.map(code).join(', '),
        code(s.target),
      ]),
    ),
    inputs: table(
      ['Name', 'Description', 'Type', 'Default', 'Required'],
      docs.inputs.map((input) => [
        code(input.name),
        input.description === '' ? 'n/a' : cell(input.description),
        literal(input.type),
        input.default === undefined ? 'n/a' : literal(input.default),
        input.default === undefined ? 'yes' : 'no',
      ]),
    ),
    outputs: table(
      ['Name', 'Description'],
      docs.outputs.map((output) => [code(output.name), output.description === '' ? 'n/a' : cell(output.description)]),
    ),
  };
}

function table(columns: string[], rows: string[][]): Table | null {
  return rows.length === 0 ? null : { columns, rows };
}

function nonEmpty<T>(items: T[]): T[] | null {
  return items.length === 0 ? null : items;
}

// ---------------------------------------------------------------------------
// Markdown

/** Text in a table cell: pipes escaped, line breaks as `<br>`, HTML kept out. */
export function cell(text: string): string {
  return html(text).replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A code span that survives any backticks inside and any pipe (GitHub and GitLab read `\|` in a table cell as `|`). */
export function code(text: string): string {
  if (text === '') return '';
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const padded = text.startsWith('`') || text.endsWith('`') ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|')}${fence}`;
}

/** An HCL type or default as terraform-docs shows it: a code span, or a `<pre>` block when it spans lines. */
function literal(text: string): string {
  if (!text.includes('\n')) return code(text);
  return `<pre>${html(text).replace(/\|/g, '&#124;').split(/\r?\n/).join('<br>')}</pre>`;
}

function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// ---------------------------------------------------------------------------
// Mermaid

/**
 * A left-to-right flowchart: one node per object (kind over name), one arrow
 * per link with what it is. Objects the module only names (a Secret an
 * ExternalSecret writes, a shared Middleware, a ClusterRole of the cluster) are
 * dashed; secret store paths are cylinders.
 */
export function mermaid(docs: ModuleDocs): string[] {
  const ids = new Map(docs.nodes.map((node, index) => [node.id, `n${index + 1}`]));
  const lines = ['flowchart LR'];
  for (const node of docs.nodes) lines.push(`  ${ids.get(node.id)!}${shape(node)}`);
  for (const edge of docs.edges) lines.push(`  ${ids.get(edge.from)!} -->|${edge.label}| ${ids.get(edge.to)!}`);
  const external = docs.nodes.filter((node) => node.external).map((node) => ids.get(node.id)!);
  if (external.length > 0) {
    lines.push('  classDef external stroke-dasharray: 4 4');
    lines.push(`  class ${external.join(',')} external`);
  }
  return lines;
}

function shape(node: DocNode): string {
  const kind = node.kind === STORE_PATH ? 'secret store path' : node.kind;
  const label = `"${mermaidText(kind)}<br/>${mermaidText(node.name)}${node.repeated ? ` (${node.repeated})` : ''}"`;
  if (node.kind === STORE_PATH) return `[(${label})]`;
  if (node.kind === 'Service') return `([${label}])`;
  return `[${label}]`;
}

/**
 * Text inside a quoted Mermaid label: the characters Mermaid or the Markdown
 * renderer would read as syntax become entity codes.
 */
function mermaidText(text: string): string {
  return text.replace(/[#"<>`&]/g, (c) => `#${c.charCodeAt(0)};`);
}
