import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LogEvent } from '../../../server/src/parse/model';
import { anchorSpan, clampSpan, eventIndexAt, rangeOfSpan } from '../../../server/src/features/spans';

const event = (start: number, end: number, anchor?: { start: number; end: number }): LogEvent =>
  ({ format: 'xml', span: { start, end }, anchor, data: [] }) as LogEvent;

describe('spans', () => {
  it('clamps spans into the document', () => {
    assert.deepEqual(clampSpan({ start: -3, end: 99 }, 10), { start: 0, end: 10 });
    assert.deepEqual(clampSpan({ start: 7, end: 2 }, 10), { start: 7, end: 7 });
    assert.deepEqual(clampSpan({ start: Number.NaN, end: 2.7 }, 10), { start: 0, end: 2 });
    assert.deepEqual(clampSpan(undefined, 10), { start: 0, end: 0 });
  });

  it('turns spans into ranges', () => {
    const document = TextDocument.create('file:///a', 'xml', 1, 'ab\ncd\n');
    assert.deepEqual(rangeOfSpan(document, { start: 1, end: 4 }), { start: { line: 0, character: 1 }, end: { line: 1, character: 1 } });
  });

  it('uses the event start when the anchor is missing or outside the event', () => {
    assert.deepEqual(anchorSpan(event(5, 20, { start: 8, end: 10 }), 100), { start: 8, end: 10 });
    assert.deepEqual(anchorSpan(event(5, 20, { start: 18, end: 25 }), 100), { start: 5, end: 5 });
    assert.deepEqual(anchorSpan(event(5, 20), 100), { start: 5, end: 5 });
  });

  it('finds the event holding an offset, or one ending there', () => {
    const events = [event(0, 10), event(10, 20), event(25, 30)];
    assert.equal(eventIndexAt(events, 0), 0);
    assert.equal(eventIndexAt(events, 10), 1);
    assert.equal(eventIndexAt(events, 20), 1);
    assert.equal(eventIndexAt(events, 22), -1);
    assert.equal(eventIndexAt(events, 30), 2);
    assert.equal(eventIndexAt(events, Number.NaN), -1);
  });
});
