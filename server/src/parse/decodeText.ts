/**
 * Turns the bytes of a file into document text, the way an administrator's exports are really saved:
 * UTF-8 with or without a BOM, UTF-16 LE (Event Viewer's text exports) or BE with or without a BOM,
 * and binary files that must not be read as text (.evtx, anything else).
 */

/** Text decoded from a file, and how it was encoded. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
  /** True when the file started with a byte order mark (not part of `text`). */
  bom: boolean;
}

/** A file that is not text: a binary .evtx log (`ElfFile\0` magic) or anything else. */
export interface BinaryContent {
  binary: 'evtx' | 'unknown';
}

/** How many leading bytes the encoding and binary sniffing look at; keeps sniffing constant-time. */
const SNIFF_BYTES = 64 * 1024;

const EVTX_MAGIC = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"

/**
 * Decodes a file's bytes. BOMs win; without one, a regular pattern of NUL bytes in even or odd
 * positions means UTF-16; otherwise UTF-8, invalid sequences becoming U+FFFD. Content that is mostly
 * NULs, control bytes or invalid UTF-8 is reported as binary instead of decoded.
 */
export function decodeLogBytes(bytes: Uint8Array): DecodedText | BinaryContent {
  if (startsWith(bytes, EVTX_MAGIC)) return { binary: 'evtx' };
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: decodeUtf8(bytes.subarray(3)), encoding: 'utf-8', bom: true };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decodeUtf16le(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decodeUtf16be(bytes.subarray(2)), encoding: 'utf-16be', bom: true };

  const utf16 = sniffUtf16(bytes);
  if (utf16 === 'utf-16le') return { text: decodeUtf16le(bytes), encoding: utf16, bom: false };
  if (utf16 === 'utf-16be') return { text: decodeUtf16be(bytes), encoding: utf16, bom: false };

  if (looksBinary(bytes)) return { binary: 'unknown' };
  return { text: decodeUtf8(bytes), encoding: 'utf-8', bom: false };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
}

function decodeUtf16le(bytes: Uint8Array): string {
  return new TextDecoder('utf-16le', { fatal: false, ignoreBOM: true }).decode(bytes);
}

/** Swaps byte pairs and decodes as LE, so BE works whatever ICU data the runtime carries. */
function decodeUtf16be(bytes: Uint8Array): string {
  const swapped = new Uint8Array(bytes.length - (bytes.length % 2));
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1] ?? 0;
    swapped[i + 1] = bytes[i] ?? 0;
  }
  return decodeUtf16le(swapped);
}

/**
 * ASCII-range text in UTF-16 has a NUL in every other byte: LE puts it in the odd positions, BE in the
 * even ones. Requiring many NULs on one side and almost none on the other keeps binary files out.
 */
function sniffUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(Math.min(bytes.length, SNIFF_BYTES) / 2);
  if (pairs === 0) return undefined;
  let evenNuls = 0;
  let oddNuls = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (bytes[i] === 0) evenNuls++;
    if (bytes[i + 1] === 0) oddNuls++;
  }
  const many = pairs * 0.3;
  const few = pairs * 0.05;
  if (oddNuls >= many && evenNuls <= few) return 'utf-16le';
  if (evenNuls >= many && oddNuls <= few) return 'utf-16be';
  return undefined;
}

/** More than one byte in ten being NUL, a control byte text never holds, or invalid UTF-8 means binary. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (sample.length === 0) return false;
  let suspicious = 0;
  for (const b of sample) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1b) suspicious++;
    else if (b === 0x7f) suspicious++;
  }
  // A sample cut in the middle of a multi-byte sequence yields at most one spurious U+FFFD.
  const decoded = decodeUtf8(sample);
  for (let i = decoded.indexOf('\uFFFD'); i !== -1; i = decoded.indexOf('\uFFFD', i + 1)) suspicious++;
  return suspicious * 10 > sample.length;
}
