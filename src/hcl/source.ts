/**
 * Source files as bytes: HCL reads UTF-8 only. A file that is not valid UTF-8
 * still becomes text, so the rest of it can be read, with each invalid byte
 * kept as a lone surrogate (U+DC80 to U+DCFF), which valid UTF-8 never decodes
 * to; the parser reports those places.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of a file's bytes; invalid UTF-8 bytes become U+DC00 + the byte. */
export function decodeSource(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    return decodeLeniently(bytes);
  }
}

/** Length of the UTF-8 sequence a lead byte starts, and the range its second byte must fall in; 0 for a byte no sequence starts with. */
function sequence(lead: number): [length: number, low: number, high: number] {
  if (lead >= 0xc2 && lead <= 0xdf) return [2, 0x80, 0xbf];
  if (lead === 0xe0) return [3, 0xa0, 0xbf];
  if (lead === 0xed) return [3, 0x80, 0x9f];
  if (lead >= 0xe1 && lead <= 0xef) return [3, 0x80, 0xbf];
  if (lead === 0xf0) return [4, 0x90, 0xbf];
  if (lead >= 0xf1 && lead <= 0xf3) return [4, 0x80, 0xbf];
  if (lead === 0xf4) return [4, 0x80, 0x8f];
  return [0, 0, 0];
}

function decodeLeniently(bytes: Uint8Array): string {
  let out = '';
  let at = 0;
  let plainFrom = 0;
  const flush = (to: number): void => {
    if (to > plainFrom) out += UTF8.decode(bytes.subarray(plainFrom, to));
  };
  while (at < bytes.length) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at++;
      continue;
    }
    const [length, low, high] = sequence(lead);
    let valid = length > 0 && at + length <= bytes.length;
    for (let i = 1; valid && i < length; i++) {
      const byte = bytes[at + i]!;
      valid = i === 1 ? byte >= low && byte <= high : byte >= 0x80 && byte <= 0xbf;
    }
    if (valid) {
      at += length;
      continue;
    }
    flush(at);
    out += String.fromCharCode(0xdc00 + lead);
    plainFrom = ++at;
  }
  flush(at);
  return out;
}

const INVALID_BYTE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g;

/** Where the text holds a byte that was not UTF-8: 0-based offset and the byte, one per line (the first). */
export function invalidBytes(text: string): Array<{ offset: number; byte: number }> {
  const found: Array<{ offset: number; byte: number }> = [];
  let lastLineStart = -1;
  for (const match of text.matchAll(INVALID_BYTE)) {
    const offset = match.index;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    if (lineStart === lastLineStart) continue;
    lastLineStart = lineStart;
    found.push({ offset, byte: match[0].charCodeAt(0) - 0xdc00 });
  }
  return found;
}
