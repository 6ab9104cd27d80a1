import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventStores } from '../../../server/src/parse/eventStores';
import { SliceCache } from '../../../server/src/parse/sliceCache';
import { Field, FieldLayout, StoredEvent, plainEvent } from '../../../server/src/parse/storedEvent';
import { parseXmlEvents } from '../../../server/src/parse/xml/parseXmlEvents';

const TEXT =
  "<Event><System><Provider Name='Service Control Manager'/><EventID>7036</EventID><Level>4</Level></System>" +
  "<EventData><Data Name='param1'>Cryptographic Services</Data><Data>A &amp; B</Data></EventData></Event>" +
  '<Event><System><EventID>8</EventID></System></Event>';

function events(text: string): StoredEvent[] {
  const parsed = parseXmlEvents(text, 0, text.length);
  return parsed.events.map((e) => {
    assert.ok(e instanceof StoredEvent);
    return e;
  });
}

describe('StoredEvent', () => {
  it('builds values from their spans, decoded values from what was kept aside', () => {
    const [first] = events(TEXT);
    const name = TEXT.indexOf('Service Control Manager');
    assert.deepEqual(first?.provider, { value: 'Service Control Manager', start: name, end: name + 23 });
    const amp = TEXT.indexOf('A &amp; B');
    assert.deepEqual(first?.data, [
      { name: 'param1', value: 'Cryptographic Services', start: TEXT.indexOf('Cryptographic'), end: TEXT.indexOf('Cryptographic') + 22 },
      { value: 'A & B', start: amp, end: amp + 9 },
    ]);
    assert.equal(first?.channel, undefined);
  });

  it('moves every span, its values included, by the same delta', () => {
    const [first, second] = events(TEXT);
    const before = first && plainEvent(first);
    first?.moveBy(5);
    assert.equal(first?.span.start, (before?.span.start ?? 0) + 5);
    assert.equal(first?.anchor.end, (before?.anchor.end ?? 0) + 5);
    assert.equal(first?.eventId?.start, (before?.eventId?.start ?? 0) + 5);
    assert.deepEqual(first?.data.map((d) => d.start), before?.data.map((d) => d.start + 5));
    assert.equal(second?.eventId?.start, TEXT.lastIndexOf('>8<') + 1, 'the other events stay where they are');
  });

  it('gives each event its own data, even when read alternately', () => {
    const [first, second] = events(TEXT);
    assert.equal(first?.data.length, 2);
    assert.deepEqual(second?.data, []);
    assert.equal(first?.data.length, 2);
  });

  it('leaves no trace of an event that is dropped: the next one gets its slots', () => {
    // The middle event has neither an id nor a provider, so it is not kept.
    const text = "<Event><EventData><Data Name='gone'>x</Data></EventData></Event>" + TEXT;
    const kept = events(text);
    assert.equal(kept.length, 2);
    assert.deepEqual(kept[0]?.data.map((d) => d.name), ['param1', undefined]);
  });

  it('copies into a plain event that holds exactly the values present', () => {
    const [, second] = events(TEXT);
    assert.ok(second);
    const plain = plainEvent(second);
    assert.equal(plain instanceof StoredEvent, false);
    assert.deepEqual(Object.keys(plain).sort(), ['anchor', 'data', 'eventId', 'format', 'id', 'span']);
  });

  it('has slots only for the fields of its layout, and keeps a value whose text differs from its span aside', () => {
    const text = 'Error\t7000\tline one\r\nline two';
    const stores = new EventStores(text, new SliceCache(text), text.length, 1, 0);
    const event = stores.open('tab-text', new FieldLayout([Field.EventId, Field.Message]), { start: 0, end: text.length }, { start: 6, end: 10 });
    stores.keep(event, Field.EventId, { value: '7000', start: 6, end: 10 });
    stores.keep(event, Field.Message, { value: 'line one\nline two', start: 11, end: text.length });
    assert.deepEqual(event.eventId, { value: '7000', start: 6, end: 10 });
    assert.deepEqual(event.message, { value: 'line one\nline two', start: 11, end: text.length });
    assert.equal(event.level, undefined);
    assert.throws(() => stores.keep(event, Field.Level, { value: 'Error', start: 0, end: 5 }), /no slot/);
  });
});
