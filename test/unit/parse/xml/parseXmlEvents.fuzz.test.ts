// Deterministic mutations of real export shapes: whatever the damage, the scanner returns spans that make sense.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TextSpan } from '../../../../server/src/parse/model';
import { parseXmlEvents } from '../../../../server/src/parse/xml/parseXmlEvents';
import { fixture } from './locate';

const COUNT = 400;
const SNIPPETS = ['<', '>', '/', '&', '&amp', '<Event>', '</Event>', '</System>', '<Data Name="', "'", '"', '<!--', ']]>', '<![CDATA[', '\u0000', '\uFEFF', ' '];

function* mutations(text: string, count: number): Generator<string> {
  let seed = 12345;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const at = next(text.length);
    switch (next(4)) {
      case 0:
        yield text.slice(0, at);
        break;
      case 1:
        yield text.slice(0, at) + text.slice(at + 1 + next(40));
        break;
      case 2:
        yield text.slice(0, at) + (SNIPPETS[next(SNIPPETS.length)] ?? '') + text.slice(at);
        break;
      default:
        yield text.slice(at) + text.slice(0, at);
    }
  }
}

function assertInside(inner: TextSpan, outer: TextSpan, what: string): void {
  assert.ok(outer.start <= inner.start && inner.start <= inner.end && inner.end <= outer.end, `${what} ${JSON.stringify(inner)} outside ${JSON.stringify(outer)}`);
}

describe('parseXmlEvents: mutated exports', () => {
  for (const name of ['eventViewerSaveAs.xml', 'wevtutil.xml', 'evtxexport.xml', 'pythonEvtx.xml', 'copyDetails.txt']) {
    it(`never throws and keeps every span in order and in range on ${COUNT} mutations of ${name}`, () => {
      for (const text of mutations(fixture(name), COUNT)) {
        const whole = { start: 0, end: text.length };
        const { events, problems } = parseXmlEvents(text, 0, text.length);
        let previousEnd = 0;
        for (const event of events) {
          assertInside(event.span, whole, 'event');
          assert.ok(event.span.start >= previousEnd, 'events overlap');
          previousEnd = event.span.end;
          assertInside(event.anchor, event.span, 'anchor');
          for (const value of [event.provider, event.eventId, event.timeCreated, event.message, ...event.data]) {
            if (value !== undefined) assertInside(value, event.span, 'value');
          }
        }
        for (const problem of problems) {
          assertInside(problem.span, whole, 'problem');
          assert.ok(problem.message.length > 0);
        }
      }
    });
  }
});
