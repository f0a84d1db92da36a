/**
 * Text edits on a source file by 0-based UTF-16 offsets, as fixes carry them:
 * replace `[start, end)` of `file` by `text` (an insertion when start = end).
 */

export interface TextEdit {
  /** Path of the file, as the loader gave it (absolute). */
  file: string;
  start: number;
  end: number;
  text: string;
}

/** Offsets where each line of the source starts (index 0 is line 1). */
export function lineStarts(source: string): number[] {
  const starts = [0];
  for (let at = source.indexOf('\n'); at >= 0; at = source.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

/** The offset of a 1-based line and column (UTF-16 code units, as ranges count them). */
export function offsetAt(starts: readonly number[], line: number, column: number): number {
  return (starts[line - 1] ?? starts[starts.length - 1] ?? 0) + column - 1;
}

/**
 * Whether two edits of one file touch the same text: their replaced spans
 * intersect, or one is inserted strictly inside the other's span. Two
 * insertions at one place do not overlap: they are written in turn.
 */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  if (a.start === a.end) return b.start < a.start && a.start < b.end;
  if (b.start === b.end) return a.start < b.start && b.start < a.end;
  return a.start < b.end && b.start < a.end;
}

/** The source with non-overlapping edits applied; edits at one place are written in the order given. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.index - b.index);
  let out = '';
  let at = 0;
  for (const { edit } of ordered) {
    out += source.slice(at, Math.max(at, edit.start)) + edit.text;
    at = Math.max(at, edit.end);
  }
  return out + source.slice(at);
}
