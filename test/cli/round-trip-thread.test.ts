import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../support/cli';
import { REPO, tempDir } from '../support/tmp';

/**
 * The executable runs the hcl2json round trip on a worker thread. A thread that
 * dies mid-run ends the run with one clear line and exit 2, writing nothing (no
 * hang); a run whose round trips all come from the verify cache starts no thread.
 * `GEN_MODULES_ROUND_TRIP_FAULT` (read by the thread only) makes it die on purpose.
 */
function project(): string {
  const dir = tempDir('gen-modules-thread-');
  for (const folder of ['specs', 'out']) fs.cpSync(path.join(REPO, folder), path.join(dir, folder), { recursive: true });
  return dir;
}

const CACHE = path.join('.gen-modules-cache', 'verify.json');

describe('the round trip on a worker thread (gen-modules)', () => {
  test.each([
    ['exit', "gen-modules: the hcl2json round trip's worker thread stopped before it answered (exit code 70); nothing was written\n"],
    [
      'throw',
      "gen-modules: the hcl2json round trip's worker thread failed before it answered: GEN_MODULES_ROUND_TRIP_FAULT=throw; nothing was written\n",
    ],
  ])('a thread that dies (%s) is exit 2 with one line; nothing is written or cached', (fault, line) => {
    const dir = project();
    fs.rmSync(path.join(dir, 'out'), { recursive: true });
    expect(runCli([], dir, { GEN_MODULES_ROUND_TRIP_FAULT: fault })).toEqual({ status: 2, stdout: '', stderr: line });
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
    expect(fs.existsSync(path.join(dir, CACHE))).toBe(false);
    expect(runCli(['verify'], dir, { GEN_MODULES_ROUND_TRIP_FAULT: fault })).toMatchObject({ status: 2, stderr: line });
  });

  test('--check verifies on the thread; with every round trip cached, no thread starts', () => {
    const dir = project();
    expect(runCli(['--check'], dir)).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(fs.existsSync(path.join(dir, CACHE))).toBe(true);
    // The thread would die at its first request: the run passing shows none was asked for.
    expect(runCli(['--check'], dir, { GEN_MODULES_ROUND_TRIP_FAULT: 'exit' })).toEqual({ status: 0, stdout: '', stderr: '' });
  });
});
