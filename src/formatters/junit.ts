import type { Finding } from '../lint/types';
import { displayPath, escapeXml, groupByFile, type Formatter } from './types';

/**
 * JUnit XML: a test suite per file, a failing test case per finding, and one
 * passing test case for each linted file without findings.
 */
export const formatJunit: Formatter = (findings, context) => {
  const groups = groupByFile(findings);
  for (const file of context.files ?? []) if (!groups.has(file)) groups.set(file, []);
  const files = [...groups.keys()].sort();
  const suites = files.map((file) => suite(displayPath(file, context.cwd), groups.get(file) ?? []));
  const failures = findings.length;
  const tests = files.reduce((sum, file) => sum + Math.max(1, groups.get(file)?.length ?? 0), 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gen-modules" tests="${tests}" failures="${failures}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
};

function suite(file: string, findings: Finding[]): string {
  const name = escapeXml(file);
  if (findings.length === 0) {
    return [
      `  <testsuite name="${name}" tests="1" failures="0" errors="0">`,
      `    <testcase name="${name}" classname="${name}"/>`,
      '  </testsuite>',
    ].join('\n');
  }
  const cases = findings.map((f) => {
    const where = `${file}:${f.range.line}:${f.range.column}`;
    return [
      `    <testcase name="${escapeXml(`${f.ruleId} at ${where}`)}" classname="${name}">`,
      `      <failure message="${escapeXml(f.message)}" type="${f.severity}">${escapeXml(`${where}  ${f.severity}  ${f.ruleId}  ${f.message}`)}</failure>`,
      '    </testcase>',
    ].join('\n');
  });
  return [
    `  <testsuite name="${name}" tests="${findings.length}" failures="${findings.length}" errors="0">`,
    ...cases,
    '  </testsuite>',
  ].join('\n');
}
