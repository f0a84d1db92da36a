#!/usr/bin/env node
// Benchmark: every figure against its yardstick measured in the same run, the two
// alternated run by run (the machine is shared and absolute times drift), medians of
// several runs. Run through `npm run bench` (it builds first). BENCH_RUNS sets the
// number of runs of the small rows (default 5; the large trees get 3).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeSpecs } = require('./synthetic.js');
const { loadShapes, writeTree } = require('./trees.js');

const repo = path.resolve(__dirname, '..');
const bin = path.join(repo, 'dist', 'cli.js');
const rssPreload = path.join(__dirname, 'rss.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-modules-bench-'));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const LARGE_RUNS = Math.max(1, Math.min(RUNS, 3));

/** The trees, as the issue describes them (the counts are what the generator gives for these arguments). */
const TREES = {
  user: { modules: 31, richEvery: 3, seed: 5 },
  collection: { files: 1800, seed: 3 },
  other: { files: 800, seed: 11 },
  huge: { files: 4000, seed: 17 },
};

/** Run a command; its wall time and (for node commands) its peak RSS. */
function run(command, args, { cwd = work, ok = [0] } = {}) {
  const rssFile = path.join(work, 'rss');
  fs.rmSync(rssFile, { force: true });
  const isNode = command === process.execPath;
  const start = process.hrtime.bigint();
  const child = spawnSync(command, isNode ? ['-r', rssPreload, ...args] : args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GEN_MODULES_BENCH_RSS: rssFile, NO_COLOR: '1', TF_CLI_CONFIG_FILE: os.devNull },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (child.error) throw child.error;
  if (!ok.includes(child.status)) throw new Error(`${path.basename(command)} ${args.join(' ')} exited ${child.status}:\n${child.stderr}`);
  const rssMb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { seconds, rssMb };
}

const node = (args, options) => () => run(process.execPath, args, options);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Alternate subject and yardstick `times` times (each preceded by `before`); the medians of both. */
function paired(times, subject, yardstick, before = () => {}) {
  const a = [];
  const b = [];
  for (let i = 0; i < times; i++) {
    before();
    a.push(subject());
    b.push(yardstick());
  }
  return {
    seconds: median(a.map((r) => r.seconds)),
    rssMb: median(a.map((r) => r.rssMb)),
    base: median(b.map((r) => r.seconds)),
  };
}

const results = [];
function record(name, measured, yardstick, target) {
  const ratio = measured.seconds / measured.base;
  results.push({
    name,
    line: `${measured.seconds.toFixed(3)} s = ${ratio.toFixed(2)}x ${yardstick} (${measured.base.toFixed(3)} s)`,
    target: `<= ${target}x`,
    ok: ratio <= target,
  });
}
function recordMemory(name, measured, targetMb) {
  results.push({
    name,
    line: `peak RSS ${measured.rssMb.toFixed(0)} MB (${measured.seconds.toFixed(3)} s)`,
    target: `<= ${targetMb} MB`,
    ok: measured.rssMb <= targetMb,
  });
}
const describe = (t) => `${t.files} files, ${Math.round(t.bytes / 1024)} KB, ${t.modules} modules`;

if (!fs.existsSync(bin)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

// Yardsticks.
const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8', env: { ...process.env, TF_CLI_CONFIG_FILE: os.devNull } });
const terraformVersion = terraform.status === 0 ? terraform.stdout.split('\n')[0] : undefined;
const parseLoop = path.join(work, 'parse-loop.js');
fs.writeFileSync(
  parseLoop,
  `const { parse } = require(${JSON.stringify(require.resolve('@cdktf/hcl2json', { paths: [repo] }))});
const fs = require('node:fs'), path = require('node:path');
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.tf') ? [path.join(d, e.name)] : []);
(async () => { for (const f of walk(process.argv[2])) await parse(f, fs.readFileSync(f, 'utf8')); process.exit(0); })();\n`,
);
const hcl2jsonLoop = (tree) => node([parseLoop, tree]);
/** `terraform fmt -check -recursive` (exit 3: files it would reformat; it has read them all the same). */
const fmtCheck = (tree) =>
  terraformVersion ? () => run('terraform', ['fmt', '-check', '-recursive', tree], { ok: [0, 3] }) : hcl2jsonLoop(tree);
const fmtName = terraformVersion ? 'terraform fmt -check -recursive' : 'the bare hcl2json loop';
const nodeBaseline = node(['-e', '0']);

// Trees.
const shapes = loadShapes(repo);
const trees = {};
for (const [name, options] of Object.entries(TREES)) {
  const dir = path.join(work, name);
  trees[name] = { dir, ...writeTree(dir, { ...options, shapes }) };
}
const lint = (paths, extra = []) => node([bin, 'lint', ...paths, '--format', 'json', ...extra], { ok: [0, 1] });

// Lint rows.
record(
  `lint a user-sized repository, cold (${describe(trees.user)})`,
  paired(RUNS, lint([trees.user.dir]), fmtCheck(trees.user.dir)),
  fmtName,
  1.0,
);
record(
  `lint a collection of ${trees.collection.files} files, cold`,
  paired(LARGE_RUNS, lint([trees.collection.dir]), fmtCheck(trees.collection.dir)),
  fmtName,
  0.6,
);
const other = paired(LARGE_RUNS, lint([trees.other.dir]), hcl2jsonLoop(trees.other.dir));
record(`lint another collection of ${trees.other.files} files, cold`, other, 'the bare hcl2json loop', 0.4);
recordMemory(`lint ${trees.huge.files} files in one run (${describe(trees.huge)})`, lint([trees.huge.dir])(), 250);

const staged = fs
  .readdirSync(path.join(trees.user.dir, 'modules'))
  .sort()
  .map((module) => path.join(trees.user.dir, 'modules', module))
  .map((dir) =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.tf'))
      .sort()
      .slice(0, 2)
      .map((f) => path.join(dir, f)),
  )
  .find((files) => files.length === 2);
record('pre-commit: lint 2 staged files of the user-sized repository', paired(RUNS, lint(staged), nodeBaseline), 'node -e 0', 3);

for (const name of ['user', 'other']) {
  const tree = trees[name];
  const cacheDir = path.join(work, `cache-${name}`);
  lint([tree.dir], ['--cache', '--cache-location', cacheDir])();
  record(
    `lint ${tree.files} files (--cache, unchanged)`,
    paired(name === 'user' ? RUNS : LARGE_RUNS, lint([tree.dir], ['--cache', '--cache-location', cacheDir]), hcl2jsonLoop(tree.dir)),
    'the bare hcl2json loop',
    0.2,
  );
}

// Generate rows. The built-in stack is checked against its committed output (`--check`
// exits 0: nothing written) from a copy, so that the verify cache of the runs is the bench's own.
const stack = path.join(work, 'stack');
fs.cpSync(path.join(repo, 'specs'), path.join(stack, 'specs'), { recursive: true });
fs.cpSync(path.join(repo, 'out'), path.join(stack, 'out'), { recursive: true });
const stackCache = path.join(stack, '.gen-modules-cache');
const checkStack = node([bin, '--check'], { cwd: stack });
record(
  'generate the built-in stack, cold (--check; first run: no verify cache)',
  paired(RUNS, checkStack, nodeBaseline, () => fs.rmSync(stackCache, { recursive: true, force: true })),
  'node -e 0',
  6,
);
checkStack();
record(
  'generate the built-in stack, cold (--check; specs unchanged: verify cache)',
  paired(RUNS, checkStack, nodeBaseline),
  'node -e 0',
  6,
);

const hundred = path.join(work, 'hundred');
writeSpecs(path.join(hundred, 'specs'), repo, 100);
const hundredCache = path.join(hundred, '.gen-modules-cache');
const generateHundred = node([bin], { cwd: hundred });
const removeOutput = () => fs.rmSync(path.join(hundred, 'out'), { recursive: true, force: true });
record(
  'generate 100 synthetic services (writes; first run: no verify cache)',
  paired(LARGE_RUNS, generateHundred, nodeBaseline, () => {
    removeOutput();
    fs.rmSync(hundredCache, { recursive: true, force: true });
  }),
  'node -e 0',
  25,
);
generateHundred();
record(
  'generate 100 synthetic services (writes; specs unchanged: verify cache)',
  paired(LARGE_RUNS, generateHundred, nodeBaseline, removeOutput),
  'node -e 0',
  25,
);

// Report.
console.log(
  `gen-modules bench: ${os.cpus().length} cores, node ${process.version}, medians of ${RUNS} runs (${LARGE_RUNS} for the large trees)`,
);
console.log(
  terraformVersion
    ? `yardstick: ${terraformVersion}`
    : 'yardstick: terraform is not installed; the terraform fmt rows compare against the bare hcl2json loop',
);
for (const [name, tree] of Object.entries(trees)) console.log(`tree ${name}: ${describe(tree)}`);
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) console.log(`${r.ok ? 'OK    ' : 'MISSED'}  ${r.name.padEnd(width)}  ${r.line}  target ${r.target}`);
fs.rmSync(work, { recursive: true, force: true });
process.exitCode = results.every((r) => r.ok) ? 0 : 1;
