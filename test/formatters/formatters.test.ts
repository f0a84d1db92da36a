import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatters, OUTPUT_FORMATS, sortFindings, type OutputFormat } from '../../src/formatters';
import type { CodeQualityIssue } from '../../src/formatters/gitlab';
import type { JsonReport } from '../../src/formatters/json';
import { formatFindingLine } from '../../src/formatters/text';
import type { Finding } from '../../src/lint/types';
import { CONTEXT, CWD, FINDINGS } from './fixtures';
import { parseXml, type XmlElement } from './xml';

const GOLDEN: Record<OutputFormat, string> = {
  text: 'report.txt',
  json: 'report.json',
  sarif: 'report.sarif.json',
  junit: 'report.junit.xml',
  checkstyle: 'report.checkstyle.xml',
  gitlab: 'report.gitlab.json',
};

const SORTED = sortFindings(FINDINGS);
const render = (format: OutputFormat, findings: readonly Finding[] = SORTED, context = CONTEXT) => formatters[format](findings, context);

describe.each(OUTPUT_FORMATS)('%s', (format) => {
  test('prints exactly the golden report for the fixed findings', () => {
    expect(render(format)).toBe(readFileSync(path.join(__dirname, 'golden', GOLDEN[format]), 'utf8'));
  });

  test('ends with a newline and uses LF only', () => {
    const output = render(format);
    expect(output.endsWith('\n')).toBe(true);
    expect(output).not.toContain('\r');
  });
});

describe('sort order', () => {
  test('file, then line, then column, then rule id', () => {
    expect(SORTED.map((f) => `${path.relative(CWD, f.range.file)}:${f.range.line}:${f.range.column} ${f.ruleId}`)).toEqual([
      'modules/db/main.tf:3:1 hcl/parse-error',
      'modules/web/main.tf:4:3 health/probes',
      'modules/web/main.tf:4:3 health/probes',
      'modules/web/main.tf:12:5 conventions/labels',
      'modules/web/main.tf:12:5 storage/class',
    ]);
    expect(sortFindings([...SORTED].reverse())).toEqual(SORTED);
  });
});

describe('text', () => {
  test('prints nothing when there are no findings', () => {
    expect(render('text', [])).toBe('');
  });

  test('colours severities and the summary on request, and only then', () => {
    const coloured = render('text', SORTED, { ...CONTEXT, color: true });
    expect(coloured).toContain('\u001b[31merror\u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
    expect(coloured.replace(new RegExp(`${String.fromCharCode(27)}\\[\\d+m`, 'g'), '')).toBe(render('text'));
    expect(render('text')).not.toContain('\u001b');
  });

  test('a finding line is file:line:col, severity, rule id and message, two spaces apart', () => {
    expect(formatFindingLine(SORTED[0]!, { cwd: CWD, color: false })).toBe(
      'modules/db/main.tf:3:1  error  hcl/parse-error  unexpected "}"; fix the syntax so this file can be linted',
    );
  });

  test('singular summary', () => {
    expect(render('text', [SORTED[1]!]).split('\n').at(-2)).toBe('1 problem (1 error, 0 warnings, 0 info)');
  });

  describe('at a terminal', () => {
    const atTerminal = (findings: readonly Finding[], passed: boolean, files = CONTEXT.files) =>
      render('text', findings, { ...CONTEXT, files, terminal: { passed } });
    const warnings = SORTED.filter((f) => f.severity !== 'error');

    test('clean: one line with a check mark and the number of files', () => {
      expect(atTerminal([], true)).toBe('✓ 3 files, 0 problems\n');
      expect(atTerminal([], true, [CONTEXT.files![0]!])).toBe('✓ 1 file, 0 problems\n');
    });

    test('with findings: the same findings, the summary led by the outcome and the number of files', () => {
      const passing = atTerminal(warnings, true);
      expect(passing.split('\n').at(-2)).toBe('✓ 3 files, 2 problems (0 errors, 1 warning, 1 info)');
      expect(passing.split('\n').slice(0, -2)).toEqual(render('text', warnings).split('\n').slice(0, -2));
      expect(atTerminal(warnings, false).split('\n').at(-2)).toBe('✗ 3 files, 2 problems (0 errors, 1 warning, 1 info)');
      expect(atTerminal(SORTED, false).split('\n').at(-2)).toBe('✗ 3 files, 5 problems (3 errors, 1 warning, 1 info)');
    });

    test('coloured green when clean, red when the run fails', () => {
      expect(render('text', [], { ...CONTEXT, color: true, terminal: { passed: true } })).toBe(
        '\u001b[1m\u001b[32m✓ 3 files, 0 problems\u001b[39m\u001b[22m\n',
      );
      expect(render('text', warnings, { ...CONTEXT, color: true, terminal: { passed: false } })).toContain('\u001b[31m✗ 3 files');
    });
  });
});

describe('json', () => {
  test('carries exactly the contract fields, paths relative to cwd with / separators', () => {
    const report = JSON.parse(render('json')) as JsonReport;
    expect(Object.keys(report)).toEqual(['findings', 'errorCount', 'warningCount', 'infoCount']);
    for (const finding of report.findings) {
      expect(Object.keys(finding)).toEqual(['ruleId', 'severity', 'file', 'line', 'column', 'endLine', 'endColumn', 'message', 'address']);
    }
    expect(report.findings.map((f) => f.file)).toEqual([
      'modules/db/main.tf',
      'modules/web/main.tf',
      'modules/web/main.tf',
      'modules/web/main.tf',
      'modules/web/main.tf',
    ]);
    expect([report.errorCount, report.warningCount, report.infoCount]).toEqual([3, 1, 1]);
  });
});

describe('sarif', () => {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
  ajv.addMetaSchema(JSON.parse(readFileSync(require.resolve('ajv/lib/refs/json-schema-draft-04.json'), 'utf8')) as object);
  const validate = ajv.compile(schema);

  test('is valid SARIF 2.1.0, with and without findings', () => {
    for (const findings of [SORTED, []]) {
      const valid = validate(JSON.parse(render('sarif', findings)));
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
    }
  });

  test('the schema check catches a broken log', () => {
    const log = JSON.parse(render('sarif')) as { runs: Array<{ results: Array<{ level: string }> }> };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });

  test('results point at their rule and rules link to their docs', () => {
    const log = JSON.parse(render('sarif')) as {
      runs: Array<{
        tool: { driver: { rules: Array<{ id: string; helpUri: string }> } };
        results: Array<{ ruleId: string; ruleIndex: number; level: string }>;
      }>;
    };
    const run = log.runs[0]!;
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]?.id).toBe(result.ruleId);
    expect(run.tool.driver.rules.map((r) => r.helpUri)).toEqual(CONTEXT.rules.map((r) => r.docsUrl));
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'error', 'note', 'warning']);
  });
});

describe('sarif fingerprints', () => {
  type Log = { runs: Array<{ results: Array<{ partialFingerprints: Record<string, string> }> }> };
  const prints = (findings: readonly Finding[]) =>
    (JSON.parse(render('sarif', findings)) as Log).runs[0]!.results.map((r) => r.partialFingerprints['genModulesIdentity/v1']);

  test('each result carries the GitLab report fingerprint of the same finding, which ignores the line', () => {
    const gitlab = (JSON.parse(render('gitlab')) as CodeQualityIssue[]).map((i) => i.fingerprint);
    expect(prints(SORTED)).toEqual(gitlab);
    expect(new Set(gitlab).size).toBe(gitlab.length);
    const shifted = SORTED.map((f) => ({ ...f, range: { ...f.range, line: f.range.line + 3, endLine: f.range.endLine + 3 } }));
    expect(prints(shifted)).toEqual(gitlab);
  });
});

describe('gitlab', () => {
  const issues = (findings: readonly Finding[]) => JSON.parse(render('gitlab', findings)) as CodeQualityIssue[];
  const shift = (f: Finding, by: number): Finding => ({
    ...f,
    range: { ...f.range, line: f.range.line + by, endLine: f.range.endLine + by },
  });

  test('fingerprints are unique, also for findings on the same address with the same rule', () => {
    const twins = [SORTED[1]!, { ...SORTED[1]!, range: { ...SORTED[1]!.range, line: 30 } }];
    const fingerprints = issues([...SORTED, ...twins]).map((i) => i.fingerprint);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
  });

  test('fingerprints survive a line shift', () => {
    expect(issues(SORTED.map((f) => shift(f, 7))).map((i) => i.fingerprint)).toEqual(issues(SORTED).map((i) => i.fingerprint));
  });

  test('fingerprints change with the path, the address or the rule', () => {
    const base = issues([SORTED[4]!])[0]!.fingerprint;
    const moved = { ...SORTED[4]!, range: { ...SORTED[4]!.range, file: `${CWD}/modules/other/main.tf` } };
    expect(issues([moved])[0]!.fingerprint).not.toBe(base);
    expect(issues([{ ...SORTED[4]!, address: 'kubernetes_persistent_volume_claim_v1.other' }])[0]!.fingerprint).not.toBe(base);
    expect(issues([{ ...SORTED[4]!, ruleId: 'storage/other' }])[0]!.fingerprint).not.toBe(base);
  });

  test('severity mapping and 1-based begin line', () => {
    expect(issues(SORTED).map((i) => [i.check_name, i.severity, i.location.lines.begin])).toEqual([
      ['hcl/parse-error', 'blocker', 3],
      ['health/probes', 'critical', 4],
      ['health/probes', 'critical', 4],
      ['conventions/labels', 'info', 12],
      ['storage/class', 'minor', 12],
    ]);
  });
});

describe('XML formats', () => {
  const hostile: Finding = {
    ruleId: 'a/b',
    severity: 'error',
    message: `quote " apostrophe ' amp & lt < gt > ]]> control \u0001 done`,
    range: { file: `${CWD}/we&ird <name>.tf`, line: 1, column: 1, endLine: 1, endColumn: 2 },
  };

  function all(element: XmlElement, name: string): XmlElement[] {
    return [...(element.name === name ? [element] : []), ...element.children.flatMap((child) => all(child, name))];
  }

  test('junit is well-formed, escapes text, and counts tests and failures', () => {
    const root = parseXml(render('junit', [...SORTED, hostile]));
    expect(root.name).toBe('testsuites');
    expect(root.attributes).toMatchObject({ tests: '7', failures: '6' });
    const failure = all(root, 'failure').find((f) => f.attributes.type === 'error' && f.attributes.message?.startsWith('quote'));
    expect(failure?.attributes.message).toBe(`quote " apostrophe ' amp & lt < gt > ]]> control  done`);
    expect(all(root, 'testsuite').map((s) => s.attributes.name)).toContain('we&ird <name>.tf');
    expect(all(root, 'testcase')).toHaveLength(7);
  });

  test('checkstyle is well-formed, lists every file and escapes attributes', () => {
    const root = parseXml(render('checkstyle', [...SORTED, hostile]));
    expect(root.name).toBe('checkstyle');
    expect(all(root, 'file').map((f) => f.attributes.name)).toEqual([
      'modules/db/main.tf',
      'modules/web/main.tf',
      'modules/web/variables.tf',
      'we&ird <name>.tf',
    ]);
    expect(all(root, 'error').at(-1)?.attributes).toEqual({
      line: '1',
      column: '1',
      severity: 'error',
      message: `quote " apostrophe ' amp & lt < gt > ]]> control  done`,
      source: 'gen-modules.a/b',
    });
  });

  test('the checker rejects what is not well-formed', () => {
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a><b></a>')).toThrow();
    expect(() => parseXml('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1 & 2"/>')).toThrow();
  });
});
