/**
 * Packages the lowest layer loads only when first needed: esbuild (with its
 * service process) only when a TypeScript spec or config file is loaded, not at
 * the start of every command. Node caches each module after its first load.
 */
export const lazyUtil = {
  esbuild: (): typeof import('esbuild') => require('esbuild') as typeof import('esbuild'),
};
