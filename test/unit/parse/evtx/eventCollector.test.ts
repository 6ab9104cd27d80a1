import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventCollector } from '../../../../server/src/parse/evtx/eventCollector';

const SYSTEM = ['Event', 'System'];

/** Reports one leaf element at `path` with `attributes`, then its text, as the renderer does. */
function leaf(c: EventCollector, path: string[], text: string | undefined, attributes: [string, string][] = []): void {
  c.elementStart();
  for (const [name, value] of attributes) c.attribute(path, name, value, 1, 1 + value.length);
  if (text !== undefined) c.text(path, text, 2, 2 + text.length);
}

describe('EventCollector', () => {
  it('fills System fields in the order they arrive, trimmed, with their spans', () => {
    const c = new EventCollector();
    leaf(c, [...SYSTEM, 'Provider'], undefined, [
      ['Name', ' Microsoft-Windows-CAPI2 '],
      ['Guid', '{5BBCA4A8-B209-48DC-A8C7-B23D3E5216FB}'],
    ]);
    leaf(c, [...SYSTEM, 'EventID'], '4097', [['Qualifiers', '0']]);
    c.elementEnd([...SYSTEM, 'EventID'], 40, 60);
    leaf(c, [...SYSTEM, 'Level'], '2');
    leaf(c, [...SYSTEM, 'TimeCreated'], undefined, [['SystemTime', '2016-06-29T15:24:34.346000000Z']]);
    leaf(c, [...SYSTEM, 'Channel'], 'Application');
    leaf(c, [...SYSTEM, 'Unknown'], 'ignored');
    c.finish(99);
    const e = c.event;
    assert.deepEqual(Object.keys(e), [
      'format',
      'span',
      'anchor',
      'data',
      'provider',
      'providerGuid',
      'qualifiers',
      'eventId',
      'id',
      'level',
      'levelNumber',
      'timeCreated',
      'time',
      'channel',
    ]);
    assert.deepEqual(e.provider, { value: 'Microsoft-Windows-CAPI2', start: 1, end: 26 });
    assert.deepEqual(e.eventId, { value: '4097', start: 2, end: 6 });
    assert.equal(e.id, 4097);
    assert.equal(e.levelNumber, 2);
    assert.equal(e.time, Date.UTC(2016, 5, 29, 15, 24, 34, 346));
    assert.deepEqual(e.anchor, { start: 40, end: 60 });
    assert.deepEqual(e.span, { start: 0, end: 99 });
    assert.deepEqual(e.data, []);
  });

  it('reads the time from the untrimmed text, as written in the XML', () => {
    const c = new EventCollector();
    leaf(c, [...SYSTEM, 'TimeCreated'], undefined, [['SystemTime', ' 2016-06-29T15:24:34Z']]);
    assert.deepEqual(c.event.timeCreated, { value: '2016-06-29T15:24:34Z', start: 1, end: 22 });
    assert.equal('time' in c.event, false);
  });

  it('names EventData items by their Name attribute, else by a non-Data element', () => {
    const c = new EventCollector();
    const data = ['Event', 'EventData', 'Data'];
    leaf(c, data, 'C:\\x.dll', [['Name', 'Path']]);
    leaf(c, data, ' 5 ');
    leaf(c, ['Event', 'EventData', 'ns:Item'], 'v');
    leaf(c, ['Event', 'EventData', 'Binary'], 'DEAD');
    leaf(c, ['Event', 'EventData', 'Group', 'Data'], 'too deep');
    leaf(c, ['Event', 'UserData', 'LogFileCleared', 'SubjectUserName'], 'alice');
    assert.deepEqual(c.event.data, [
      { value: 'C:\\x.dll', start: 2, end: 10, name: 'Path' },
      { value: '5', start: 2, end: 5 },
      { value: 'v', start: 2, end: 3, name: 'Item' },
      { value: 'alice', start: 2, end: 7, name: 'SubjectUserName' },
    ]);
    assert.deepEqual(c.event.binary, { value: 'DEAD', start: 2, end: 6 });
  });

  it('keeps each event to its own fields when events of different shapes alternate', () => {
    const events = [0, 1, 2, 3, 4, 5].map((i) => {
      const c = new EventCollector();
      if (i % 2 === 0) leaf(c, [...SYSTEM, 'Provider'], undefined, [['Name', `P${i}`]]);
      leaf(c, [...SYSTEM, i % 3 === 0 ? 'Task' : 'Opcode'], String(i));
      return c.event;
    });
    assert.deepEqual(
      events.map((e) => Object.keys(e).slice(4)),
      [['provider', 'task'], ['opcode'], ['provider', 'opcode'], ['task'], ['provider', 'opcode'], ['opcode']],
    );
    assert.deepEqual(events[4]?.provider, { value: 'P4', start: 1, end: 3 });
  });
});
