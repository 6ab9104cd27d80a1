/** Little-endian reads over a byte array; callers check bounds before reading. */

export function u16(b: Uint8Array, o: number): number {
  return (b[o] as number) | ((b[o + 1] as number) << 8);
}

export function u32(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24)) >>> 0;
}

/** A 64-bit unsigned value as a number; exact below 2^53, which record ids and counters stay under. */
export function u64(b: Uint8Array, o: number): number {
  return u32(b, o) + u32(b, o + 4) * 0x100000000;
}

const utf16Decoder = new TextDecoder('utf-16le');
/** Longest string built with `String.fromCharCode.apply`; longer ones go through the decoder. */
const SHORT_STRING = 64;
/** One reusable array of character codes per length: `apply` then allocates nothing but the string. */
const codeArrays: number[][] = Array.from({ length: SHORT_STRING + 1 }, (_, n) => new Array<number>(n).fill(0));

/** Decodes `count` UTF-16LE code units at `o`; short strings skip the decoder's call overhead. */
export function utf16(b: Uint8Array, o: number, count: number): string {
  if (count > SHORT_STRING) return utf16Decoder.decode(b.subarray(o, o + 2 * count));
  const codes = codeArrays[count] as number[];
  for (let i = 0; i < count; i++) codes[i] = (b[o + 2 * i] as number) | ((b[o + 2 * i + 1] as number) << 8);
  return String.fromCharCode.apply(null, codes);
}

/** Tests the 8-byte signature at `o`. */
export function hasSignature(b: Uint8Array, o: number, signature: readonly number[]): boolean {
  if (o + signature.length > b.length) return false;
  for (let i = 0; i < signature.length; i++) if (b[o + i] !== signature[i]) return false;
  return true;
}
