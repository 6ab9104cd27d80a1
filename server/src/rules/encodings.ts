/** Byte encodings behind the `base64`, `base64offset` and `utf16*` / `wide` modifiers. */

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be' | 'utf16';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes of a text in the given encoding (`utf16` is little-endian with a byte order mark, as Python writes it). */
export function encodeText(text: string, encoding: TextEncoding): number[] {
  if (encoding === 'utf8') return Array.from(new TextEncoder().encode(text));
  const bytes: number[] = encoding === 'utf16' ? [0xff, 0xfe] : [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (encoding === 'utf16be') bytes.push(c >> 8, c & 0xff);
    else bytes.push(c & 0xff, c >> 8);
  }
  return bytes;
}

/** Standard base64 with `=` padding. */
export function base64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += BASE64_ALPHABET[(n >> 18) & 63];
    out += BASE64_ALPHABET[(n >> 12) & 63];
    out += b === undefined ? '=' : BASE64_ALPHABET[(n >> 6) & 63];
    out += c === undefined ? '=' : BASE64_ALPHABET[n & 63];
  }
  return out;
}

const OFFSET_STARTS = [0, 2, 3];
const OFFSET_ENDS = [0, 3, 2];

/**
 * The three base64 forms of `bytes` as they appear inside a longer base64 text, for each of the three
 * alignments the bytes can have: encode with 0-2 leading filler bytes and cut the characters that depend
 * on the filler or on what follows.
 */
export function base64Offsets(bytes: readonly number[]): string[] {
  const forms: string[] = [];
  for (let i = 0; i < 3; i++) {
    const encoded = base64([...new Array<number>(i).fill(0x20), ...bytes]);
    const cutEnd = OFFSET_ENDS[(bytes.length + i) % 3] ?? 0;
    forms.push(encoded.slice(OFFSET_STARTS[i], encoded.length - cutEnd));
  }
  return forms;
}
