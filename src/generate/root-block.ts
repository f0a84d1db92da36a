import { UserError } from '../errors';

/**
 * The managed block of a root module file: gen-modules owns the lines between
 * the markers and nothing else, so whatever the user keeps around them
 * (providers, hand-written module calls, comments) stays byte for byte.
 */

export const BEGIN_MARKER = '# BEGIN gen-modules';
export const END_MARKER = '# END gen-modules';

interface BlockPosition {
  /** Offset of the first character after the BEGIN line. */
  start: number;
  /** Offset of the first character of the END line. */
  end: number;
}

/** The block's content (between the marker lines), or undefined when the file has no block. */
export function readBlock(file: string, text: string): string | undefined {
  const position = findBlock(file, text);
  return position && text.slice(position.start, position.end);
}

/** The file with its block's content replaced by `content`; a missing block is added at the end. */
export function writeBlock(file: string, text: string | undefined, content: string): string {
  const body = content.endsWith('\n') ? content : `${content}\n`;
  const current = text ?? '';
  const position = findBlock(file, current);
  if (position) return current.slice(0, position.start) + body + current.slice(position.end);
  return `${separator(current)}${BEGIN_MARKER}\n${body}${END_MARKER}\n`;
}

/** What goes between existing text and a new block: nothing in an empty file, else a blank line. */
function separator(text: string): string {
  if (text === '') return '';
  if (text.endsWith('\n\n')) return text;
  return text.endsWith('\n') ? `${text}\n` : `${text}\n\n`;
}

function findBlock(file: string, text: string): BlockPosition | undefined {
  const begins = markerLines(text, BEGIN_MARKER);
  const ends = markerLines(text, END_MARKER);
  if (begins.length === 0 && ends.length === 0) return undefined;
  const begin = begins[0];
  const end = ends[0];
  if (begins.length !== 1 || ends.length !== 1 || begin === undefined || end === undefined || end < begin) {
    throw new UserError(
      `${file}: expected one "${BEGIN_MARKER}" line followed by one "${END_MARKER}" line, found ${begins.length} and ${ends.length}${
        begin !== undefined && end !== undefined && end < begin ? ' in the wrong order' : ''
      }; fix the markers by hand`,
    );
  }
  return { start: begin + BEGIN_MARKER.length + 1, end };
}

/** Offsets of the lines that are exactly `marker`: the markers are written by gen-modules, so no variant is accepted. */
function markerLines(text: string, marker: string): number[] {
  const offsets: number[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line === marker) offsets.push(offset);
    offset += line.length + 1;
  }
  return offsets;
}
