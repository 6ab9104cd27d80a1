/**
 * Templates met again in later chunks. Every template the builder writes has the same GUID, so these files are
 * the hostile case for any reuse of definitions across chunks: only the bytes and the names tell them apart.
 * Files are decoded in memory and through one buffer refilled per chunk (a cache must copy what it keeps).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EvtxDecoder, decodeEvtxFile } from '../../../../server/src/parse/evtx/decodeEvtx';
import type { EvtxSource } from '../../../../server/src/parse/evtx/decodeEvtx';
import { ChunkBuilder, buildFile, el, str, sub, template, type Emit } from './buildEvtx';

const leaf = (name: string): Emit[] => [el('Event', [], [el(name, [], [sub(0, 0x01)])])];

/** Reads through one buffer refilled for every chunk, as the CLI and the editor's worker read files. */
function reusingSource(bytes: Uint8Array): EvtxSource {
  const buffer = new Uint8Array(65536);
  return {
    size: bytes.length,
    read(offset, length) {
      const view = buffer.subarray(0, Math.min(length, bytes.length - offset));
      view.set(bytes.subarray(offset, offset + view.length));
      return view;
    },
  };
}

function xmlOf(file: Uint8Array, streamed: boolean): string[] {
  if (!streamed) return decodeEvtxFile(file).records.map((r) => r.xml);
  return [...new EvtxDecoder().decode(reusingSource(file))].map((r) => r.xml);
}

for (const streamed of [false, true]) {
  describe(`templates met again in a later chunk (${streamed ? 'streamed through one buffer' : 'in memory'})`, () => {
    it('renders a template with the same GUID and size but another inline name as its own', () => {
      const first = new ChunkBuilder().record(1, [template('t', leaf('Alpha'), [str('one')])]).finish();
      const second = new ChunkBuilder().record(2, [template('t', leaf('Bravo'), [str('two')])]).finish();
      assert.deepEqual(xmlOf(buildFile([first, second]), streamed), [
        '<Event>\n  <Alpha>one</Alpha>\n</Event>',
        '<Event>\n  <Bravo>two</Bravo>\n</Event>',
      ]);
    });

    it('renders a template whose name stored elsewhere in the chunk has another text as its own', () => {
      // The second template refers to the name the first one stored inline: same bytes but for that offset.
      const chunk = (name: string, id: number): Uint8Array =>
        new ChunkBuilder()
          .record(id, [template('a', leaf(name), [str('a')])])
          .record(id + 1, [template('b', [el('Event', [], [el(name, [], [sub(0, 0x01)]), el('Tail', [], null)])], [str('b')])])
          .finish();
      assert.deepEqual(xmlOf(buildFile([chunk('Alpha', 1), chunk('Bravo', 3)]), streamed), [
        '<Event>\n  <Alpha>a</Alpha>\n</Event>',
        '<Event>\n  <Alpha>b</Alpha>\n  <Tail/>\n</Event>',
        '<Event>\n  <Bravo>a</Bravo>\n</Event>',
        '<Event>\n  <Bravo>b</Bravo>\n  <Tail/>\n</Event>',
      ]);
    });

    it('reuses an equal template stored at another offset with its names inline', () => {
      const first = new ChunkBuilder().record(1, [template('t', leaf('Data'), [str('one')])]).finish();
      const second = new ChunkBuilder()
        .record(2, [template('other', leaf('Other'), [str('x')])])
        .record(3, [template('t', leaf('Data'), [str('two')])])
        .finish();
      assert.deepEqual(xmlOf(buildFile([first, second]), streamed), [
        '<Event>\n  <Data>one</Data>\n</Event>',
        '<Event>\n  <Other>x</Other>\n</Event>',
        '<Event>\n  <Data>two</Data>\n</Event>',
      ]);
    });
  });
}
