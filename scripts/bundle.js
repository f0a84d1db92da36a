#!/usr/bin/env node
// Build step after tsc: the executable as one file. `dist/bin/cli.js` holds the CLI and
// every module it may load (fewer module loads at start-up); `dist/cli.js` starts it.
// dist/bin sits one folder below dist, as every compiled module does, so the paths the
// modules find beside them (templates/, schema/, dist/index.d.ts) are the same.
// Left outside: packages that find files beside their own code (hcl2json's WebAssembly),
// esbuild's native binary, and ts-morph/typescript (import only). yargs is inside (its
// module loads cost ~30 ms at every start); it reads its messages' translations from
// `../locales` beside its code, so they are copied to dist/locales.
// Then the launcher (scripts/launcher.js) and the bundle's V8 code cache.
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { build } = require('esbuild');

const dist = path.resolve(__dirname, '..', 'dist');
// The code cache is trained and checked as a plain `node` starts: V8 flags in NODE_OPTIONS
// (--max-old-space-size, say) would give a cache only starts with the same flags accept.
const plainEnv = { ...process.env, NODE_OPTIONS: '' };

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

/** What both bundles are: one CommonJS file for this Node. */
const BUNDLE_OPTIONS = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none' };

async function main() {
  await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [path.resolve(__dirname, '..', 'src', 'cli.ts')],
    outfile: path.join(dist, 'bin', 'cli.js'),
    // Handlebars' compiler (and its source-map) only for templates edited after the build: its runtime is bundled.
    external: ['@cdktf/hcl2json', 'esbuild', 'ts-morph', 'typescript', 'handlebars'],
    // Whitespace and syntax only (names stay, so stack traces still name functions):
    // 2.06 -> 1.48 MB, less to read and compile at every start.
    minifyWhitespace: true,
    minifySyntax: true,
    plugins: [commonJsYargs()],
  });
  const yargsLocales = path.join(path.dirname(require.resolve('yargs/package.json')), 'locales');
  fs.cpSync(yargsLocales, path.join(dist, 'locales'), { recursive: true });
  // The round trip's worker thread has an entry of its own that loads hcl2json's Go glue and nothing
  // else (src/generate/round-trip-worker.ts): it is ready sooner than one that loads the whole CLI.
  await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [path.resolve(__dirname, '..', 'src', 'generate', 'round-trip-worker.ts')],
    outfile: path.join(dist, 'bin', 'round-trip-worker.js'),
    external: ['@cdktf/hcl2json', '@cdktf/hcl2json/*'],
  });
  // hcl2json's WebAssembly decompressed once here: each run reads it instead of decompressing it (~100 ms).
  const wasm = path.join(path.dirname(require.resolve('@cdktf/hcl2json/package.json')), 'main.wasm.gz');
  fs.writeFileSync(path.join(dist, 'bin', 'hcl2json.wasm'), zlib.gunzipSync(fs.readFileSync(wasm)));
  writeLauncher();
  trainCodeCache();
  checkCodeCache();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// The bundle is loaded by the launcher (scripts/launcher.js), never run as a script of its
// own: no hashbang (a function body cannot start with one). ASCII only: esbuild escapes
// what is not ASCII in code but leaves it in the comments it keeps, and one such character
// makes the whole text a two-byte string, slower to read and to compile (escaped, in a
// comment, it changes nothing). Its first line is left empty for the launcher's function
// header: the code keeps its lines and columns. Its sha256 keys the code cache.
function writeLauncher() {
  const bundle = path.join(dist, 'bin', 'cli.js');
  const source = `\n${fs
    .readFileSync(bundle, 'utf8')
    .replace(/^#![^\n]*\n/, '')
    .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`;
  fs.writeFileSync(bundle, source);
  const digest = crypto.createHash('sha256').update(source).digest('hex');
  const launcher = fs.readFileSync(path.join(__dirname, 'launcher.js'), 'utf8').replace('__BUNDLE_SHA256__', digest);
  fs.writeFileSync(path.join(dist, 'bin', 'launch.js'), launcher);
  fs.writeFileSync(path.join(dist, 'cli.js'), "#!/usr/bin/env node\n'use strict';\nrequire('./bin/launch.js').load().start();\n");
  fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
  for (const name of fs.readdirSync(path.join(dist, 'bin'))) {
    if (name.includes('.v8cache')) fs.rmSync(path.join(dist, 'bin', name));
  }
}

/** The code cache, from a training run in a process of its own (scripts/train-code-cache.js). */
function trainCodeCache() {
  const training = spawnSync(process.execPath, [path.join(__dirname, 'train-code-cache.js')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    env: { ...plainEnv, GEN_MODULES_CODE_CACHE: 'off' },
  });
  if (training.status !== 0) fail(`the training run for the code cache failed (exit ${training.status}):\n${training.stderr}`);
}

/**
 * V8 refuses a cache made under other flags, silently: the one shipped must be accepted
 * by a fresh process, as `dist/cli.js` starts one.
 */
function checkCodeCache() {
  const launch = JSON.stringify(path.join(dist, 'bin', 'launch.js'));
  const check = spawnSync(
    process.execPath,
    [
      '-e',
      `const launcher = require(${launch});
launcher.load();
console.log(launcher.codeCacheStatus());
process.exit(0);`,
    ],
    { encoding: 'utf8', env: { ...plainEnv, GEN_MODULES_CODE_CACHE: '' } },
  );
  if (check.status !== 0 || check.stdout.trim() !== 'accepted') {
    fail(`the code cache is not accepted by a fresh start: ${check.stdout}${check.stderr}`);
  }
  const size = fs.statSync(require(path.join(dist, 'bin', 'launch.js')).CACHE).size;
  console.log(`code cache: ${(size / 1e6).toFixed(1)} MB, accepted by a fresh process`);
}

function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(1);
}
