'use strict';
// Loads the executable's bundle (bin/cli.js beside this file) as a CommonJS module, with
// the V8 code cache the build trained for it: the bundle's functions arrive compiled
// instead of being parsed and compiled at every start. scripts/bundle.js copies this file
// to dist/bin/launch.js and fills in BUNDLE_SHA256; dist/cli.js uses it.
//
// The cache file (bin/cli-<digest>.v8cache) is a header and V8's data:
//   bytes 0-31   the sha256 of the bundle it was made for (V8 itself only compares the
//                source's length, its own version and its flags)
//   bytes 32-35  the CRC-32 of V8's data (V8 does not notice a damaged cache)
//   bytes 36-    V8's data (vm.Script#createCachedData)
// A cache that is missing, unreadable, for another bundle, damaged or refused by V8 (another
// Node version) is ignored: the bundle is compiled from its source as without one.
//
// GEN_MODULES_CODE_CACHE=off compiles without the cache; =report writes one line saying
// what became of the cache to stderr (`gen-modules: code cache <status>`).
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');
const { crc32 } = require('node:zlib');

const BUNDLE_SHA256 = '__BUNDLE_SHA256__';
const BUNDLE = path.join(__dirname, 'cli.js');
const CACHE = path.join(__dirname, `cli-${BUNDLE_SHA256.slice(0, 16)}.v8cache`);
const HEADER = 36;

let script;
let status = 'not loaded';

/** The bundle's exports (the same instance for every caller, as `require('./bin/cli.js')` would give). */
function load() {
  const loaded = require.cache[BUNDLE];
  if (loaded !== undefined) return loaded.exports;
  const mod = new Module(BUNDLE, module);
  mod.filename = BUNDLE;
  mod.paths = Module._nodeModulePaths(__dirname);
  // The build leaves only ASCII in the bundle: read as latin1, the same text, decoded faster.
  script = compile(fs.readFileSync(BUNDLE, 'latin1'));
  if (process.env.GEN_MODULES_CODE_CACHE === 'report') process.stderr.write(`gen-modules: code cache ${status}\n`);
  require.cache[BUNDLE] = mod;
  try {
    script.runInThisContext()(mod.exports, Module.createRequire(BUNDLE), mod, BUNDLE, __dirname);
  } catch (error) {
    delete require.cache[BUNDLE];
    throw error;
  }
  mod.loaded = true;
  return mod.exports;
}

function compile(source) {
  const off = process.env.GEN_MODULES_CODE_CACHE === 'off';
  if (off) status = 'off';
  const cachedData = off ? undefined : readCache();
  const compiled = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  if (cachedData !== undefined) status = compiled.cachedDataRejected ? 'rejected' : 'accepted';
  return compiled;
}

/** V8's data from the cache file, or `undefined` (and why, in `status`). */
function readCache() {
  if (crc32 === undefined) {
    status = 'unsupported'; // zlib.crc32 came with Node 20.15
    return undefined;
  }
  let file;
  try {
    file = fs.readFileSync(CACHE);
  } catch (error) {
    status = error.code === 'ENOENT' ? 'missing' : 'unreadable';
    return undefined;
  }
  if (file.length > HEADER && file.toString('hex', 0, 32) !== BUNDLE_SHA256) {
    status = 'for another bundle';
    return undefined;
  }
  const data = file.subarray(HEADER);
  if (data.length === 0 || crc32(data) !== file.readUInt32BE(32)) {
    status = 'damaged';
    return undefined;
  }
  return data;
}

/**
 * What became of the cache: 'accepted', 'rejected' (by V8), 'missing', 'unreadable',
 * 'for another bundle', 'damaged', 'unsupported', 'off' or 'not loaded'.
 */
function codeCacheStatus() {
  return status;
}

/** The contents of a cache file for the loaded bundle, with what this process compiled so far (the build's training). */
function codeCacheFile() {
  if (script === undefined) throw new Error('the bundle is not loaded');
  const data = script.createCachedData();
  const header = Buffer.alloc(HEADER);
  header.write(BUNDLE_SHA256, 'hex');
  header.writeUInt32BE(crc32(data), 32);
  return Buffer.concat([header, data]);
}

module.exports = { load, codeCacheStatus, codeCacheFile, CACHE };
