import fs from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { generateCommand } from '../../src/commands/generate';
import { pretendTerminal } from '../support/terminal';
import { REPO, tempDir } from '../support/tmp';

interface Run {
  code: number;
  stdout: string;
}

/** `gen-modules [generate] <argv>` in-process in `cwd`, stdout captured; stderr is left alone. */
async function generate(argv: string[], cwd: string, options: { terminal?: boolean } = {}): Promise<Run> {
  const out: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const restoreTerminal = options.terminal ? pretendTerminal() : () => undefined;
  const previous = process.cwd();
  process.chdir(cwd);
  process.exitCode = 0;
  try {
    await yargs(argv).command(generateCommand).strict().fail(false).parseAsync();
    return { code: Number(process.exitCode ?? 0), stdout: out.join('') };
  } finally {
    process.exitCode = 0;
    process.chdir(previous);
    restoreTerminal();
    stdout.mockRestore();
    stderr.mockRestore();
  }
}

/** A project with the built-in specs and their generated output, as committed. */
function project(): string {
  const dir = tempDir('gen-modules-check-');
  fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
  fs.cpSync(path.join(REPO, 'out'), path.join(dir, 'out'), { recursive: true });
  return dir;
}

describe('gen-modules --check summary line', () => {
  const dir = project();

  test('at a terminal, up to date: one line naming the output folder', async () => {
    expect(await generate(['--check'], dir, { terminal: true })).toEqual({ code: 0, stdout: '✓ out/ is up to date\n' });
  });

  test('not at a terminal: nothing', async () => {
    expect(await generate(['--check'], dir)).toEqual({ code: 0, stdout: '' });
  });

  test('the path is the real one: another --out', async () => {
    const args = ['--out', 'build/k8s/modules'];
    expect((await generate(args, dir)).code).toBe(0);
    expect(await generate([...args, '--check'], dir, { terminal: true })).toEqual({ code: 0, stdout: '✓ build/k8s/ is up to date\n' });
  });

  test('with --root: the modules folder and the root kubernetes.tf', async () => {
    fs.mkdirSync(path.join(dir, 'infra'));
    const args = ['--root', 'infra', '--out', 'infra/modules-k8s'];
    expect((await generate(args, dir)).code).toBe(0);
    expect(await generate([...args, '--check'], dir, { terminal: true })).toEqual({
      code: 0,
      stdout: '✓ infra/modules-k8s/ and infra/kubernetes.tf are up to date\n',
    });
  });

  test('out of date: the diff and exit 1, no check mark', async () => {
    const file = path.join(dir, 'out', 'modules-k8s', 'grafana', 'variables.tf');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"11.4.0"', '"11.3.0"'));
    const run = await generate(['--check'], dir, { terminal: true });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('--- a/out/modules-k8s/grafana/variables.tf');
    expect(run.stdout).not.toContain('✓');
  });
});
