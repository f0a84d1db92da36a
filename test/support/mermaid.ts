import { spawnSync } from 'node:child_process';
import path from 'node:path';

/**
 * Parse Mermaid diagrams with the `mermaid` package (in a child Node process:
 * mermaid is an ES module that needs a DOM, given by jsdom). Returns, for each
 * diagram, null when it parses, else the parser's error.
 */
export function parseMermaid(diagrams: string[]): Array<string | null> {
  const result = spawnSync(process.execPath, [path.join(__dirname, 'mermaid-parse.mjs')], {
    input: JSON.stringify(diagrams),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`mermaid-parse.mjs failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as Array<string | null>;
}

/** The body of every ```mermaid block of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
}
