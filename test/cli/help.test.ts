import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, runCli } from '../support/cli';
import { REPO, tempDir } from '../support/tmp';

describe('help and usage errors', () => {
  const dir = tempDir('gen-modules-help-');

  test.each(['generate', 'diff', 'verify', 'new', 'lint', 'rules', 'docs'])('%s --help has an example', (command) => {
    const run = runCli([command, '--help'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\nExamples:\n {2}gen-modules /);
  });

  test('--version is the package version, wherever it runs', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    const run = runCli(['--version'], dir);
    expect(run.stdout).toBe(`${manifest.version}\n`);
    expect(run.status).toBe(0);
  });

  test("yargs' own words follow the user's locale, as its translations ship with the executable", () => {
    const help = (locale: string): string =>
      spawnSync(process.execPath, [BIN, '--help'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: locale } }).stdout;
    expect(help('de_DE.UTF-8')).toContain('\nKommandos:\n');
    expect(help('en_US.UTF-8')).toContain('\nCommands:\n');
  });

  test('the top-level help lists new and the options of the loop', () => {
    const run = runCli(['--help'], dir);
    expect(run.stdout).toContain('gen-modules new <service>');
    for (const option of ['--check', '--force', '--root', '--only']) expect(run.stdout).toContain(option);
  });

  test.each([
    [['nwe', 'grafana'], 'did you mean "new"?'],
    [['dif'], 'did you mean "diff"?'],
    [['--forse'], 'Unknown argument: forse'],
    [['diff', '--force'], 'Unknown argument: force'],
    [['new', 'a', 'b'], 'Unknown argument: b'],
  ])('%j exits 2 before doing anything: %s', (args, message) => {
    const run = runCli(args, dir);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
  });
});
