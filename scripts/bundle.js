#!/usr/bin/env node
// Build step after tsc: the executable as one file. `dist/bin/cli.js` holds the CLI and
// every module it may load (fewer module loads at start-up); `dist/cli.js` starts it.
// dist/bin sits one folder below dist, as every compiled module does, so the paths the
// modules find beside them (templates/, schema/, dist/index.d.ts) are the same.
// Left outside: packages that find files beside their own code (hcl2json's WebAssembly,
// yargs' locales), esbuild's native binary, and ts-morph/typescript (import only).
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { buildSync } = require('esbuild');

const dist = path.resolve(__dirname, '..', 'dist');
buildSync({
  entryPoints: [path.resolve(__dirname, '..', 'src', 'cli.ts')],
  outfile: path.join(dist, 'bin', 'cli.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Handlebars' compiler (and its source-map) only for templates edited after the build: its runtime is bundled.
  external: ['@cdktf/hcl2json', 'esbuild', 'ts-morph', 'typescript', 'yargs', 'yargs/*', 'handlebars'],
  logLevel: 'warning',
  legalComments: 'none',
});
fs.writeFileSync(path.join(dist, 'cli.js'), "#!/usr/bin/env node\n'use strict';\nrequire('./bin/cli.js').start();\n", { mode: 0o755 });
// The entry of the executable's worker threads (src/worker.ts says which task each runs).
fs.writeFileSync(path.join(dist, 'worker.js'), "'use strict';\nrequire('./bin/cli.js').startWorker();\n");
// The round trip's worker thread has an entry of its own that loads hcl2json and nothing else
// (src/generate/round-trip-worker.ts): it is ready sooner than one that loads the whole CLI.
buildSync({
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
// Its WebAssembly decompressed once here: each run then reads it instead of decompressing it (~100 ms).
const wasm = path.join(path.dirname(require.resolve('@cdktf/hcl2json/package.json')), 'main.wasm.gz');
fs.writeFileSync(path.join(dist, 'bin', 'hcl2json.wasm'), zlib.gunzipSync(fs.readFileSync(wasm)));
