import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { arrayItems, binaryHex, floatText, sidText, valueText } from '../../../../server/src/parse/evtx/formatValue';
import { fileTimeToMillis, formatFileTime, formatSystemTime } from '../../../../server/src/parse/evtx/formatTime';
import { le } from './buildEvtx';

const text = (type: number, bytes: number[], padHex = false): string => valueText(Uint8Array.from(bytes), 0, bytes.length, type, padHex);
const f32 = (x: number): number[] => [...new Uint8Array(Float32Array.of(x).buffer)];
const f64 = (x: number): number[] => [...new Uint8Array(Float64Array.of(x).buffer)];

describe('valueText', () => {
  it('formats strings, stopping at the first NUL', () => {
    assert.equal(text(0x01, le.utf16('Setup.exe\0')), 'Setup.exe');
    assert.equal(text(0x01, le.utf16('a\0b')), 'a');
    assert.equal(text(0x01, [0x41, 0x00, 0x42]), 'A', 'an odd trailing byte is ignored');
    assert.equal(text(0x01, le.utf16('x'.repeat(40))), 'x'.repeat(40));
  });

  it('formats ANSI strings as Windows-1252', () => {
    assert.equal(text(0x02, [0x41, 0x80, 0x99, 0xe9, 0x00, 0x42]), 'A€™é');
  });

  it('formats signed and unsigned integers in decimal', () => {
    assert.equal(text(0x03, [0xff]), '-1');
    assert.equal(text(0x04, [0xff]), '255');
    assert.equal(text(0x05, le.u16(0x8000)), '-32768');
    assert.equal(text(0x06, le.u16(0xffff)), '65535');
    assert.equal(text(0x07, le.u32(0xfffffffe)), '-2');
    assert.equal(text(0x08, le.u32(0xfffffffe)), '4294967294');
    assert.equal(text(0x09, le.u64(-5n & 0xffffffffffffffffn)), '-5');
    assert.equal(text(0x09, le.u64(7n)), '7');
    assert.equal(text(0x0a, le.u64(0xffffffffffffffffn)), '18446744073709551615');
    assert.equal(text(0x0a, le.u64(319457771n)), '319457771');
  });

  it('formats 64-bit integers exactly on both sides of 2^53, where Number math hands over to BigInt', () => {
    const u64 = (n: bigint): number[] => le.u64(n & 0xffffffffffffffffn);
    assert.equal(text(0x0a, u64(2n ** 53n - 1n)), '9007199254740991');
    assert.equal(text(0x0a, u64(2n ** 53n)), '9007199254740992');
    assert.equal(text(0x0a, u64(2n ** 53n + 1n)), '9007199254740993');
    assert.equal(text(0x09, u64(2n ** 53n + 1n)), '9007199254740993');
    assert.equal(text(0x09, u64(-(2n ** 32n))), '-4294967296');
    assert.equal(text(0x09, u64(-(2n ** 53n))), '-9007199254740992');
    assert.equal(text(0x09, u64(-(2n ** 53n) - 1n)), '-9007199254740993');
    assert.equal(text(0x09, u64(-(2n ** 63n))), '-9223372036854775808');
    assert.equal(text(0x09, u64(2n ** 63n - 1n)), '9223372036854775807');
  });

  it('formats floats, with the Windows names for infinities and NaN', () => {
    assert.equal(text(0x0b, f32(1.5)), '1.5');
    assert.equal(text(0x0c, f64(-0.25)), '-0.25');
    assert.equal(text(0x0c, f64(3)), '3');
    assert.equal(floatText(Infinity), '1.#INF');
    assert.equal(floatText(-Infinity), '-1.#INF');
    assert.equal(floatText(NaN), '-1.#IND');
  });

  it('formats booleans from their 32-bit value', () => {
    assert.equal(text(0x0d, le.u32(1)), 'true');
    assert.equal(text(0x0d, le.u32(0)), 'false');
  });

  it('formats binary as upper-case hex', () => {
    assert.equal(text(0x0e, [0xd9, 0x06, 0x00, 0x0a]), 'D906000A');
    assert.equal(binaryHex(Uint8Array.of(0xab, 0x01), 0, 2), 'AB01');
    assert.equal(binaryHex(Uint8Array.of(0xab, 0x01), 0, 0), '');
    const long = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    assert.equal(binaryHex(long, 0, 1000), Array.from(long, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(''));
    assert.equal(binaryHex(long, 998, 2), 'E6E7', 'a short value after a long one');
  });

  it('formats GUIDs in braces, upper case, mixed-endian as stored', () => {
    const bytes = [0x25, 0x96, 0x84, 0x54, 0x78, 0x54, 0x94, 0x49, 0xa5, 0xba, 0x3e, 0x3b, 0x03, 0x28, 0xc3, 0x0d];
    assert.equal(text(0x0f, bytes), '{54849625-5478-4994-A5BA-3E3B0328C30D}');
    assert.equal(text(0x0f, bytes.slice(0, 10)), '2596845478549449A5BA', 'a short GUID is shown as hex');
  });

  it('formats hex integers unpadded as Windows does, or padded as evtxexport does', () => {
    assert.equal(text(0x14, le.u32(0xc000006d)), '0xc000006d');
    assert.equal(text(0x14, le.u32(0x1fffff)), '0x1fffff');
    assert.equal(text(0x14, le.u32(0x1fffff), true), '0x001fffff');
    assert.equal(text(0x15, le.u64(0x3e7n)), '0x3e7');
    assert.equal(text(0x15, le.u64(0x3e7n), true), '0x00000000000003e7');
    assert.equal(text(0x15, le.u64(0x8010000000000000n)), '0x8010000000000000');
    assert.equal(text(0x15, le.u64(0x80000000000000n)), '0x80000000000000');
    assert.equal(text(0x15, le.u64(0x100000001n)), '0x100000001');
  });

  it('formats size_t and EvtHandle as hex of their width', () => {
    assert.equal(text(0x10, le.u32(0x10)), '0x10');
    assert.equal(text(0x10, le.u64(0x1_0000_0010n), true), '0x0000000100000010');
    assert.equal(text(0x20, le.u32(0xabc), true), '0x00000abc');
    assert.equal(text(0x10, [1, 2]), '0102');
  });

  it('formats FILETIME and SYSTEMTIME', () => {
    assert.equal(text(0x11, le.u64(131117774743460000n)), '2016-06-30T16:24:34.346000000Z');
    assert.equal(text(0x11, le.u64(0n)), '1601-01-01T00:00:00.000000000Z');
    const st = [2019, 3, 2, 26, 11, 26, 36, 912].flatMap(le.u16);
    assert.equal(text(0x12, st), '2019-03-26T11:26:36.912000000Z');
  });

  it('formats SIDs', () => {
    const sid = [1, 1, 0, 0, 0, 0, 0, 5, ...le.u32(18)];
    assert.equal(text(0x13, sid), 'S-1-5-18');
    const domain = [1, 5, 0, 0, 0, 0, 0, 5, ...[21, 1223297778, 3299746493, 1462173606, 500].flatMap(le.u32)];
    assert.equal(text(0x13, domain), 'S-1-5-21-1223297778-3299746493-1462173606-500');
    assert.equal(sidText(Uint8Array.of(1, 2, 0, 0, 0, 0, 0, 5, 1, 0, 0, 0), 0, 12), undefined, 'sub-authority count past the end');
    assert.equal(text(0x13, [1, 2, 0, 0, 0, 0, 0, 5]), '0102000000000005');
    assert.equal(sidText(Uint8Array.of(1, 0, 1, 0, 0, 0, 0, 0), 0, 8), 'S-1-0x010000000000');
  });

  it('shows a value shorter than its type as hex instead of reading past it', () => {
    assert.equal(text(0x08, [1, 2]), '0102');
    assert.equal(text(0x11, [1, 2, 3]), '010203');
  });

  it('formats NULL as empty text', () => {
    assert.equal(text(0x00, []), '');
  });
});

describe('arrayItems', () => {
  const items = (type: number, bytes: number[]): string[] => arrayItems(Uint8Array.from(bytes), 0, bytes.length, type);
  it('splits string arrays at NUL, keeping empty items', () => {
    assert.deepEqual(items(0x81, le.utf16('10.00.\x0017134\x00\x00Multiprocessor Free\x000\x00')), ['10.00.', '17134', '', 'Multiprocessor Free', '0']);
    assert.deepEqual(items(0x81, le.utf16('a\x00b')), ['a', 'b']);
    assert.deepEqual(items(0x82, [0x61, 0, 0x62, 0]), ['a', 'b']);
  });
  it('splits fixed-size arrays by item size', () => {
    assert.deepEqual(items(0x86, [...le.u16(1), ...le.u16(2)]), ['1', '2']);
    assert.deepEqual(items(0x94, [...le.u32(1), ...le.u32(0xff)]), ['0x1', '0xff']);
    assert.deepEqual(items(0x88, [...le.u32(7), 1, 2]), ['7'], 'a partial trailing item is dropped');
    assert.deepEqual(items(0x8f, new Array<number>(16).fill(0)), ['{00000000-0000-0000-0000-000000000000}']);
  });
  it('reads SID arrays item by item', () => {
    const system = [1, 1, 0, 0, 0, 0, 0, 5, ...le.u32(18)];
    const everyone = [1, 1, 0, 0, 0, 0, 0, 1, ...le.u32(0)];
    assert.deepEqual(items(0x93, [...system, ...everyone]), ['S-1-5-18', 'S-1-1-0']);
  });
  it('shows an array of a variable-size type as one hex item', () => {
    assert.deepEqual(items(0x8e, [1, 2]), ['0102']);
  });
});

describe('FILETIME helpers', () => {
  it('keeps 100 ns precision for large values', () => {
    assert.equal(formatFileTime(0xffffffff, 0x7fffffff), '30828-09-14T02:48:05.477580700Z');
    assert.equal(fileTimeToMillis(0, 0), undefined);
    assert.equal(fileTimeToMillis(Number(131117774743460000n & 0xffffffffn), Number(131117774743460000n >> 32n)), Date.UTC(2016, 5, 30, 16, 24, 34, 346));
  });
  it('pads the fraction to seven digits and reuses the date of the same second correctly', () => {
    const parts = (ticks: bigint): [number, number] => [Number(ticks & 0xffffffffn), Number(ticks >> 32n)];
    const second = 131117774740000000n;
    assert.equal(formatFileTime(...parts(second + 5n)), '2016-06-30T16:24:34.000000500Z');
    assert.equal(formatFileTime(...parts(second + 9999999n)), '2016-06-30T16:24:34.999999900Z');
    assert.equal(formatFileTime(...parts(second + 10000000n)), '2016-06-30T16:24:35.000000000Z');
    assert.equal(formatFileTime(0, 0), '1601-01-01T00:00:00.000000000Z');
  });
  it('formats SYSTEMTIME fields with zero padding', () => {
    assert.equal(formatSystemTime([2001, 1, 0, 2, 3, 4, 5, 6]), '2001-01-02T03:04:05.006000000Z');
  });
});
