import { runCli } from '../support/cli';
import { tempDir } from '../support/tmp';

describe('help and usage errors', () => {
  const dir = tempDir('gen-modules-help-');

  test.each(['generate', 'diff', 'verify', 'new', 'lint', 'rules', 'docs'])('%s --help has an example', (command) => {
    const run = runCli([command, '--help'], dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/\nExamples:\n {2}gen-modules /);
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
