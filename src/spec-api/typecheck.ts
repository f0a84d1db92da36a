import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors';
import { relative } from '../util/load-ts';

/**
 * The compiler options a specs folder needs, as its `tsconfig.json`: what
 * `gen-modules new` suggests and the README shows. `gen-modules` resolves to
 * the installed package's types.
 */
export const SPECS_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'node16',
    moduleResolution: 'node16',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  },
  include: ['**/*.ts'],
};

/** The `tsconfig.json` that governs `dir`: in it or in a folder above, if any. */
export function governingTsconfig(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    const candidate = path.join(current, 'tsconfig.json');
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Type-check every TypeScript file of a specs folder with the compiler bundled
 * in ts-morph, under the folder's own `tsconfig.json` (or the one above it, or
 * `SPECS_TSCONFIG`). `gen-modules` resolves to this running copy's types when the
 * folder cannot resolve it itself. Throws a `UserError` listing TypeScript's
 * errors, each `file(line,column): TSnnnn message`.
 */
export function typecheckSpecs(dir: string): void {
  // The compiler is large: loaded only when asked for. ts-morph serves TypeScript's lib files itself.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load keeps every other run from paying for the compiler
  const { Project, ts } = require('ts-morph') as typeof import('ts-morph');
  const root = path.resolve(dir);
  const configFile = governingTsconfig(root);
  const ownTypes = ownEntry();
  const project = new Project({
    ...(configFile !== undefined
      ? { tsConfigFilePath: configFile }
      : { compilerOptions: ts.convertCompilerOptionsFromJson(SPECS_TSCONFIG.compilerOptions, root).options }),
    skipAddingFilesFromTsConfig: true,
    resolutionHost: (host, getOptions) => ({
      resolveModuleNames: (names, containing) =>
        names.map((name) => {
          const resolved = ts.resolveModuleName(name, containing, getOptions(), host).resolvedModule;
          if (resolved !== undefined || name !== 'gen-modules' || ownTypes === undefined) return resolved;
          const extension = ownTypes.endsWith('.d.ts') ? ts.Extension.Dts : ts.Extension.Ts;
          return { resolvedFileName: ownTypes, extension, isExternalLibraryImport: true };
        }),
    }),
  });
  project.addSourceFilesAtPaths([path.join(root, '**/*.ts'), `!${path.join(root, '**/node_modules/**')}`]);
  const diagnostics = project.getPreEmitDiagnostics().filter((d) => d.getCategory() === ts.DiagnosticCategory.Error);
  if (diagnostics.length === 0) return;
  const lines = diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, ' ');
    const file = d.getSourceFile();
    const start = d.getStart();
    if (!file || start === undefined) return `TS${d.getCode()}: ${message}`;
    const { line, column } = file.getLineAndColumnAtPos(start);
    return `${relative(file.getFilePath())}(${line},${column}): TS${d.getCode()} ${message}`;
  });
  throw new UserError(`specs do not type-check:\n${lines.join('\n')}`);
}

/** This package's own entry point: `dist/index.d.ts` when built, `src/index.ts` in development. */
function ownEntry(): string | undefined {
  const base = path.resolve(__dirname, '..', 'index');
  return ['.d.ts', '.ts'].map((ext) => base + ext).find((file) => fs.existsSync(file));
}
