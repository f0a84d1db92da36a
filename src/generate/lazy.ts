import type HandlebarsNamespace from 'handlebars';

/**
 * The generator's heavy dependencies, loaded when first needed: a run whose
 * templates were precompiled loads only Handlebars' runtime, and a run whose
 * round trips all come from the verify cache never loads hcl2json (reading and
 * decompressing its WebAssembly is the largest single cost of a cold run).
 * Node caches each module after its first load.
 */
export const lazyGenerate = {
  /** Handlebars with its compiler: for templates without a precompiled form, and for the build. */
  handlebars: (): typeof HandlebarsNamespace => require('handlebars') as typeof HandlebarsNamespace,
  /** Handlebars' runtime alone, enough for precompiled templates. */
  handlebarsRuntime: (): typeof HandlebarsNamespace => (require('handlebars/runtime') as { default: typeof HandlebarsNamespace }).default,
  hcl2json: (): typeof import('@cdktf/hcl2json') => require('@cdktf/hcl2json') as typeof import('@cdktf/hcl2json'),
  /** The templates the build precompiled, by path (a file of `dist`, absent when running from the sources). */
  precompiled: (file: string): unknown => require(file),
};
