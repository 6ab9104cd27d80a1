import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PieceTextDocument } from '../../../server/src/documents/pieceTextDocument';

/** A small deterministic generator, so a failure replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const ALPHABET = ['a', 'b', '<', '>', '\n', '\r', '\r\n', ' ', 'é', 'x'.repeat(40)];

function randomText(next: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return text;
}

function assertSame(actual: PieceTextDocument, expected: TextDocument, at: string): void {
  const text = expected.getText();
  assert.equal(actual.getText(), text, `${at}: text`);
  assert.equal(actual.textLength, text.length, `${at}: length`);
  assert.equal(actual.lineCount, expected.lineCount, `${at}: line count`);
  for (let offset = -1; offset <= text.length + 1; offset += 7) {
    assert.deepEqual(actual.positionAt(offset), expected.positionAt(offset), `${at}: positionAt(${offset})`);
  }
  for (let line = -1; line <= expected.lineCount; line++) {
    for (const character of [0, 1, 3, 50, 10_000]) {
      assert.equal(actual.offsetAt({ line, character }), expected.offsetAt({ line, character }), `${at}: offsetAt(${line}:${character})`);
    }
    assert.deepEqual(actual.getLineRange(line), expected.getLineRange(line), `${at}: getLineRange(${line})`);
    assert.equal(actual.getEOLCharacters(line), expected.getEOLCharacters(line), `${at}: getEOLCharacters(${line})`);
  }
}

test('agrees with the stock TextDocument over random edits, CR/LF splits included', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const next = random(seed);
    const initial = randomText(next, 3000);
    const piece = PieceTextDocument.create('file:///a.xml', 'eventlog-xml', 1, initial);
    let stock = TextDocument.create('file:///a.xml', 'eventlog-xml', 1, initial);
    for (let version = 2; version < 60; version++) {
      const length = stock.getText().length;
      const a = Math.floor(next() * (length + 1));
      const b = Math.min(length, a + Math.floor(next() * (next() < 0.1 ? 2000 : 20)));
      const change = {
        range: { start: stock.positionAt(next() < 0.5 ? a : b), end: stock.positionAt(next() < 0.5 ? b : a) },
        text: next() < 0.3 ? '' : randomText(next, Math.floor(next() * (next() < 0.1 ? 1500 : 6))),
      };
      piece.update([change], version);
      stock = TextDocument.update(stock, [change], version);
      assert.equal(piece.version, version);
      if (version % 10 === 0) assertSame(piece, stock, `seed ${seed} version ${version}`);
    }
    assertSame(piece, stock, `seed ${seed} end`);
  }
});

test('a full-text change replaces the document', () => {
  const document = PieceTextDocument.create('file:///a.txt', 'eventlog-text', 1, 'one\ntwo');
  document.update([{ range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, text: 'x' }], 2);
  document.update([{ text: 'a\r\nb\rc' }], 3);
  assert.equal(document.getText(), 'a\r\nb\rc');
  assert.equal(document.lineCount, 3);
  assert.deepEqual(document.positionAt(5), { line: 2, character: 0 });
});

test('typing in one place keeps the document in at most three pieces, read by slices', () => {
  const big = `${'<Event>x</Event>\n'.repeat(10_000)}`;
  const document = PieceTextDocument.create('file:///big.xml', 'eventlog-xml', 1, big);
  const at = document.positionAt(big.length / 2);
  for (let i = 0; i < 50; i++) {
    document.update([{ range: { start: { line: at.line, character: at.character + i }, end: { line: at.line, character: at.character + i } }, text: 'k' }], i + 2);
  }
  const offset = document.offsetAt(at);
  assert.equal(document.slice(offset - 2, offset + 52), `${big.slice(big.length / 2 - 2, big.length / 2)}${'k'.repeat(50)}${big.slice(big.length / 2, big.length / 2 + 2)}`);
  assert.equal(document.charCodeAt(offset + 49), 'k'.charCodeAt(0));
  assert.ok(Number.isNaN(document.charCodeAt(-1)));
  assert.equal(document.getText().length, big.length + 50);
  assert.ok((document as unknown as { pieces: string[] }).pieces.length <= 3);
});

test('ranges past the end or before the start are clamped to the text, and lines stay right', () => {
  const document = PieceTextDocument.create('file:///a.txt', 'eventlog-text', 1, 'one\ntwo\nthree');
  document.update([{ range: { start: { line: 999, character: 0 }, end: { line: 999, character: 5 } }, text: '\nfour' }], 2);
  document.update([{ range: { start: { line: -3, character: 0 }, end: { line: 0, character: 0 } }, text: 'zero\n' }], 3);
  document.update([{ range: { start: { line: 2, character: 1 }, end: { line: 40, character: 0 } }, text: 'w\r\nfive' }], 4);
  const text = 'zero\none\ntw\r\nfive';
  assert.equal(document.getText(), text);
  const stock = TextDocument.create('file:///a.txt', 'eventlog-text', 1, text);
  assertSame(document, stock, 'after clamped edits');
});
