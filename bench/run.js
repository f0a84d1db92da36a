#!/usr/bin/env node
// Benchmark: wall times as ratios to baselines measured in the same run, since the
// machine is shared and absolute times drift. Run after `npm run build`.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { writeSpecs, writeTfTree } = require('./synthetic.js');

const repo = path.resolve(__dirname, '..');
const bin = path.join(repo, 'dist', 'cli.js');
const rssPreload = path.join(__dirname, 'rss.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-modules-bench-'));
const results = [];

function run(args, cwd, okCodes = [0]) {
  const rssFile = path.join(work, 'rss');
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-r', rssPreload, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GEN_MODULES_BENCH_RSS: rssFile, NO_COLOR: '1' },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!okCodes.includes(child.status)) throw new Error(`${args.join(' ')} exited ${child.status}:\n${child.stderr}`);
  const rssMb = fs.existsSync(rssFile) ? Number(fs.readFileSync(rssFile, 'utf8')) / 1024 : NaN;
  return { seconds, rssMb };
}

function median(times, fn) {
  const runs = Array.from({ length: times }, fn).sort((a, b) => a.seconds - b.seconds);
  return runs[Math.floor(runs.length / 2)];
}

function record(name, measured, baseline, target, extra = '') {
  const ratio = measured.seconds / baseline.seconds;
  results.push({ name, seconds: measured.seconds, ratio, target, ok: ratio <= target, extra });
}

function generateInto(specsDir, cwd) {
  fs.rmSync(path.join(cwd, 'out'), { recursive: true, force: true });
  return run([bin, '--specs', specsDir, '--out', path.join(cwd, 'out', 'modules-k8s')], cwd);
}

if (!fs.existsSync(bin)) {
  console.error('dist/cli.js is missing: run npm run build first');
  process.exit(2);
}

// Generation.
const nodeBaseline = median(9, () => run(['-e', '0'], work));
const builtin = median(5, () => generateInto(path.join(repo, 'specs'), work));
record('generate built-in stack (cold)', builtin, nodeBaseline, 12, 'x node -e 0');
const synthetic = path.join(work, 'specs-100');
writeSpecs(synthetic, repo, 100);
const hundred = median(3, () => generateInto(synthetic, work));
record('generate 100 services (cold)', hundred, nodeBaseline, 40, 'x node -e 0');

// Lint: trees copied from the generated 100-service output.
const generatedTree = path.join(work, 'out');
const parseLoop = path.join(work, 'parse-loop.js');
fs.writeFileSync(
  parseLoop,
  `const { parse } = require(${JSON.stringify(require.resolve('@cdktf/hcl2json', { paths: [repo] }))});
const fs = require('node:fs'), path = require('node:path');
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.tf') ? [path.join(d, e.name)] : []);
(async () => { for (const f of walk(process.argv[2])) await parse(f, fs.readFileSync(f, 'utf8')); })();\n`,
);
const lintAvailable = spawnSync(process.execPath, [bin, 'lint', '--help'], { encoding: 'utf8' }).status === 0;
for (const count of [100, 1000]) {
  if (!lintAvailable) break;
  const tree = path.join(work, `tree-${count}`);
  const written = writeTfTree(tree, generatedTree, count);
  const bare = median(3, () => run([parseLoop, tree], work));
  const cold = median(3, () => run([bin, 'lint', tree, '--format', 'json'], work, [0, 1]));
  record(
    `lint ${written} files (cold)`,
    cold,
    bare,
    0.6,
    `x bare hcl2json loop; ${(written / cold.seconds).toFixed(0)} files/s; peak RSS ${cold.rssMb.toFixed(0)} MB`,
  );
  const cacheDir = path.join(work, `cache-${count}`);
  run([bin, 'lint', tree, '--format', 'json', '--cache', '--cache-location', cacheDir], work, [0, 1]);
  const cached = median(3, () => run([bin, 'lint', tree, '--format', 'json', '--cache', '--cache-location', cacheDir], work, [0, 1]));
  record(`lint ${written} files (--cache, unchanged)`, cached, bare, 0.2, `x bare hcl2json loop; peak RSS ${cached.rssMb.toFixed(0)} MB`);
  if (count === 1000)
    results.push({
      name: 'lint 1,000 files peak RSS',
      seconds: NaN,
      ratio: cold.rssMb,
      target: 300,
      ok: cold.rssMb <= 300,
      extra: 'MB (target <= 300 MB)',
    });
}

console.log(`baseline node -e 0: ${nodeBaseline.seconds.toFixed(3)} s`);
for (const r of results) {
  const time = Number.isNaN(r.seconds) ? '' : `${r.seconds.toFixed(3)} s  `;
  console.log(`${r.ok ? 'ok    ' : 'MISSED'}  ${r.name.padEnd(38)} ${time}${r.ratio.toFixed(2)} ${r.extra} (target <= ${r.target})`);
}
if (!lintAvailable) console.log('lint: command not available, skipped');
fs.rmSync(work, { recursive: true, force: true });
