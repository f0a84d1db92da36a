import { IndentationText, Project, QuoteKind, SyntaxKind, type ArrayLiteralExpression, type SourceFile } from 'ts-morph';
import { UserError } from '../errors';

/**
 * Register a new spec in the specs index by editing its syntax tree: a default
 * import of `./<name>` placed among the other imports in order, and the
 * imported name appended to the `services` array. Everything else in the file
 * keeps its text; the new code follows the file's quotes and indentation.
 */
export function registerService(indexFile: string, indexText: string, name: string): string {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      quoteKind: usesDoubleQuotes(indexText) ? QuoteKind.Double : QuoteKind.Single,
      indentationText: IndentationText.TwoSpaces,
    },
  });
  const source = project.createSourceFile('index.ts', indexText);
  const specifier = `./${name}`;
  if (source.getImportDeclaration((d) => d.getModuleSpecifierValue() === specifier)) {
    throw new UserError(`${indexFile}: already imports '${specifier}'`);
  }
  const services = servicesArray(source, indexFile);
  const identifier = freeIdentifier(source, name);
  source.insertImportDeclaration(importPosition(source, specifier), { defaultImport: identifier, moduleSpecifier: specifier });
  addElement(services, identifier);
  return source.getFullText();
}

function servicesArray(source: SourceFile, indexFile: string): ArrayLiteralExpression {
  const declaration = source.getVariableDeclaration('services');
  if (!declaration || !declaration.isExported())
    throw new UserError(`${indexFile}: no exported \`services\` array to add the new service to`);
  // `[...] as const` and `[...] satisfies X` hold the array one level down.
  const initializer = declaration.getInitializer();
  const array =
    initializer?.asKind(SyntaxKind.ArrayLiteralExpression) ??
    initializer?.asKind(SyntaxKind.AsExpression)?.getExpression().asKind(SyntaxKind.ArrayLiteralExpression) ??
    initializer?.asKind(SyntaxKind.SatisfiesExpression)?.getExpression().asKind(SyntaxKind.ArrayLiteralExpression);
  if (!array) throw new UserError(`${indexFile}: \`services\` is not an array literal; add the new service to it by hand`);
  return array;
}

/** Append to the array in its own layout: one line, or one element a line with the trailing comma kept. */
function addElement(array: ArrayLiteralExpression, identifier: string): void {
  const trailingComma = array.compilerNode.elements.hasTrailingComma;
  const added = array.addElement(identifier, { useNewLines: array.getText().includes('\n') });
  if (trailingComma && !added.getNextSibling()) added.replaceWithText(`${identifier},`);
}

/** Before the first relative import that sorts after the new one, so a sorted list stays sorted. */
function importPosition(source: SourceFile, specifier: string): number {
  const imports = source.getImportDeclarations();
  const after = imports.findIndex((d) => d.getModuleSpecifierValue().startsWith('./') && d.getModuleSpecifierValue() > specifier);
  if (after >= 0) return after;
  const lastRelative = imports.map((d) => d.getModuleSpecifierValue().startsWith('.')).lastIndexOf(true);
  return lastRelative >= 0 ? lastRelative + 1 : imports.length;
}

/** `uptime-kuma` → `uptimeKuma`; a keyword or a name the index already uses gets a `Service` suffix. */
function freeIdentifier(source: SourceFile, name: string): string {
  const camel = name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  // Any identifier spelt the same counts as taken: cheaper than scope analysis, and never wrong in the safe direction.
  const used = new Set(source.getDescendantsOfKind(SyntaxKind.Identifier).map((i) => i.getText()));
  const taken = (id: string): boolean => RESERVED.has(id) || used.has(id);
  for (const candidate of [camel, `${camel}Service`, `${camel}Spec`]) {
    if (!taken(candidate)) return candidate;
  }
  throw new UserError(`cannot find a free name for the import of './${name}' in the specs index`);
}

/** Words a service name can spell that cannot name an import (reserved in strict mode code). */
const RESERVED = new Set(
  'await break case catch class const continue debugger default delete do else enum export extends false finally for function if implements import in instanceof interface let new null package private protected public return static super switch this throw true try typeof var void while with yield'.split(
    ' ',
  ),
);

function usesDoubleQuotes(text: string): boolean {
  const first = /\bfrom\s+(['"])/.exec(text);
  return first?.[1] === '"';
}
