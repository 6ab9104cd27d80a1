import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PieceTextDocument } from '../../../server/src/documents/pieceTextDocument';
import { composeChanges, editedText, reparseAfterChange, type TextChange } from '../../../server/src/parse/incremental';
import type { ParsedLog } from '../../../server/src/parse/model';
import { parseLog } from '../../../server/src/parse/parseLog';
import { plainEvent } from '../../../server/src/parse/storedEvent';

const fixtures = path.resolve(__dirname, '../../fixtures');
const xmlFixture = (name: string) => readFileSync(path.join(fixtures, 'xml', name), 'utf8');
/** Every rule's hit and miss XML: many events of every shape the rules care about. */
const ruleFixtures = readdirSync(path.join(fixtures, 'rules')).flatMap((rule) =>
  ['hit.xml', 'miss.xml'].map((name) => readFileSync(path.join(fixtures, 'rules', rule, name), 'utf8')),
);

/** A parse as plain data, so two parses compare by what they hold, not by how the stored events keep it. */
function plainLog(parsed: ParsedLog): ParsedLog {
  return { ...parsed, events: parsed.events.map(plainEvent) };
}

function apply(text: string, change: TextChange, inserted: string): string {
  return text.slice(0, change.start) + inserted + text.slice(change.end);
}

/** A small deterministic generator, so a failure can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

const ALPHABET = ['x', '7', ' ', '\n', '<', '>', '/', '&', '"', "'", '=', ';', '<Data>', '</Data>', '</Event>', '<Event>', '&amp;', '<!--', '-->'];

function randomEdit(text: string, next: () => number): { change: TextChange; inserted: string } {
  const start = Math.floor(next() * (text.length + 1));
  const end = Math.min(text.length, start + (next() < 0.5 ? 0 : Math.floor(next() * 4)));
  const inserted = next() < 0.3 ? '' : (ALPHABET[Math.floor(next() * ALPHABET.length)] ?? 'x');
  return { change: { start, end, length: inserted.length }, inserted };
}

describe('reparseAfterChange', () => {
  it('re-reads only the edited event for a one-character edit inside a value, and moves the later events', () => {
    const text = xmlFixture('evtxexport.xml');
    const previous = parseLog(text);
    const at = text.indexOf('<EventRecordID>') + '<EventRecordID>'.length;
    const change = { start: at, end: at, length: 1 };
    const edited = apply(text, change, '9');
    const result = reparseAfterChange(previous, editedText(edited), change);
    assert.equal(result.reparsedEvent, 0);
    assert.deepEqual(plainLog(result.parsed), plainLog(parseLog(edited)));
    assert.equal(result.parsed.events[0]?.recordId?.value.startsWith('9'), true);
  });

  it('falls back to a full parse when the edit touches an event boundary', () => {
    const text = xmlFixture('wevtutil.xml');
    const previous = parseLog(text);
    const at = text.indexOf('</Event>');
    const change = { start: at, end: at + 2, length: 0 };
    const edited = apply(text, change, '');
    const result = reparseAfterChange(previous, editedText(edited), change);
    assert.equal(result.reparsedEvent, undefined);
    assert.deepEqual(plainLog(result.parsed), plainLog(parseLog(edited)));
  });

  it('falls back to a full parse for text logs', () => {
    const text = readFileSync(path.join(fixtures, 'text', 'wevtutil.txt'), 'utf8');
    const change = { start: 40, end: 40, length: 1 };
    const edited = apply(text, change, 'x');
    const result = reparseAfterChange(parseLog(text), editedText(edited), change);
    assert.equal(result.reparsedEvent, undefined);
    assert.deepEqual(plainLog(result.parsed), plainLog(parseLog(edited)));
  });

  it('equals a full parse after many random edits (events and problems exactly)', () => {
    const documents = [xmlFixture('evtxexport.xml'), xmlFixture('wevtutil.xml'), xmlFixture('eventViewerSaveAs.xml'), xmlFixture('pythonEvtx.xml'), ...ruleFixtures];
    let incremental = 0;
    for (let seed = 1; seed <= 1500; seed++) {
      const next = random(seed);
      const text = documents[seed % documents.length] ?? '';
      const { change, inserted } = randomEdit(text, next);
      const edited = apply(text, change, inserted);
      const result = reparseAfterChange(parseLog(text), editedText(edited), change);
      if (result.reparsedEvent !== undefined) incremental++;
      assert.deepEqual(plainLog(result.parsed), plainLog(parseLog(edited)), `seed ${seed}: ${JSON.stringify({ change, inserted })}`);
    }
    // Most random positions fall inside an event: the incremental path is the one being tested.
    assert.ok(incremental > 600, `only ${incremental} of 1500 edits were incremental`);
  });

  it('equals a full parse after a chain of edits, each parsed from the last', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const next = random(seed * 7919);
      let text = ruleFixtures[seed % ruleFixtures.length] ?? '';
      let parsed = parseLog(text);
      // The server's document: edits land in pieces, and the re-parse reads slices of them.
      const document = PieceTextDocument.create('file:///chain.xml', 'eventlog-xml', 1, text);
      for (let step = 0; step < 25; step++) {
        const { change, inserted } = randomEdit(text, next);
        const range = { start: document.positionAt(change.start), end: document.positionAt(change.end) };
        document.update([{ range, text: inserted }], step + 2);
        text = apply(text, change, inserted);
        assert.equal(document.getText(), text);
        parsed = reparseAfterChange(parsed, document, change).parsed;
        assert.deepEqual(plainLog(parsed), plainLog(parseLog(text)), `seed ${seed}, step ${step}`);
      }
    }
  });
});

describe('composeChanges', () => {
  it('gives one change equal to two applied in turn', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const text = 'abcdefghijklmnopqrstuvwxyz0123456789';
      const first = randomEdit(text, next);
      const middle = apply(text, first.change, first.inserted);
      const second = randomEdit(middle, next);
      const final = apply(middle, second.change, second.inserted);
      const composed = composeChanges(first.change, second.change);
      // The composed range, once replaced, holds exactly the final text's characters there.
      const replacement = final.slice(composed.start, composed.start + composed.length);
      assert.equal(apply(text, composed, replacement), final, `seed ${seed}`);
      assert.equal(text.slice(0, composed.start), final.slice(0, composed.start), `seed ${seed}: prefix`);
      assert.equal(text.slice(composed.end), final.slice(composed.start + composed.length), `seed ${seed}: suffix`);
    }
  });

  it('covers an insertion followed by a deletion inside it', () => {
    assert.deepEqual(composeChanges({ start: 10, end: 10, length: 3 }, { start: 11, end: 12, length: 0 }), { start: 10, end: 10, length: 2 });
  });
});
