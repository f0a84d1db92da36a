/**
 * The layers of gen-modules. Arrows point down only:
 *
 *   cli, index, commands
 *   generate, scaffold   lint (engine, config, rules)   formatters (lint result types only)
 *   spec-api             schema
 *                        terraform (model, evaluation, Kubernetes views)
 *   hcl (lexer, parser, syntax tree, formatter, encoding)
 *   util, errors
 *
 * `npm test` runs this check (test/architecture/layers.test.ts).
 */
const layer = (name, from, mayNotReach) => ({
  name,
  severity: 'error',
  from: { path: from },
  to: { path: mayNotReach },
});
const ABOVE_UTIL = '^src/(hcl|terraform|schema|spec-api|lint|formatters|generate|scaffold|commands|cli\\.ts|index\\.ts)';
const ABOVE_HCL = '^src/(terraform|schema|spec-api|lint|formatters|generate|scaffold|commands|cli\\.ts|index\\.ts)';
const ABOVE_TERRAFORM = '^src/(schema|spec-api|lint|formatters|generate|scaffold|commands|cli\\.ts|index\\.ts)';
const TOP = '^src/(commands|cli\\.ts|index\\.ts)';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Import cycles make the layers meaningless.', from: {}, to: { circular: true } },
    layer('util-is-the-floor', '^src/(util|errors\\.ts)', ABOVE_UTIL),
    layer('hcl-knows-only-util', '^src/hcl', ABOVE_HCL),
    layer('terraform-knows-hcl-and-util', '^src/terraform', ABOVE_TERRAFORM),
    layer('schema-sits-beside-terraform', '^src/schema', '^src/(spec-api|lint|formatters|generate|scaffold|commands|cli\\.ts|index\\.ts)'),
    layer('spec-api-knows-hcl-and-util', '^src/spec-api', '^src/(terraform|schema|lint|formatters|generate|scaffold|commands|cli\\.ts|index\\.ts)'),
    layer('lint-is-below-generate-and-commands', '^src/lint', '^src/(spec-api|formatters|generate|scaffold|commands|cli\\.ts|index\\.ts)'),
    layer('rules-do-not-reach-the-runner', '^src/lint/rules', '^src/lint/(engine|run|cache|result-cache|config|suppress|lazy)\\.ts'),
    layer('formatters-read-lint-results-only', '^src/formatters', '^src/(terraform|schema|spec-api|generate|scaffold|commands|cli\\.ts|index\\.ts|lint/(?!types\\.ts|sort\\.ts))'),
    layer('generate-is-below-commands', '^src/(generate|scaffold)', TOP),
    layer('generate-does-not-read-terraform-internals', '^src/generate', '^src/terraform/k8s'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    parser: 'tsc',
  },
};
