/**
 * The tree-sitter HCL parser (Terraform dialect), loaded once per process.
 *
 * Starting the WASM runtime and loading the grammar costs ~25 ms, so it happens on
 * first use and every later parse reuses the same parser.
 */
import { readFile } from 'node:fs/promises';
import { Language, Parser, type Tree } from 'web-tree-sitter';

const GRAMMAR_WASM = '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm';

let parserPromise: Promise<Parser> | undefined;

async function createParser(): Promise<Parser> {
  await Parser.init();
  // Bytes rather than a path: loading by path goes through a dynamic import that
  // test runners without ESM support refuse.
  const language = await Language.load(await readFile(require.resolve(GRAMMAR_WASM)));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
}

/** The shared parser; the first call starts the runtime. */
export function getParser(): Promise<Parser> {
  parserPromise ??= createParser().catch((error: unknown) => {
    // A failed start must not poison every later call.
    parserPromise = undefined;
    throw error;
  });
  return parserPromise;
}

/** Parse HCL text. The caller owns the tree and should `delete()` it when done. */
export async function parseHcl(text: string): Promise<Tree> {
  const parser = await getParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
