#!/usr/bin/env node
// Build step after tsc: the executable as one file. `dist/bin/cli.js` holds the CLI and
// every module it may load (fewer module loads at start-up); `dist/cli.js` starts it.
// dist/bin sits one folder below dist, as every compiled module does, so the paths the
// modules find beside them (templates/, schema/, dist/index.d.ts) are the same.
// Left outside: packages that find files beside their own code (hcl2json's WebAssembly),
// esbuild's native binary, and ts-morph/typescript (import only). yargs is inside (its
// module loads cost ~30 ms at every start); it reads its messages' translations from
// `../locales` beside its code, so they are copied to dist/locales.
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { build } = require('esbuild');

const dist = path.resolve(__dirname, '..', 'dist');

/**
 * yargs' CommonJS build, as `require` gets it: its ES module build finds its
 * translations and the package's version from the working folder when bundled.
 */
function commonJsYargs() {
  return {
    name: 'commonjs-yargs',
    setup(build) {
      build.onResolve({ filter: /^yargs(\/helpers)?$/ }, (args) => ({ path: require.resolve(args.path) }));
    },
  };
}
async function main() {
  await build({
    entryPoints: [path.resolve(__dirname, '..', 'src', 'cli.ts')],
    outfile: path.join(dist, 'bin', 'cli.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Handlebars' compiler (and its source-map) only for templates edited after the build: its runtime is bundled.
    external: ['@cdktf/hcl2json', 'esbuild', 'ts-morph', 'typescript', 'handlebars'],
    logLevel: 'warning',
    legalComments: 'none',
    // Whitespace and syntax only (names stay, so stack traces still name functions):
    // 2.06 -> 1.48 MB, less to read and compile at every start.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [commonJsYargs()],
  });
  const yargsLocales = path.join(path.dirname(require.resolve('yargs/package.json')), 'locales');
  fs.cpSync(yargsLocales, path.join(dist, 'locales'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'cli.js'), "#!/usr/bin/env node\n'use strict';\nrequire('./bin/cli.js').start();\n", { mode: 0o755 });
  // The entry of the executable's worker threads (src/worker-tasks.ts says which task each runs).
  fs.writeFileSync(path.join(dist, 'worker.js'), "'use strict';\nrequire('./bin/cli.js').startWorker();\n");
  // The round trip's worker thread has an entry of its own that loads hcl2json's Go glue and nothing
  // else (src/generate/round-trip-worker.ts): it is ready sooner than one that loads the whole CLI.
  await build({
    entryPoints: [path.resolve(__dirname, '..', 'src', 'generate', 'round-trip-worker.ts')],
    outfile: path.join(dist, 'bin', 'round-trip-worker.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['@cdktf/hcl2json', '@cdktf/hcl2json/*'],
    logLevel: 'warning',
    legalComments: 'none',
  });
  // hcl2json's WebAssembly decompressed once here: each run reads it instead of decompressing it (~100 ms).
  const wasm = path.join(path.dirname(require.resolve('@cdktf/hcl2json/package.json')), 'main.wasm.gz');
  fs.writeFileSync(path.join(dist, 'bin', 'hcl2json.wasm'), zlib.gunzipSync(fs.readFileSync(wasm)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
