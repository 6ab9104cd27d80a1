/** Dirty, truncated, hostile and random input: the decoder reports and skips, never throws, never hangs. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEvtxFile } from '../../../../server/src/parse/evtx/decodeEvtx';
import { ChunkBuilder, buildFile, el, le, str, sub, template, text, type Emit } from './buildEvtx';
import { samplesRoot } from './samples';

const eventBody: Emit[] = [el('Event', [], [el('System', [], [el('EventID', [], [sub(0, 0x06)]), el('Computer', [], [sub(1, 0x01)])])])];
const event = (id: number): Emit[] => [template('e', eventBody, [{ type: 0x06, bytes: le.u16(id) }, str('HOST')])];

/** Two chunks of three records each (ids 1-3 and 4-6); returns the file and each record's file offset. */
function sampleFile(): { file: Uint8Array; offsets: number[] } {
  const offsets: number[] = [];
  const chunks = [0, 1].map((c) => {
    const chunk = new ChunkBuilder();
    for (let i = 1; i <= 3; i++) {
      offsets.push(4096 + 65536 * c + chunk.pos);
      chunk.record(3 * c + i, event(100 + 3 * c + i));
    }
    return chunk.finish();
  });
  return { file: buildFile(chunks), offsets };
}

const ids = (file: Uint8Array, options = {}) => decodeEvtxFile(file, options).records.map((r) => r.recordId);
const messages = (file: Uint8Array) => decodeEvtxFile(file).issues.map((i) => i.message);
const setU32 = (file: Uint8Array, at: number, n: number): void => new DataView(file.buffer, file.byteOffset).setUint32(at, n, true);

/** Deterministic random numbers (mulberry32) so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('dirty and corrupt .evtx input', () => {
  it('decodes a clean built file without issues', () => {
    const { file } = sampleFile();
    const result = decodeEvtxFile(file);
    assert.deepEqual(result.records.map((r) => [r.recordId, r.event.id, r.event.computer?.value]), [
      [1, 101, 'HOST'],
      [2, 102, 'HOST'],
      [3, 103, 'HOST'],
      [4, 104, 'HOST'],
      [5, 105, 'HOST'],
      [6, 106, 'HOST'],
    ]);
    assert.deepEqual(result.issues, []);
    assert.equal(result.stats.chunks, 2);
  });

  it('reports nothing but an issue for empty and tiny input', () => {
    assert.deepEqual(decodeEvtxFile(new Uint8Array(0)).issues, [{ offset: 0, message: 'file of 0 bytes is shorter than the 4096-byte file header' }]);
    assert.equal(decodeEvtxFile(new Uint8Array(10)).records.length, 0);
  });

  it('keeps the complete records of a truncated file', () => {
    const { file, offsets } = sampleFile();
    const cut = (n: number) => file.subarray(0, n);
    assert.deepEqual(ids(cut(offsets[4] as number)), [1, 2, 3, 4], 'cut right after record 4');
    assert.deepEqual(ids(cut((offsets[4] as number) + 10)), [1, 2, 3, 4], 'cut inside record 5');
    assert.deepEqual(ids(cut(4096 + 65536 + 100)), [1, 2, 3], 'cut inside the second chunk header');
    assert.deepEqual(ids(cut(4096 + 100)), [], 'cut inside the first chunk header');
    assert.ok(messages(cut((offsets[4] as number) + 10)).includes('chunk truncated to 520 bytes'.replace('520', String((offsets[4] as number) + 10 - 4096 - 65536))));
    for (let n = 0; n <= file.length; n += 509) assert.ok(ids(cut(n)).length <= 6);
  });

  it('skips a chunk with a bad signature and reports it', () => {
    const { file } = sampleFile();
    file.set([0x58, 0x58], 4096);
    assert.deepEqual(ids(file), [4, 5, 6]);
    const result = decodeEvtxFile(file);
    assert.deepEqual(result.issues, [{ offset: 4096, chunk: 0, message: 'bad chunk signature; chunk skipped' }]);
    assert.equal(result.stats.skippedChunks, 1);
  });

  it('reports checksum mismatches and still decodes', () => {
    const { file, offsets } = sampleFile();
    const hostAt = file.indexOf(0x48, (offsets[1] as number) + 24); // the "H" of HOST in record 2's values
    file[hostAt] = 0x47;
    file[50] = (file[50] as number) ^ 0xff;
    const result = decodeEvtxFile(file);
    assert.deepEqual(result.records.map((r) => r.event.computer?.value), ['HOST', 'GOST', 'HOST', 'HOST', 'HOST', 'HOST']);
    assert.deepEqual(
      result.issues.map((i) => i.message),
      ['file header checksum mismatch', 'chunk record data checksum mismatch; decoded anyway'],
    );
    assert.equal(result.stats.headerChecksumErrors, 1);
    assert.equal(result.stats.chunkChecksumErrors, 1);
  });

  it('scans past a record with a zero size and marks what follows as recovered', () => {
    const { file, offsets } = sampleFile();
    setU32(file, (offsets[1] as number) + 4, 0);
    const result = decodeEvtxFile(file);
    assert.deepEqual(result.records.map((r) => [r.recordId, r.recovered ?? false]), [
      [1, false],
      [3, true],
      [4, false],
      [5, false],
      [6, false],
    ]);
    assert.deepEqual(result.issues.slice(1), [{ offset: offsets[1], chunk: 0, recordId: 2, message: 'record size 0 is too small; scanning for the next record' }]);
  });

  it('reports records whose size copy does not match', () => {
    const { file, offsets } = sampleFile();
    const [, second = 0, third = 0] = offsets;
    setU32(file, third - 4, 12345);
    assert.deepEqual(ids(file), [1, 3, 4, 5, 6]);
    assert.deepEqual(decodeEvtxFile(file).issues.slice(1), [
      { offset: second, chunk: 0, recordId: 2, message: `record size ${third - second} does not match its trailing copy; scanning for the next record` },
    ]);
  });

  it('survives hostile sizes and offsets without allocating or reading past the data', () => {
    const build = (body: Emit[]): Uint8Array => buildFile([new ChunkBuilder().record(1, body).finish()]);
    const hostile: [string, Emit[]][] = [
      ['template value count', [(w) => w.u8(0x0c, 0x01).u32(0).u32(w.offset + 4 + 4).u32(0).u8(...new Array<number>(16).fill(0)).u32(5).u8(0x0f, 1, 1, 0, 0).u32(0xffffffff)]],
      ['element data size', [(w) => w.u8(0x01).u16(0xffff).u32(0xfffffff0).u32(0)]],
      ['name offset', [(w) => w.u8(0x01).u16(0xffff).u32(5).u32(0xffffff00).u8(0x03)]],
      ['text length', [el('E', [], [(w) => w.u8(0x05, 0x01).u16(0xffff)])]],
      ['template offset', [(w) => w.u8(0x0c, 0x01).u32(0).u32(0xfffffff0).u32(0)]],
      ['unknown token', [(w) => w.u8(0x1d)]],
    ];
    for (const [what, body] of hostile) {
      const result = decodeEvtxFile(build(body));
      assert.equal(result.records.length, 0, what);
      assert.equal(result.stats.brokenRecords, 1, what);
      assert.match(result.issues[0]?.message ?? '', /^record not decoded: /, what);
    }
    const file = build(event(1));
    setU32(file, 4096 + 48, 0xffffffff);
    const result = decodeEvtxFile(file);
    assert.deepEqual(result.records.map((r) => r.recordId), [1]);
    assert.deepEqual(result.issues.map((i) => i.message), ['chunk header checksum mismatch; decoded anyway', 'free space offset 0xffffffff outside the chunk; scanning the whole chunk']);
  });

  it('stops a template that instantiates itself and deep nesting at the depth limit', () => {
    const chunk = new ChunkBuilder();
    const selfReference: Emit = (w) => w.u8(0x0c, 0x01).u32(0).u32(w.chunk.templates.get('self') as number).u32(0);
    chunk.record(1, [template('self', [el('Event', [], [selfReference])], [])]);
    let nested: Emit = el('Leaf', [], null);
    for (let i = 0; i < 500; i++) nested = el('N', [], [nested]);
    chunk.record(2, [nested]);
    chunk.record(3, [el('Event', [], [text('ok')])]);
    const result = decodeEvtxFile(buildFile([chunk.finish()]));
    assert.deepEqual(result.records.map((r) => r.xml), ['<Event>ok</Event>']);
    assert.deepEqual(result.issues.map((i) => [i.recordId, i.message.replace(/ at chunk offset.*/, '')]), [
      [1, 'record not decoded: templates nested too deeply'],
      [2, 'record not decoded: binary XML nested too deeply'],
    ]);
  });

  it('decodes a file without a file header signature from its chunks', () => {
    const { file } = sampleFile();
    file.fill(0, 0, 8);
    assert.deepEqual(ids(file), [1, 2, 3, 4, 5, 6]);
    assert.equal(messages(file)[0], 'no "ElfFile" file header signature; trying the chunks anyway');
  });

  it('never throws on random garbage with valid signatures', () => {
    const next = random(1);
    for (let round = 0; round < 40; round++) {
      const file = new Uint8Array(4096 + 65536 * 2);
      for (let i = 0; i < file.length; i++) file[i] = next() < 0.5 ? 0 : Math.floor(next() * 256);
      for (const c of [0, 1]) file.set([0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00], 4096 + 65536 * c);
      for (let k = 0; k < 200; k++) file.set([0x2a, 0x2a, 0, 0], 4096 + Math.floor(next() * 131000));
      const result = decodeEvtxFile(file, { recover: true });
      assert.ok(result.stats.chunks === 2);
    }
  });

  it('never throws on a valid file with random bytes changed', () => {
    const next = random(2);
    const { file: clean } = sampleFile();
    for (let round = 0; round < 400; round++) {
      const file = clean.slice();
      const flips = 1 + Math.floor(next() * 8);
      for (let k = 0; k < flips; k++) file[4096 + 512 + Math.floor(next() * 700)] = Math.floor(next() * 256);
      const result = decodeEvtxFile(file, { recover: true });
      assert.ok(result.records.length <= 12);
    }
  });

  it('never throws on a real sample with random bytes changed', (t) => {
    const sample = `${samplesRoot}/real/omerbenamram-evtx/samples/Security_short_selected.evtx`;
    if (!existsSync(sample)) {
      t.skip(`sample missing: ${sample}`);
      return;
    }
    const clean = readFileSync(sample);
    const next = random(3);
    for (let round = 0; round < 60; round++) {
      const file = Uint8Array.from(clean);
      for (let k = 0; k < 20; k++) file[4096 + Math.floor(next() * 65536)] = Math.floor(next() * 256);
      const result = decodeEvtxFile(file, { recover: true });
      assert.ok(result.records.length + result.stats.brokenRecords >= 0);
    }
  });
});
