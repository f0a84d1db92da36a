import { existsSync } from 'node:fs';
import path from 'node:path';
import yargs from 'yargs';
import { errorMessage } from '../../../src/errors';
import { lintCommand } from '../../../src/commands/lint';
import { ruleInfos, runLint } from '../../../src/commands/lint-run';
import { useColor } from '../../../src/util/colour';
import { rulesCommand } from '../../../src/commands/rules';
import { isUserError, UserError } from '../../../src/errors';
import type { OutputFormat } from '../../../src/formatters';
import type { JsonReport } from '../../../src/formatters/json';
import { pretendTerminal } from '../../support/terminal';
import { makeTree } from './tmpdir';

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the two commands the way `src/cli.ts` does (strict parsing, failures to
 * exit 2 with the message on stderr), in `cwd`, capturing the output.
 */
async function cli(argv: string[], cwd: string, options: { terminal?: boolean } = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  const restoreTerminal = options.terminal ? pretendTerminal() : () => undefined;
  const previous = process.cwd();
  process.chdir(cwd);
  process.exitCode = 0;
  let failed: unknown;
  try {
    await yargs(argv)
      .command(lintCommand)
      .command(rulesCommand)
      .strict()
      .fail((message, error) => {
        // The first failure is the one to report: yargs still runs the handler after a failed check.
        failed ??= error ?? new Error(message);
      })
      .parseAsync();
  } catch (error) {
    failed ??= error;
  } finally {
    process.chdir(previous);
    stdout.mockRestore();
    restoreTerminal();
  }
  if (failed !== undefined) {
    err.push(errorMessage(failed));
    return { code: 2, stdout: out.join(''), stderr: err.join('') };
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout: out.join(''), stderr: '' };
}

const CLEAN = 'locals {\n  a = 1\n}\n';
const BAD_SUPPRESSION = '# gen-modules:ignore suppression/nothing\nlocals {}\n';
/** A tree whose only finding is a warning (an invalid suppression, configured down to a warning). */
const WARNING_TREE = { 'm/main.tf': BAD_SUPPRESSION, 'gen-modules.config.json': '{ "rules": { "suppression/invalid": "warning" } }' };

describe('gen-modules lint', () => {
  test('lints ./out/modules-k8s by default and exits 0 when clean, printing nothing in text format', async () => {
    const root = makeTree({ 'out/modules-k8s/web/main.tf': CLEAN });
    expect(await cli(['lint'], root)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  test('exits 1 on an error finding; text output is plain when stdout is not a terminal', async () => {
    const root = makeTree({ 'mods/a/main.tf': BAD_SUPPRESSION });
    const run = await cli(['lint', 'mods'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'mods/a/main.tf:1:1  error  suppression/invalid  Suppression has no reason and silences nothing; add "-- <why>" after the rule ids\n\n1 problem (1 error, 0 warnings, 0 info)\n',
    );
  });

  test('exits 2 on a parse error, and still lints the other files', async () => {
    const root = makeTree({ 'a/main.tf': 'locals {\n', 'b/main.tf': BAD_SUPPRESSION });
    const run = await cli(['lint', 'a', 'b', '--format', 'json'], root);
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.file} ${f.ruleId}`)).toEqual(['a/main.tf hcl/parse-error', 'b/main.tf suppression/invalid']);
  });

  test('--max-warnings: warnings alone exit 0, more than the limit exit 1', async () => {
    const root = makeTree(WARNING_TREE);
    expect((await cli(['lint', 'm'], root)).code).toBe(0);
    expect((await cli(['lint', 'm', '--max-warnings', '1'], root)).code).toBe(0);
    expect((await cli(['lint', 'm', '--max-warnings', '0'], root)).code).toBe(1);
  });

  test('given a file, reports that file only', async () => {
    const root = makeTree({ 'm/main.tf': CLEAN, 'm/other.tf': BAD_SUPPRESSION, 'm/third.tf': BAD_SUPPRESSION });
    const report = JSON.parse((await cli(['lint', 'm/other.tf', '--format', 'json'], root)).stdout) as JsonReport;
    expect(report.findings.map((f) => f.file)).toEqual(['m/other.tf']);
  });

  test('every format is accepted; an unknown one is a usage error (exit 2)', async () => {
    const root = makeTree(WARNING_TREE);
    for (const format of ['text', 'json', 'sarif', 'junit', 'checkstyle', 'gitlab'])
      expect((await cli(['lint', 'm', '--format', format], root)).code).toBe(0);
    const bad = await cli(['lint', 'm', '--format', 'xml'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid values/);
  });

  test('a bad --max-warnings or configuration is a user error naming the culprit', async () => {
    const root = makeTree({ 'm/main.tf': CLEAN, 'gen-modules.config.json': '{ "rules": { "suppression/unusd": "off" } }' });
    await expect(lintCommandHandlerError(['lint', 'm'], root)).resolves.toBe(
      'gen-modules.config.json: rules.suppression/unusd: unknown rule id; did you mean "suppression/unused"?',
    );
    const other = makeTree({ 'm/main.tf': CLEAN });
    await expect(lintCommandHandlerError(['lint', 'm', '--max-warnings', '-1'], other)).resolves.toBe(
      '--max-warnings: expected a whole number of at least 0, received -1',
    );
    const args = { paths: ['m'], format: 'xml' as OutputFormat, cache: false, 'cache-location': '.c' };
    await expect(runLint(args, other)).rejects.toThrow(
      new UserError('--format: expected one of text, json, sarif, junit, checkstyle, gitlab, received "xml"'),
    );
  });

  test('--config picks the file; --cache writes the default cache folder and gives the same output', async () => {
    const root = makeTree({ ...WARNING_TREE, 'strict.json': '{ "rules": { "suppression/invalid": "error" } }' });
    const uncached = await cli(['lint', 'm', '--config', 'strict.json'], root);
    expect(uncached.code).toBe(1);
    const first = await cli(['lint', 'm', '--config', 'strict.json', '--cache'], root);
    const second = await cli(['lint', 'm', '--config', 'strict.json', '--cache'], root);
    expect(existsSync(path.join(root, '.gen-modules-cache', 'lint.json'))).toBe(true);
    expect([first, second]).toEqual([uncached, uncached]);
    await cli(['lint', 'm', '--cache', '--cache-location', 'elsewhere'], root);
    expect(existsSync(path.join(root, 'elsewhere', 'lint.json'))).toBe(true);
  });
});

describe('gen-modules lint at a terminal', () => {
  test('clean: one summary line with the number of files linted', async () => {
    const root = makeTree({ 'm/a/main.tf': CLEAN, 'm/b/main.tf': CLEAN, 'm/b/outputs.tf': '' });
    expect(await cli(['lint', 'm'], root, { terminal: true })).toEqual({ code: 0, stdout: '✓ 3 files, 0 problems\n', stderr: '' });
  });

  test('warnings alone pass (✓) unless --max-warnings is exceeded (✗); errors fail', async () => {
    const root = makeTree(WARNING_TREE);
    const passing = await cli(['lint', 'm'], root, { terminal: true });
    expect(passing.code).toBe(0);
    expect(passing.stdout.split('\n').at(-2)).toBe('✓ 1 file, 1 problem (0 errors, 1 warning, 0 info)');
    const failing = await cli(['lint', 'm', '--max-warnings', '0'], root, { terminal: true });
    expect(failing.code).toBe(1);
    expect(failing.stdout.split('\n').at(-2)).toBe('✗ 1 file, 1 problem (0 errors, 1 warning, 0 info)');
    const errors = await cli(['lint', 'm'], makeTree({ 'm/main.tf': BAD_SUPPRESSION }), { terminal: true });
    expect(errors.stdout.split('\n').at(-2)).toBe('✗ 1 file, 1 problem (1 error, 0 warnings, 0 info)');
  });

  test('machine formats print no summary line, at a terminal or not', async () => {
    const root = makeTree({ 'm/main.tf': CLEAN });
    for (const format of ['json', 'sarif', 'junit', 'checkstyle', 'gitlab']) {
      const run = await cli(['lint', 'm', '--format', format], root, { terminal: true });
      expect(run.stdout).toBe((await cli(['lint', 'm', '--format', format], root)).stdout);
      expect(run.stdout).not.toContain('✓');
    }
  });
});

describe('report paths', () => {
  const REPOSITORY = { '.git/HEAD': 'ref: refs/heads/main\n', 'infra/m/main.tf': BAD_SUPPRESSION };
  /** Where each format puts the path of the one finding's file. */
  const reportedPath: Record<OutputFormat, (out: string) => string | undefined> = {
    text: (out) => out.split(':')[0],
    json: (out) => (JSON.parse(out) as JsonReport).findings[0]?.file,
    gitlab: (out) => (JSON.parse(out) as Array<{ location: { path: string } }>)[0]?.location.path,
    sarif: (out) =>
      (
        JSON.parse(out) as {
          runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
        }
      ).runs[0]?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri,
    checkstyle: (out) => /<file name="([^"]*)"/.exec(out)?.[1],
    junit: (out) => /<testsuite name="([^"]*)"/.exec(out)?.[1],
  };
  const pathsIn = async (argv: string[], cwd: string) => {
    const paths: Partial<Record<OutputFormat, string | undefined>> = {};
    for (const format of Object.keys(reportedPath) as OutputFormat[])
      paths[format] = reportedPath[format]((await cli([...argv, '--format', format], cwd)).stdout);
    return paths;
  };
  const everyFormat = (file: string) => Object.fromEntries(Object.keys(reportedPath).map((format) => [format, file]));

  test('are relative to the repository root by default, in every format, whatever the working folder', async () => {
    const root = makeTree(REPOSITORY);
    expect(await pathsIn(['lint', 'm'], path.join(root, 'infra'))).toEqual(everyFormat('infra/m/main.tf'));
    expect(await pathsIn(['lint', 'infra/m'], root)).toEqual(everyFormat('infra/m/main.tf'));
    expect(await pathsIn(['lint', '.'], path.join(root, 'infra', 'm'))).toEqual(everyFormat('infra/m/main.tf'));
  });

  test('a .git file (a linked worktree or a submodule) marks the root too; outside a repository, the working folder', async () => {
    const worktree = makeTree({ '.git': 'gitdir: /elsewhere/.git/worktrees/w\n', 'infra/m/main.tf': BAD_SUPPRESSION });
    expect((await pathsIn(['lint', 'm'], path.join(worktree, 'infra'))).json).toBe('infra/m/main.tf');
    const loose = makeTree({ 'infra/m/main.tf': BAD_SUPPRESSION });
    expect((await pathsIn(['lint', 'm'], path.join(loose, 'infra'))).json).toBe('m/main.tf');
  });

  test('--relative-to <dir> sets the folder, resolved from the working folder', async () => {
    const root = makeTree(REPOSITORY);
    expect(await pathsIn(['lint', 'm', '--relative-to', '.'], path.join(root, 'infra'))).toEqual(everyFormat('m/main.tf'));
    expect((await pathsIn(['lint', 'infra/m', '--relative-to', 'infra/m'], root)).json).toBe('main.tf');
  });

  test('a --relative-to that is not a folder is a user error naming it', async () => {
    const root = makeTree({ 'm/main.tf': CLEAN, 'file.txt': '' });
    await expect(lintCommandHandlerError(['lint', 'm', '--relative-to', 'nowhere'], root)).resolves.toBe(
      '--relative-to: nowhere: no such folder',
    );
    await expect(lintCommandHandlerError(['lint', 'm', '--relative-to', 'file.txt'], root)).resolves.toBe(
      '--relative-to: file.txt: not a folder, but a regular file',
    );
  });
});

/** The message of the UserError a run fails with. */
async function lintCommandHandlerError(argv: string[], cwd: string): Promise<string> {
  const previous = process.cwd();
  process.chdir(cwd);
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    await yargs(argv).command(lintCommand).strict().fail(false).parseAsync();
  } catch (error) {
    if (isUserError(error)) return error.message;
    throw error;
  } finally {
    process.chdir(previous);
    stdout.mockRestore();
  }
  throw new Error('expected a UserError');
}

describe('colour', () => {
  test('only on a terminal, and not when NO_COLOR is set to something', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({}, {})).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
  });
});

describe('gen-modules rules', () => {
  test('lists every rule with its default severity and summary', async () => {
    const run = await cli(['rules'], makeTree({}));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((line) => line.split(' ')[0])).toEqual(ruleInfos().map((r) => r.id));
    const severityColumn = lines[0]!.search(/ (error|warning|info) /) + 1;
    for (const [index, rule] of ruleInfos().entries()) {
      expect(lines[index]!.slice(severityColumn)).toMatch(new RegExp(`^${rule.defaultSeverity} +${escapeRegExp(rule.summary)}$`));
    }
    expect(lines).toContain(
      'suppression/unused'.padEnd(severityColumn - 2) + '  warning  An inline suppression that silenced no finding; remove it.',
    );
  });

  test('--format json gives id, default severity, summary and docs URL', async () => {
    const rules = JSON.parse((await cli(['rules', '--format', 'json'], makeTree({}))).stdout) as Array<Record<string, string>>;
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(rules.find((r) => r.id === 'suppression/invalid')).toEqual({
      id: 'suppression/invalid',
      defaultSeverity: 'error',
      summary: expect.stringContaining('inline suppression'),
      docsUrl: expect.stringMatching(/\/docs\/rules\/suppression\/invalid\.md$/),
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
