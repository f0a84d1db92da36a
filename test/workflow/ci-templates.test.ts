import Ajv from 'ajv';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { CodeQualityIssue } from '../../src/formatters/gitlab';
import { BIN } from '../support/cli';
import { REPO, tempDir } from '../support/tmp';

/**
 * The CI templates shipped in ci/: valid YAML of the expected shape, and their
 * commands, run as the CI runner runs them (one shell per GitLab job script with
 * `set -eo pipefail`; `bash -e` per GitHub step) against the built-in stack in a
 * temporary checkout, with `npx gen-modules` mapped to the built CLI.
 */

const GITLAB = path.join(REPO, 'ci', 'gitlab', 'gen-modules.gitlab-ci.yml');
const GITHUB = path.join(REPO, 'ci', 'github', 'gen-modules.yml');

function readYaml(file: string): unknown {
  const document = parseDocument(fs.readFileSync(file, 'utf8'), { uniqueKeys: true, prettyErrors: true });
  expect([...document.errors, ...document.warnings].map((e) => e.message)).toEqual([]);
  return document.toJS() as unknown;
}

interface GitlabJob {
  stage: string;
  image: string;
  variables: Record<string, string>;
  before_script: string[];
  script: string[];
  artifacts: { when: string; reports: { codequality: string } };
}

interface GithubStep {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number>;
}

interface GithubWorkflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  env: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: GithubStep[] }>;
}

/** A checkout of the repository that holds the specs and the generated modules (`.git` marks its root). */
function checkout(): string {
  const dir = tempDir('gen-modules-ci-');
  fs.mkdirSync(path.join(dir, '.git'));
  fs.cpSync(path.join(REPO, 'specs'), path.join(dir, 'specs'), { recursive: true });
  fs.cpSync(path.join(REPO, 'out'), path.join(dir, 'out'), { recursive: true });
  return dir;
}

/** A hand-written module with a literal credential: an error finding. */
function addLegacyModule(dir: string): void {
  fs.mkdirSync(path.join(dir, 'legacy'));
  fs.writeFileSync(
    path.join(dir, 'legacy', 'main.tf'),
    'resource "kubernetes_config_map_v1" "app" {\n  metadata {\n    name = "app"\n  }\n\n  data = {\n    password = "hunter2hunter2"\n  }\n}\n',
  );
}

/** Make a generated file differ from what its spec gives, keeping it valid HCL. */
function drift(dir: string): void {
  const file = path.join(dir, 'out', 'modules-k8s', 'grafana', 'variables.tf');
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain('"11.4.0"');
  fs.writeFileSync(file, text.replace('"11.4.0"', '"11.3.0"'));
}

/** A folder with an `npx` that runs `gen-modules` as the built CLI and refuses anything else. */
function npxShim(): string {
  const bin = tempDir('gen-modules-npx-');
  const script = `#!/bin/sh\nif [ "$1" = gen-modules ]; then shift; exec "${process.execPath}" "${BIN}" "$@"; fi\necho "npx $* is not expected here" >&2\nexit 127\n`;
  fs.writeFileSync(path.join(bin, 'npx'), script, { mode: 0o755 });
  return bin;
}

interface ShellRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function shell(args: string[], cwd: string, variables: Record<string, string>): ShellRun {
  const env = { ...process.env, ...variables, PATH: `${npxShim()}${path.delimiter}${process.env['PATH'] ?? ''}`, NO_COLOR: '1' };
  const result = spawnSync('bash', args, { cwd, env, encoding: 'utf8' });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What GitLab's Code Quality widget reads from each issue. */
function expectCodeQuality(report: unknown): asserts report is CodeQualityIssue[] {
  expect(Array.isArray(report)).toBe(true);
  for (const issue of report as CodeQualityIssue[]) {
    expect(issue).toEqual({
      description: expect.any(String) as string,
      check_name: expect.stringMatching(/^[a-z-]+\/[a-z-]+$/) as string,
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/) as string,
      severity: expect.stringMatching(/^(info|minor|major|critical|blocker)$/) as string,
      location: { path: expect.stringMatching(/^[^/.][^:]*\.tf$/) as string, lines: { begin: expect.any(Number) as number } },
    });
  }
}

test('the templates are in the package', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { files: string[] };
  expect(manifest.files).toContain('ci');
});

describe('GitLab CI template', () => {
  const template = readYaml(GITLAB) as Record<string, GitlabJob>;
  const job = template['gen-modules']!;
  /** The job's script as the runner runs it: one bash, -e and pipefail, the job's variables in the environment. */
  const runJob = (dir: string, variables: Record<string, string> = {}): ShellRun =>
    shell(['-c', ['set -eo pipefail', ...job.script].join('\n')], dir, { ...job.variables, ...variables });
  const report = (dir: string): unknown => JSON.parse(fs.readFileSync(path.join(dir, job.artifacts.reports.codequality), 'utf8'));

  test('one job that checks, lints to a Code Quality report and publishes it even when the job fails', () => {
    expect(Object.keys(template)).toEqual(['gen-modules']);
    expect(job.stage).toBe('test');
    expect(job.image).toMatch(/^node:(2\d)/);
    expect(job.before_script.join('\n')).toMatch(/^npm ci /);
    const lint = job.script.find((line) => line.includes('gen-modules lint'));
    expect(job.script.some((line) => line.startsWith('npx gen-modules --check'))).toBe(true);
    expect(lint).toMatch(/--format gitlab > gl-code-quality-report\.json/);
    expect(job.artifacts).toEqual({ when: 'always', reports: { codequality: 'gl-code-quality-report.json' } });
  });

  test('the built-in stack passes, with an empty report', () => {
    const dir = checkout();
    const run = runJob(dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(report(dir)).toEqual([]);
  });

  test('a lint error fails the job after writing the report, paths relative to the repository root', () => {
    const dir = checkout();
    addLegacyModule(dir);
    const run = runJob(dir, { GEN_MODULES_LINT_PATHS: 'out/modules-k8s legacy' });
    expect(run.status).toBe(1);
    const issues = report(dir);
    expectCodeQuality(issues);
    expect(issues.map((i) => [i.check_name, i.severity, i.location.path])).toContainEqual([
      'secrets/hardcoded',
      'critical',
      'legacy/main.tf',
    ]);
  });

  test('drift fails the job, lint still runs, and a lint that stops before reporting (exit 2) leaves a readable report', () => {
    const dir = checkout();
    drift(dir);
    fs.writeFileSync(path.join(dir, 'gen-modules.config.json'), '{ "rules": { "no/such-rule": "off" } }');
    const run = runJob(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('--- a/out/modules-k8s/grafana/variables.tf');
    expect(run.stderr).toContain('1 file(s) out of date');
    expect(run.stderr).toContain('gen-modules.config.json: rules.no/such-rule: unknown rule id');
    expect(report(dir)).toEqual([]);
  });
});

describe('GitHub Actions workflow', () => {
  const workflow = readYaml(GITHUB) as GithubWorkflow;
  const steps = workflow.jobs['gen-modules']!.steps;
  const step = (predicate: (s: GithubStep) => boolean): GithubStep => {
    const found = steps.find(predicate);
    if (!found) throw new Error('no such step');
    return found;
  };
  const check = step((s) => s.run?.startsWith('npx gen-modules --check') === true);
  const lint = step((s) => s.run?.includes('gen-modules lint') === true);
  const upload = step((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@') === true);
  const sarifFile = String(upload.with?.['sarif_file']);
  /** A `run` step as the runner runs it: `bash -e`, the workflow's env in the environment. */
  const runStep = (s: GithubStep, dir: string, env: Record<string, string> = {}): ShellRun =>
    shell(['-e', '-c', s.run!], dir, { ...workflow.env, ...env });

  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(JSON.parse(fs.readFileSync(require.resolve('ajv/lib/refs/json-schema-draft-04.json'), 'utf8')) as object);
  const validate = ajv.compile(schema);
  interface SarifLog {
    runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
  }
  const sarif = (dir: string): SarifLog => {
    const log = JSON.parse(fs.readFileSync(path.join(dir, sarifFile), 'utf8')) as SarifLog;
    expect(validate(log)).toBe(true);
    return log;
  };

  test('runs on pull requests with the permission to upload SARIF; check, lint to SARIF, upload', () => {
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    expect(steps.indexOf(check)).toBeLessThan(steps.indexOf(lint));
    expect(steps.indexOf(lint)).toBeLessThan(steps.indexOf(upload));
    expect(lint.run).toMatch(new RegExp(`--format sarif > ${sarifFile.replace('.', '\\.')}$`));
  });

  test('lint runs after a failed check, and the upload after a failed lint', () => {
    // Without a status function in `if`, GitHub skips a step once one before it failed.
    expect(lint.if).toMatch(/!cancelled\(\)|always\(\)/);
    expect(upload.if).toMatch(/!cancelled\(\)|always\(\)/);
    expect(upload.if).toContain(`steps.${lint.id}.outcome == 'failure'`);
  });

  test('the built-in stack passes with a valid, empty SARIF log', () => {
    const dir = checkout();
    expect(runStep(check, dir).status).toBe(0);
    expect(runStep(lint, dir).status).toBe(0);
    expect(sarif(dir).runs[0]!.results).toEqual([]);
  });

  test('a lint error fails the step after writing valid SARIF, URIs relative to the repository root', () => {
    const dir = checkout();
    addLegacyModule(dir);
    expect(runStep(lint, dir, { GEN_MODULES_LINT_PATHS: 'out/modules-k8s legacy' }).status).toBe(1);
    const results = sarif(dir).runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation.artifactLocation.uri])).toContainEqual([
      'secrets/hardcoded',
      'legacy/main.tf',
    ]);
  });
});
