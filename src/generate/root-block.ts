import { UserError } from '../errors';

/**
 * The managed block of a root module file: gen-modules owns the lines between
 * the markers and nothing else, so whatever the user keeps around them
 * (providers, hand-written module calls, comments) stays byte for byte.
 */

export const BEGIN_MARKER = '# BEGIN gen-modules';
export const END_MARKER = '# END gen-modules';

export interface BlockPosition {
  /** Offset of the first character after the BEGIN line. */
  start: number;
  /** Offset of the first character of the END line. */
  end: number;
  /** The BEGIN line ends in CRLF. */
  crlf: boolean;
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
  // A CRLF checkout keeps CRLF inside the block too.
  if (position)
    return current.slice(0, position.start) + (position.crlf ? body.replace(/\n/g, '\r\n') : body) + current.slice(position.end);
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
  const begin = begins[0]?.offset;
  const end = ends[0]?.offset;
  if (begins.length !== 1 || ends.length !== 1 || begin === undefined || end === undefined || end < begin) {
    throw new UserError(
      `${file}: expected one "${BEGIN_MARKER}" line followed by one "${END_MARKER}" line, found ${begins.length} and ${ends.length}${
        begin !== undefined && end !== undefined && end < begin ? ' in the wrong order' : ''
      }; fix the markers by hand`,
    );
  }
  const crlf = (begins[0] as MarkerLine).crlf;
  return { start: begin + BEGIN_MARKER.length + (crlf ? 2 : 1), end, crlf };
}

interface MarkerLine {
  offset: number;
  crlf: boolean;
}

/** Offsets of the lines that are exactly `marker`: the markers are written by gen-modules, so no variant is accepted. */
function markerLines(text: string, marker: string): MarkerLine[] {
  const found: MarkerLine[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    if (line === marker || line === `${marker}\r`) found.push({ offset, crlf: line.endsWith('\r') });
    offset += line.length + 1;
  }
  return found;
}

/** A `module "<name>"` block header and its 1-based line. */
export interface ModuleBlock {
  name: string;
  line: number;
}

const MODULE_HEADER = /^[ \t]*module[ \t]+"([^"]+)"/;

/** The `module` blocks of a file, outside the managed block when it has one (commented-out blocks are not blocks). */
export function modulesOutsideBlock(file: string, text: string): ModuleBlock[] {
  return moduleBlocks(text, findBlock(file, text));
}

/** The `module` blocks of a file, but those inside `skip`. */
export function moduleBlocks(text: string, skip?: BlockPosition): ModuleBlock[] {
  const position = skip;
  const found: ModuleBlock[] = [];
  let offset = 0;
  text.split('\n').forEach((line, i) => {
    const inside = position !== undefined && offset >= position.start && offset < position.end;
    const name = MODULE_HEADER.exec(line)?.[1];
    if (name !== undefined && !inside) found.push({ name, line: i + 1 });
    offset += line.length + 1;
  });
  return found;
}

/** The names of the `module` blocks of generated content. */
export function moduleNames(content: string): string[] {
  return content.split('\n').flatMap((line) => MODULE_HEADER.exec(line)?.[1] ?? []);
}
