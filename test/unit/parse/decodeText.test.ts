import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeLogBytes } from '../../../server/src/parse/decodeText';

const header = 'Level\tDate and Time\tSource\tEvent ID\tTask Category\r\n';

function utf16le(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf16le'));
}

function utf16be(text: string): Uint8Array {
  const le = utf16le(text);
  const be = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1] ?? 0;
    be[i + 1] = le[i] ?? 0;
  }
  return be;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

describe('decodeLogBytes', () => {
  it('decodes UTF-8 without a BOM', () => {
    assert.deepEqual(decodeLogBytes(new Uint8Array(Buffer.from('Log Name: Application\nÉvénement'))), {
      text: 'Log Name: Application\nÉvénement',
      encoding: 'utf-8',
      bom: false,
    });
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = concat(new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array(Buffer.from('<Events>')));
    assert.deepEqual(decodeLogBytes(bytes), { text: '<Events>', encoding: 'utf-8', bom: true });
  });

  it('decodes UTF-16 LE with a BOM (Event Viewer text export)', () => {
    const bytes = concat(new Uint8Array([0xff, 0xfe]), utf16le(header));
    assert.deepEqual(decodeLogBytes(bytes), { text: header, encoding: 'utf-16le', bom: true });
  });

  it('decodes UTF-16 BE with a BOM', () => {
    const bytes = concat(new Uint8Array([0xfe, 0xff]), utf16be('Event[0]:\n  Log Name: System'));
    assert.deepEqual(decodeLogBytes(bytes), { text: 'Event[0]:\n  Log Name: System', encoding: 'utf-16be', bom: true });
  });

  it('recognises UTF-16 LE and BE without a BOM by their NUL pattern', () => {
    assert.deepEqual(decodeLogBytes(utf16le(header)), { text: header, encoding: 'utf-16le', bom: false });
    assert.deepEqual(decodeLogBytes(utf16be(header)), { text: header, encoding: 'utf-16be', bom: false });
  });

  it('keeps non-ASCII UTF-16 text intact', () => {
    const text = 'Niveau\tDate et heure\tSource\tID de l’événement\r\nErreur\t15/03/2010\tCrypt32\t8\r\n';
    assert.deepEqual(decodeLogBytes(utf16le(text)), { text, encoding: 'utf-16le', bom: false });
  });

  it('replaces invalid UTF-8 sequences with U+FFFD', () => {
    const bytes = concat(new Uint8Array(Buffer.from('Source: Crypt32 caf')), new Uint8Array([0xe9]), new Uint8Array(Buffer.from(' ok\n')));
    assert.deepEqual(decodeLogBytes(bytes), { text: 'Source: Crypt32 caf\uFFFD ok\n', encoding: 'utf-8', bom: false });
  });

  it('recognises the binary .evtx magic', () => {
    const bytes = new Uint8Array(4096);
    bytes.set(Buffer.from('ElfFile\0', 'latin1'));
    assert.deepEqual(decodeLogBytes(bytes), { binary: 'evtx' });
  });

  it('reports other binary content as unknown', () => {
    const zip = concat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), new Uint8Array(64));
    assert.deepEqual(decodeLogBytes(zip), { binary: 'unknown' });
    let seed = 12345;
    const noise = new Uint8Array(10000).map(() => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed >>> 24;
    });
    assert.deepEqual(decodeLogBytes(noise), { binary: 'unknown' });
  });

  it('keeps text with the odd control byte as text', () => {
    const text = `${'Event ID: 8\n'.repeat(20)}\u0000trailing`;
    assert.deepEqual(decodeLogBytes(new Uint8Array(Buffer.from(text))), { text, encoding: 'utf-8', bom: false });
  });

  it('decodes empty input as empty UTF-8 text', () => {
    assert.deepEqual(decodeLogBytes(new Uint8Array(0)), { text: '', encoding: 'utf-8', bom: false });
  });

  it('turns a dangling odd byte of UTF-16 into U+FFFD', () => {
    const bytes = concat(new Uint8Array([0xff, 0xfe]), utf16le('<Events>'), new Uint8Array([0x3c]));
    assert.deepEqual(decodeLogBytes(bytes), { text: '<Events>\uFFFD', encoding: 'utf-16le', bom: true });
  });
});
