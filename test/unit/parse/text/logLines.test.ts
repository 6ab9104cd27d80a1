import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTextLog } from '../../../../server/src/parse/text/parseTextLog';
import { at, fixture, lineOf } from './textTestHelpers';

const parse = (text: string) => parseTextLog(text, 0, text.length);

describe('plain log lines', () => {
  it('CBS.log: timestamp, level word and component are a prefix; only matching lines count', () => {
    const text = fixture('CBS.log');
    const { events, problems } = parse(text);
    assert.deepEqual(problems, []);
    assert.equal(events.length, 1);
    const event = events[0]!;
    const line = lineOf(text, 'Failed to install catalog files');
    assert.deepEqual(event.span, line);
    assert.deepEqual(event.anchor, line);
    assert.equal(event.format, 'log-line');
    assert.deepEqual(event.timeCreated, at(text, '«2024-01-15 10:12:02», Error'));
    assert.equal(event.time, Date.parse('2024-01-15T10:12:02Z'));
    assert.deepEqual(event.level, at(text, '10:12:02, «Error»'));
    assert.equal(event.levelNumber, 2);
    assert.deepEqual(event.message, at(text, 'CBS    «Failed to install catalog files [HRESULT = 0x80092026 - CRYPT_E_SECURITY_SETTINGS]»'));
  });

  it('WindowsUpdate.log: timestamp, process, thread and component are a prefix', () => {
    const text = fixture('WindowsUpdate.log');
    const { events } = parse(text);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.message, at(text, 'Misc            «Error: 0x80092026 when verifying trust for C:\\Windows\\SoftwareDistribution\\Download\\abc.cab»'));
    assert.deepEqual(events[0]?.timeCreated, at(text, '«2024/01/15 10:12:05.9000000»'));
    assert.equal(events[0]?.time, Date.parse('2024-01-15T10:12:05.900Z'));
  });

  it('old WindowsUpdate.log with tab-separated fields', () => {
    const text = '2024-01-14\t09:00:00:123\t 1044\t2356\tSetup\tFATAL: Error Disabling Connection\n2024-01-14\t09:00:01:000\t 1044\t2356\tSetup\tok\n';
    const { events } = parse(text);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.timeCreated, at(text, '«2024-01-14\t09:00:00:123»'));
    assert.equal(events[0]?.time, Date.parse('2024-01-14T09:00:00.123Z'));
    assert.deepEqual(events[0]?.message, at(text, 'Setup\t«FATAL: Error Disabling Connection»'));
  });

  it('setupapi.dev.log: markers and category are a prefix, the section start gives the time', () => {
    const text = fixture('setupapi.dev.log');
    const { events } = parse(text);
    assert.deepEqual(events.map((e) => e.message?.value), [
      'Setup could not verify the integrity of the file Update.inf. Make sure the Cryptographic service is running on this computer.',
      'Failed to install catalog files. Error = 0x80092026',
    ]);
    assert.deepEqual(events[0]?.span, lineOf(text, 'sig: Setup could not verify'));
    assert.deepEqual(events[0]?.message, at(text, '!!!  sig: «Setup could not verify the integrity of the file Update.inf. Make sure the Cryptographic service is running on this computer.»'));
    assert.deepEqual(events[1]?.timeCreated, at(text, 'Section start «2024/01/15 10:12:01.123»'));
    assert.equal(events[1]?.time, Date.parse('2024-01-15T10:12:01.123Z'));
  });

  it('matches case-insensitively and ignores ordinary lines', () => {
    const text = 'line one\nIT IS NOT POSSIBLE TO DISABLE THE CONNECTION AT THIS TIME.\nline three';
    const { events } = parse(text);
    assert.equal(events.length, 1);
    assert.deepEqual(events[0]?.span, lineOf(text, 'IT IS NOT'));
    assert.equal(events[0]?.time, undefined);
    assert.deepEqual(parse('2024-01-15 10:12:01, Info CBS all fine\nnothing to see\n'), { events: [], problems: [] });
  });

  it('keeps exact offsets when lower-casing would change the text length', () => {
    const text = 'İİİ prefix\n#E361 Setup could not verify the integrity of the file x.inf\n';
    const [event] = parse(text).events;
    assert.deepEqual(event?.message, at(text, '#E361 «Setup could not verify the integrity of the file x.inf»'));
  });
});
