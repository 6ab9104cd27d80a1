import { u16, u32, utf16 } from './bytes';
import { formatFileTime, formatSystemTime } from './formatTime';
import { ValueType, fixedSize } from './valueTypes';

/**
 * Text of substitution values, unescaped: decimal integers, `{UPPER-CASE}` GUIDs, upper-case hex binary,
 * `S-1-...` SIDs and ISO 8601 times with nine fractional digits, as both Windows and evtxexport write them.
 * Hex integers differ: Windows writes `0x3e7`, evtxexport pads to `0x00000000000003e7`; `padHex` picks.
 */

const HEX = '0123456789ABCDEF';
/** Character codes of the upper-case hex digits. */
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
/** Hex text is ASCII, so a UTF-8 decoder turns its bytes into a string in one native call. */
const asciiDecoder = new TextDecoder();
/** Reused for every binary value; it grows to twice the largest value (at most 128 KiB: a value fits a chunk). */
let hexBytes = new Uint8Array(256);
/** Character codes of a GUID, `{` and `}` and the dashes in place; the digits are written per value. */
const guidCodes = Array.from('{00000000-0000-0000-0000-000000000000}', (c) => c.charCodeAt(0));
/** Byte order of a GUID's text: the first three groups are little-endian. */
const GUID_BYTES = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
/** Index in `guidCodes` of each byte's first digit. */
const GUID_AT = [1, 3, 5, 7, 10, 12, 15, 17, 20, 22, 25, 27, 29, 31, 33, 35];
const hexLower = (n: number, width: number): string => n.toString(16).padStart(width, '0');

function hex32(n: number, pad: boolean): string {
  return '0x' + (pad ? hexLower(n, 8) : n.toString(16));
}

function hex64(lo: number, hi: number, pad: boolean): string {
  if (pad) return '0x' + hexLower(hi, 8) + hexLower(lo, 8);
  return '0x' + (hi === 0 ? lo.toString(16) : hi.toString(16) + hexLower(lo, 8));
}

/** Windows-1252 code points of bytes 0x80-0x9f (evtxexport's default code page); other bytes map to Latin-1. */
const CP1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function binaryHex(b: Uint8Array, o: number, size: number): string {
  if (size <= 0) return '';
  if (hexBytes.length < 2 * size) hexBytes = new Uint8Array(2 * size);
  const out = hexBytes;
  for (let i = 0; i < size; i++) {
    const x = b[o + i] as number;
    out[2 * i] = HEX_CODES[x >> 4] as number;
    out[2 * i + 1] = HEX_CODES[x & 15] as number;
  }
  return asciiDecoder.decode(out.subarray(0, 2 * size));
}

/** A UTF-16 string value: NUL characters end it (values often carry their terminator). */
function utf16Value(b: Uint8Array, o: number, size: number): string {
  const count = size >> 1;
  for (let i = 0; i < count; i++) {
    if (b[o + 2 * i] === 0 && b[o + 2 * i + 1] === 0) return utf16(b, o, i);
  }
  return utf16(b, o, count);
}

function ansiValue(b: Uint8Array, o: number, size: number): string {
  let s = '';
  for (let i = 0; i < size; i++) {
    const x = b[o + i] as number;
    if (x === 0) break;
    s += String.fromCharCode(x >= 0x80 && x < 0xa0 ? (CP1252[x - 0x80] as number) : x);
  }
  return s;
}

export function guidText(b: Uint8Array, o: number): string {
  const codes = guidCodes;
  for (let i = 0; i < 16; i++) {
    const x = b[o + (GUID_BYTES[i] as number)] as number;
    const at = GUID_AT[i] as number;
    codes[at] = HEX_CODES[x >> 4] as number;
    codes[at + 1] = HEX_CODES[x & 15] as number;
  }
  return String.fromCharCode.apply(null, codes);
}

/** `S-1-5-21-...`; undefined when the bytes are too short for the sub-authority count. */
export function sidText(b: Uint8Array, o: number, size: number): string | undefined {
  if (size < 8) return undefined;
  const count = b[o + 1] as number;
  if (8 + 4 * count > size) return undefined;
  let authority = 0;
  for (let i = 2; i < 8; i++) authority = authority * 256 + (b[o + i] as number);
  let s = `S-${b[o] as number}-${authority >= 0x100000000 ? '0x' + authority.toString(16).toUpperCase().padStart(12, '0') : authority}`;
  for (let i = 0; i < count; i++) s += '-' + u32(b, o + 8 + 4 * i);
  return s;
}

/** Decimal text of a 64-bit integer in two 32-bit halves: Number math while exact (magnitude up to 2^53), else BigInt. */
function int64Text(lo: number, hi: number, signed: boolean): string {
  if (hi < 0x200000) return String(hi * 0x100000000 + lo);
  if (signed && hi >= 0xffe00000) return '-' + String((0xffffffff - hi) * 0x100000000 + (0x100000000 - lo));
  const value = (BigInt(hi) << 32n) | BigInt(lo);
  return (signed ? BigInt.asIntN(64, value) : value).toString();
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}

/** The C `%g`-like text of a float that evtxexport prints: integers plainly, otherwise exponent form. */
export function floatText(x: number): string {
  if (Number.isNaN(x)) return '-1.#IND';
  if (x === Infinity) return '1.#INF';
  if (x === -Infinity) return '-1.#INF';
  return String(x);
}

/** One item of a fixed-size or string type at `[o, o + size)`; the caller checked `size` covers the item. */
function scalarText(b: Uint8Array, o: number, size: number, type: number, padHex: boolean): string {
  switch (type) {
    case ValueType.Null:
      return '';
    case ValueType.String:
      return utf16Value(b, o, size);
    case ValueType.AnsiString:
      return ansiValue(b, o, size);
    case ValueType.Int8:
      return String(((b[o] as number) << 24) >> 24);
    case ValueType.UInt8:
      return String(b[o] as number);
    case ValueType.Int16:
      return String((u16(b, o) << 16) >> 16);
    case ValueType.UInt16:
      return String(u16(b, o));
    case ValueType.Int32:
      return String(u32(b, o) | 0);
    case ValueType.UInt32:
      return String(u32(b, o));
    case ValueType.Int64:
      return int64Text(u32(b, o), u32(b, o + 4), true);
    case ValueType.UInt64:
      return int64Text(u32(b, o), u32(b, o + 4), false);
    case ValueType.Real32:
      return floatText(view(b).getFloat32(o, true));
    case ValueType.Real64:
      return floatText(view(b).getFloat64(o, true));
    case ValueType.Bool:
      return u32(b, o) !== 0 ? 'true' : 'false';
    case ValueType.Guid:
      return guidText(b, o);
    case ValueType.FileTime:
      return formatFileTime(u32(b, o), u32(b, o + 4));
    case ValueType.SysTime: {
      const words: number[] = [];
      for (let i = 0; i < 8; i++) words.push(u16(b, o + 2 * i));
      return formatSystemTime(words);
    }
    case ValueType.HexInt32:
      return hex32(u32(b, o), padHex);
    case ValueType.HexInt64:
      return hex64(u32(b, o), u32(b, o + 4), padHex);
    case ValueType.SizeT:
    case ValueType.EvtHandle:
      if (size === 4) return hex32(u32(b, o), padHex);
      if (size === 8) return hex64(u32(b, o), u32(b, o + 4), padHex);
      return binaryHex(b, o, size);
    case ValueType.Sid:
      return sidText(b, o, size) ?? binaryHex(b, o, size);
    default:
      // Binary, EvtXml and unknown types: the bytes as upper-case hex.
      return binaryHex(b, o, size);
  }
}

/**
 * Text of a non-array value of `type` stored at `[o, o + size)` (BinXml values are rendered elsewhere).
 * A value shorter than its type needs is shown as hex rather than read past its end.
 */
export function valueText(b: Uint8Array, o: number, size: number, type: number, padHex = false): string {
  const need = fixedSize(type);
  if (need > size) return binaryHex(b, o, size);
  return scalarText(b, o, size, type, padHex);
}

/** Items of an array value (`type` has the 0x80 flag): NUL-separated strings or fixed-size items. */
export function arrayItems(b: Uint8Array, o: number, size: number, type: number, padHex = false): string[] {
  const base = type & 0x7f;
  const items: string[] = [];
  if (base === ValueType.String) {
    let start = o;
    const end = o + (size & ~1);
    for (let p = o; p < end; p += 2) {
      if (b[p] === 0 && b[p + 1] === 0) {
        items.push(utf16(b, start, (p - start) >> 1));
        start = p + 2;
      }
    }
    if (start < end) items.push(utf16(b, start, (end - start) >> 1));
    return items;
  }
  if (base === ValueType.AnsiString) {
    let start = o;
    for (let p = o; p < o + size; p++) {
      if (b[p] === 0) {
        items.push(ansiValue(b, start, p - start));
        start = p + 1;
      }
    }
    if (start < o + size) items.push(ansiValue(b, start, o + size - start));
    return items;
  }
  if (base === ValueType.Sid) {
    // SIDs vary in size: each one's length follows from its sub-authority count.
    let p = o;
    while (p + 8 <= o + size) {
      const length = 8 + 4 * (b[p + 1] as number);
      if (p + length > o + size) break;
      items.push(sidText(b, p, length) as string);
      p += length;
    }
    if (p < o + size) items.push(binaryHex(b, p, o + size - p));
    return items;
  }
  let item = fixedSize(base);
  if (item === 0 && (base === ValueType.SizeT || base === ValueType.EvtHandle)) item = size % 8 === 0 ? 8 : 4;
  if (item === 0) return [binaryHex(b, o, size)];
  for (let p = o; p + item <= o + size; p += item) items.push(scalarText(b, p, item, base, padHex));
  return items;
}
