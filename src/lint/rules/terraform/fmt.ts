import { formatHcl } from '../../../hcl/format';
import { createRule } from '../../rule';
import type { TfFile } from '../../../terraform/types';
import { plural } from '../../../util/text';

/** Where a file and its formatted text part ways, and how many lines differ. */
interface Difference {
  /** 0-based index of the first differing line. */
  first: number;
  count: number;
  /** The file as `terraform fmt` writes it. */
  formatted: string;
}

/**
 * Compares line by line at the same positions: hclwrite only changes the blanks
 * between tokens and never adds or removes a newline, so lines stay aligned.
 */
function difference(text: string, formatted: string): Difference | undefined {
  if (text === formatted) return undefined;
  const before = text.split('\n');
  const after = formatted.split('\n');
  let first = -1;
  let count = 0;
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    if (before[i] === after[i]) continue;
    if (first < 0) first = i;
    count++;
  }
  return first < 0 ? undefined : { first, count, formatted };
}

/**
 * A folder called by several `module` blocks is one instance per call, all
 * sharing the same file objects: format each file once.
 */
const differences = new WeakMap<TfFile, Difference | null>();

function fileDifference(file: TfFile): Difference | undefined {
  let diff = differences.get(file);
  if (diff === undefined) differences.set(file, (diff = difference(file.text, formatHcl(file.text)) ?? null));
  return diff ?? undefined;
}

function lineLength(file: TfFile, index: number): number {
  return (file.lines[index] ?? '').length;
}

export default createRule({
  id: 'terraform/fmt',
  defaultSeverity: 'error',
  fixable: true,
  summary: 'Files are laid out exactly as `terraform fmt` writes them',
  messages: {
    unformatted: '{{lines}} from `terraform fmt` output, starting here; run `terraform fmt` on this file',
  },
  check({ module, report, fixing }) {
    // A file that does not parse is reported as a parse error; its layout is moot.
    const broken = new Set(module.parseErrors.map((error) => error.file));
    for (const file of module.files) {
      if (broken.has(file.path)) continue;
      const diff = fileDifference(file);
      if (diff === undefined) continue;
      const line = diff.first + 1;
      report({
        messageId: 'unformatted',
        data: { lines: `${plural(diff.count, 'line')} ${diff.count === 1 ? 'differs' : 'differ'}` },
        range: { file: file.path, line, column: 1, endLine: line, endColumn: lineLength(file, diff.first) + 1 },
        fix: fixing ? { edits: [{ file: file.path, start: 0, end: file.text.length, text: diff.formatted }] } : undefined,
      });
    }
  },
});
