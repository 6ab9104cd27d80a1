import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../server/src/parse/model';
import { mergeDetailsIntoXml } from '../../../../server/src/parse/parseLog';

function event(format: LogEvent['format'], start: number, end: number, message?: string): LogEvent {
  const e: LogEvent = { format, span: { start, end }, anchor: { start, end: start + 1 }, data: [] };
  if (message !== undefined) e.message = { value: message, start, end: start + message.length };
  return e;
}

// Offsets:           0         10        20        30        40
const text = 'Details...Event Xml:\n  <Event>...</Event>\nnext line <Event/>';
const details = event('details-text', 0, 20, 'The description');
const xml = event('xml', 23, 41);

describe('mergeDetailsIntoXml', () => {
  it('joins details followed by their XML (only whitespace between): the XML event widened to the details, with their message', () => {
    assert.deepEqual(mergeDetailsIntoXml(text, [details], [xml]), [
      { ...xml, span: { start: 0, end: 41 }, message: { value: 'The description', start: 0, end: 15 } },
    ]);
  });

  it('keeps the XML message when the XML has one', () => {
    const rendered = event('xml', 23, 41, 'Rendered');
    const [merged] = mergeDetailsIntoXml(text, [details], [rendered]);
    assert.equal(merged?.message?.value, 'Rendered');
    assert.deepEqual(merged?.span, { start: 0, end: 41 });
  });

  it('does not mutate its inputs', () => {
    mergeDetailsIntoXml(text, [details], [xml]);
    assert.deepEqual(xml.span, { start: 23, end: 41 });
    assert.equal(xml.message, undefined);
  });

  it('keeps both when text lies between them, when the text event is another format, or when the XML comes first', () => {
    const far = event('xml', 52, 60);
    assert.deepEqual(mergeDetailsIntoXml(text, [details], [far]), [details, far]);
    const wevtutil = event('wevtutil-text', 0, 20);
    assert.deepEqual(mergeDetailsIntoXml(text, [wevtutil], [xml]), [wevtutil, xml]);
    const later = event('details-text', 42, 50);
    assert.deepEqual(mergeDetailsIntoXml(text, [later], [xml]), [xml, later]);
  });

  it('merges in document order across both lists', () => {
    const a = event('tab-text', 0, 5);
    const b = event('xml', 6, 8);
    const c = event('csv', 9, 12);
    const d = event('xml', 13, 20);
    assert.deepEqual(mergeDetailsIntoXml('x'.repeat(30), [a, c], [b, d]), [a, b, c, d]);
  });
});
