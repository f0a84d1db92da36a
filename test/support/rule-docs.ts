/**
 * The rule-doc checker: a rule's doc (`docs/rules/<id>.md`) has an Example whose
 * output the linter really prints for the example's code, a Why and a How to fix
 * whose code the rule accepts. The meta-test runs it over every rule.
 */
import path from 'node:path';
import { formatFindingLine } from '../../src/formatters/text';
import { resolveConfig, type ResolvedConfig } from '../../src/lint/config';
import { lintModules } from '../../src/lint/engine';
import { PARSE_ERROR } from '../../src/lint/engine-rules';
import { hasOptions, type Rule } from '../../src/lint/rule';
import type { Finding } from '../../src/lint/types';
import { loadSources } from '../../src/terraform/load';
import { VIRTUAL_ROOT } from './rule-tester';

export interface DocSnippet {
  name: string;
  code: string;
}

export interface ParsedRuleDoc {
  title: string;
  severity: string | undefined;
  sections: Map<string, string>;
  example: DocSnippet[];
  exampleOutput: string[] | undefined;
  fix: DocSnippet[];
  /** A ```json block of the Example: the `gen-modules.config.json` both sections are linted with. */
  config: Record<string, unknown> | undefined;
}

const FENCE = /^```(\w*)[ \t]*\n([\s\S]*?)^```[ \t]*$/gm;
const FILE_LINE = /^#\s*file:\s*(\S+)\s*$/;

export function parseRuleDoc(markdown: string): ParsedRuleDoc {
  const normalised = markdown.replace(/\r\n/g, '\n');
  const [head = '', ...rest] = normalised.split(/^## /m);
  const sections = new Map<string, string>();
  for (const section of rest) {
    const newline = section.indexOf('\n');
    sections.set((newline === -1 ? section : section.slice(0, newline)).trim(), newline === -1 ? '' : section.slice(newline + 1));
  }
  const exampleBlocks = fences(sections.get('Example') ?? '');
  const output = exampleBlocks.find((block) => block.lang === 'text');
  return {
    title: /^# (.+)$/m.exec(head)?.[1]?.trim() ?? '',
    severity: /^Default severity: `([^`]+)`/m.exec(head)?.[1],
    sections,
    example: snippets(exampleBlocks),
    exampleOutput: output?.body.split('\n').filter((line) => line.trim() !== ''),
    fix: snippets(fences(sections.get('How to fix') ?? '')),
    config: configOf(exampleBlocks),
  };
}

function configOf(blocks: Array<{ lang: string; body: string }>): Record<string, unknown> | undefined {
  const block = blocks.find((b) => b.lang === 'json');
  return block ? (JSON.parse(block.body) as Record<string, unknown>) : undefined;
}

/** Where a doc's configuration is placed (nothing is written there). */
const DOC_CONFIG_FILE = 'gen-modules.config.json';

function fences(text: string): Array<{ lang: string; body: string }> {
  return [...text.matchAll(FENCE)].map((m) => ({ lang: m[1] ?? '', body: m[2] ?? '' }));
}

/** HCL blocks as files: a first line `# file: x.tf` names the file (kept, so line numbers match what the reader sees). */
function snippets(blocks: Array<{ lang: string; body: string }>): DocSnippet[] {
  return blocks
    .filter((block) => block.lang === 'hcl')
    .map((block) => ({ name: FILE_LINE.exec(block.body.split('\n', 1)[0] ?? '')?.[1] ?? 'main.tf', code: block.body }));
}

const REQUIRED_SECTIONS = ['Why', 'Example', 'How to fix'];

/**
 * Everything wrong with a rule's doc: its shape, and whether its examples do what
 * it claims when linted with the built-in configuration. Empty when all is well.
 */
export async function checkRuleDoc<O extends Record<string, unknown>>(
  rule: Rule<O>,
  markdown: string,
  rules: readonly Rule[],
): Promise<string[]> {
  const doc = parseRuleDoc(markdown);
  const problems: string[] = [];
  if (doc.title !== rule.id) problems.push(`title is "${doc.title}", expected "${rule.id}"`);
  if (doc.severity !== rule.defaultSeverity)
    problems.push(`"Default severity" is ${String(doc.severity)}, expected ${rule.defaultSeverity}`);
  for (const section of REQUIRED_SECTIONS) if (!doc.sections.has(section)) problems.push(`missing section "## ${section}"`);
  if (hasOptions(rule) !== doc.sections.has('Options')) {
    problems.push(
      hasOptions(rule) ? 'the rule has options but the doc has no "## Options"' : 'the doc has "## Options" but the rule has none',
    );
  }
  if (doc.example.length === 0) problems.push('Example has no ```hcl block');
  if (doc.exampleOutput === undefined) problems.push('Example has no ```text block with the output');
  if (doc.fix.length === 0) problems.push('How to fix has no ```hcl block');
  if (problems.length > 0) return problems;

  const known = rules.some((r) => r.id === rule.id) ? rules : [...rules, rule];
  const config = doc.config
    ? resolveConfig(doc.config, { file: path.join(VIRTUAL_ROOT, DOC_CONFIG_FILE), rules: known })
    : resolveConfig({}, { file: null, rules: known });
  const whole = rule.scope === 'tree';
  const exampleLines = (await lintSnippets(rule.id, doc.example, config, problems, 'Example', whole))
    .filter((f) => f.ruleId === rule.id)
    .map(describeFinding);
  if (JSON.stringify(exampleLines) !== JSON.stringify(doc.exampleOutput)) {
    problems.push(
      `Example output differs.\n  doc:\n    ${(doc.exampleOutput ?? []).join('\n    ')}\n  actual:\n    ${exampleLines.join('\n    ')}`,
    );
  }
  const fixLines = (await lintSnippets(rule.id, doc.fix, config, problems, 'How to fix', whole))
    .filter((f) => f.ruleId === rule.id)
    .map(describeFinding);
  if (fixLines.length > 0) problems.push(`How to fix still has findings:\n    ${fixLines.join('\n    ')}`);
  return problems;
}

async function lintSnippets(
  ruleId: string,
  snippets: DocSnippet[],
  config: ResolvedConfig,
  problems: string[],
  section: string,
  wholeRepository: boolean,
): Promise<Finding[]> {
  const files: Record<string, string> = {};
  for (const snippet of snippets) {
    if (snippet.name in files) problems.push(`${section} has two blocks for ${snippet.name}`);
    files[snippet.name] = snippet.code;
  }
  // A rule that compares modules across the tree sees the snippets as a whole repository.
  const findings = lintModules(await loadSources(files, VIRTUAL_ROOT), config, wholeRepository);
  const parseErrors = findings.filter((f) => f.ruleId === PARSE_ERROR);
  if (parseErrors.length > 0 && !(section === 'Example' && ruleId === PARSE_ERROR)) {
    problems.push(`${section} does not parse:\n    ${parseErrors.map(describeFinding).join('\n    ')}`);
  }
  return findings;
}

function describeFinding(finding: Finding): string {
  return formatFindingLine(finding, { cwd: VIRTUAL_ROOT, color: false });
}
