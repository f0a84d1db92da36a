#!/usr/bin/env node
// The build's training run for the executable's V8 code cache (scripts/bundle.js runs it in a
// process of its own, after writing dist/): the same work every build, through the launcher,
// then the cache of everything compiled meanwhile is written beside the bundle.
//   1. lint the test fixtures (hand-written trees, parse errors, the text report)
//   2. lint the built-in out/ tree with the JSON report
//   3. `gen-modules --check` of the built-in stack, its verify cache warmed by a run of its own
//      meanwhile (so hcl2json does not run here; its WebAssembly is not in the cache anyway)
// Steps 2 and 3 run in a copy in a temporary folder: nothing is written in the repository.
// V8 accepts a cache only under the flags it was made with: the generator's
// `--liftoff-only` (it changes how WebAssembly is compiled, not JavaScript) is not set here,
// so the cache is made under the flags every normal start has.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const v8 = require('node:v8');

const repo = path.resolve(__dirname, '..');
const dist = path.join(repo, 'dist');

async function train() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-modules-code-cache-'));
  try {
    const stack = path.join(work, 'stack');
    for (const entry of ['specs', 'out', 'gen-modules.config.ts']) {
      fs.cpSync(path.join(repo, entry), path.join(stack, entry), { recursive: true });
    }
    const warming = warmVerifyCache(stack);
    warming.catch(() => {}); // awaited below, after the lints
    v8.setFlagsFromString = (flags) => {
      if (flags !== '--liftoff-only') throw new Error(`training: a V8 flag the cache would not be made under: ${flags}`);
    };
    const launcher = require(path.join(dist, 'bin', 'launch.js'));
    const cli = launcher.load();
    cli.provideExecutable();
    process.chdir(stack);
    await run(cli, ['lint', path.join(repo, 'test', 'fixtures')], [1, 2]);
    await run(cli, ['lint', 'out', '--format', 'json'], [0]);
    await warming;
    await run(cli, ['--check'], [0]);
    const temporary = `${launcher.CACHE}.${process.pid}`;
    fs.writeFileSync(temporary, launcher.codeCacheFile());
    fs.renameSync(temporary, launcher.CACHE);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** `gen-modules --check` in a process of its own, as every start runs it. */
function warmVerifyCache(stack) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dist, 'cli.js'), '--check'], {
      cwd: stack,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, GEN_MODULES_CODE_CACHE: 'off' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`training: gen-modules --check of the built-in stack exited ${code}:\n${stderr}`));
    });
  });
}

/** One command line in this process; its exit code must be one of `expected`, and nothing may fail inside. */
async function run(cli, argv, expected) {
  const write = process.stderr.write;
  let stderr = '';
  process.stderr.write = (chunk, ...rest) => {
    stderr += String(chunk);
    return write.call(process.stderr, chunk, ...rest);
  };
  try {
    const code = await cli.main(argv);
    if (!expected.includes(code) || stderr.includes('internal error')) {
      throw new Error(`training: gen-modules ${argv.join(' ')} exited ${code}:\n${stderr}`);
    }
  } finally {
    process.stderr.write = write;
  }
}

train().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  },
);
