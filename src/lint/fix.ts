/**
 * `lint --fix`: apply the fixes findings carry, re-lint, and repeat until no
 * fix applies (ESLint's loop). In one pass, a fix whose edits overlap an edit
 * already taken waits for the next pass, when it is recomputed on the new text.
 * A file that was `terraform fmt`-exact before a pass is formatted after it, so
 * a fix never leaves layout for `terraform fmt` to correct; a file that was not
 * is formatted only by the `terraform/fmt` fix. Nothing is written here: the
 * caller gets the new texts.
 */
import { applyEdits, editsOverlap, type TextEdit } from '../hcl/edits';
import { formatHcl } from '../hcl/format';
import { parseFileSync } from '../hcl/parser';
import { lintFiles, type LintOptions } from './engine';
import { PARSE_ERROR, type Finding, type Fix } from './types';
import { byKey } from '../util/compare';

/** ESLint's bound: a fix that keeps producing fixes stops here. */
export const MAX_PASSES = 10;

export interface FixOptions extends Omit<LintOptions, 'paths' | 'cacheLocation'> {
  /** The files whose findings may be fixed (the reported files); every file when absent. */
  fixable?: ReadonlySet<string>;
  /** What a file is generated from (its spec), when it is generated: such a file is never fixed. */
  generatedFrom?: (file: string, text: string) => string | undefined;
}

export interface FixRun {
  /** Every file's text after the fixes (the same text when nothing changed). */
  texts: Map<string, string>;
  /** The files the fixes changed, sorted. */
  changed: string[];
  /** What remains after the last pass: the findings of the fixed texts. */
  findings: Finding[];
  /** Fixes applied, over every pass. */
  applied: number;
  /** Generated files with a fix their findings carry and were not given, and the spec each comes from. */
  generated: Array<{ file: string; spec: string }>;
}

export async function fixFiles(files: ReadonlyMap<string, string>, given: FixOptions): Promise<FixRun> {
  const options = { ...given, fixing: true, generatedFrom: once(given.generatedFrom) };
  let texts = new Map(files);
  let applied = 0;
  let findings = await lintFiles(texts, options);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const broken = new Set(findings.filter((finding) => finding.ruleId === PARSE_ERROR).map((finding) => finding.range.file));
    const fixes = findings.filter((finding) => allowed(finding, texts, options, broken)).map((finding) => finding.fix as Fix);
    const result = applyFixes(texts, fixes);
    if (result.applied === 0 || [...result.texts].every(([file, text]) => texts.get(file) === text)) break;
    applied += result.applied;
    texts = result.texts;
    findings = await lintFiles(texts, options);
  }
  const changed = [...texts.keys()].filter((file) => texts.get(file) !== files.get(file)).sort();
  return { texts, changed, findings, applied, generated: refusedGenerated(findings, texts, options) };
}

/** The generated-file check asked once per file text (it hashes the file). */
function once(generatedFrom: FixOptions['generatedFrom']): FixOptions['generatedFrom'] {
  if (!generatedFrom) return undefined;
  const known = new Map<string, string | undefined>();
  return (file, text) => {
    const key = `${file}\0${text}`;
    if (!known.has(key)) known.set(key, generatedFrom(file, text));
    return known.get(key);
  };
}

/**
 * A finding whose fix may apply: it has one, is in a fixable file, and every
 * file it edits is hand-written and parses (the ranges in a file read past an
 * error may be off).
 */
function allowed(finding: Finding, texts: ReadonlyMap<string, string>, options: FixOptions, broken: ReadonlySet<string>): boolean {
  if (!finding.fix || finding.fix.edits.length === 0) return false;
  if (options.fixable && !options.fixable.has(finding.range.file)) return false;
  return finding.fix.edits.every((edit) => {
    const text = texts.get(edit.file);
    return text !== undefined && !broken.has(edit.file) && options.generatedFrom?.(edit.file, text) === undefined;
  });
}

function refusedGenerated(findings: readonly Finding[], texts: ReadonlyMap<string, string>, options: FixOptions): FixRun['generated'] {
  const out = new Map<string, string>();
  for (const finding of findings) {
    if (!finding.fix || (options.fixable && !options.fixable.has(finding.range.file))) continue;
    for (const edit of finding.fix.edits) {
      const text = texts.get(edit.file);
      const spec = text === undefined ? undefined : options.generatedFrom?.(edit.file, text);
      if (spec !== undefined) out.set(edit.file, spec);
    }
  }
  return [...out].map(([file, spec]) => ({ file, spec })).sort(byKey((entry) => entry.file));
}

/**
 * One pass: take each fix whose edits overlap no edit already taken (and each
 * other's), in the order given, and apply them. A file a pass breaks (it parsed
 * before and does not after) is a bug in a fix: the pass is refused whole.
 */
export function applyFixes(texts: ReadonlyMap<string, string>, fixes: readonly Fix[]): { texts: Map<string, string>; applied: number } {
  const taken: TextEdit[] = [];
  let applied = 0;
  for (const fix of fixes) {
    const clash = fix.edits.some(
      (edit, i) => taken.some((other) => editsOverlap(edit, other)) || fix.edits.slice(0, i).some((other) => editsOverlap(edit, other)),
    );
    if (clash) continue;
    taken.push(...fix.edits);
    applied++;
  }
  const next = new Map(texts);
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of taken) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  for (const [file, edits] of byFile) {
    const before = texts.get(file) ?? '';
    // A checkout with CRLF line ends (core.autocrlf) keeps them in what a fix adds.
    const lineEnds = before.includes('\r\n') ? edits.map((edit) => ({ ...edit, text: edit.text.replace(/\r?\n/g, '\r\n') })) : edits;
    const edited = applyEdits(before, lineEnds);
    const after = formatHcl(before) === before ? formatHcl(edited) : edited;
    if (parses(before, file) && !parses(after, file)) {
      const detail = parseFileSync(file, after).errors[0]?.message ?? '';
      throw new Error(`a fix left ${file} unparsable (${detail}); nothing was written`);
    }
    next.set(file, after);
  }
  return { texts: next, applied };
}

function parses(text: string, file: string): boolean {
  return parseFileSync(file, text).errors.length === 0;
}
