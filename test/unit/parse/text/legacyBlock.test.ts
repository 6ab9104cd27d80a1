import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTextLog } from '../../../../server/src/parse/text/parseTextLog';
import { at, fixture, lineOf } from './textTestHelpers';

const parse = (text: string) => parseTextLog(text, 0, text.length);

describe('legacy (XP/2003) event details', () => {
  const text = fixture('legacyDetails.txt');
  const { events, problems } = parse(text);

  it('reads both blocks and nothing from the prose around them', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.id, e.provider?.value, e.level?.value, e.levelNumber]), [
      ['legacy-text', 8, 'Crypt32', 'Error', 2],
      ['legacy-text', 7036, 'Service Control Manager', 'Information', 4],
    ]);
  });

  it('reads tab-separated values with exact spans; Date and Time make one time', () => {
    const crypt32 = events[0]!;
    assert.deepEqual(crypt32.level, at(text, 'Event Type:\t«Error»'));
    assert.deepEqual(crypt32.provider, at(text, 'Event Source:\t«Crypt32»'));
    assert.deepEqual(crypt32.task, at(text, 'Event Category:\t«None»'));
    assert.deepEqual(crypt32.eventId, at(text, 'Event ID:\t«8»'));
    assert.deepEqual(crypt32.anchor, { start: crypt32.eventId!.start, end: crypt32.eventId!.end });
    assert.deepEqual(crypt32.timeCreated, at(text, 'Date:\t\t«3/15/2010\nTime:\t\t11:27:57 AM»', 0, '3/15/2010 11:27:57 AM'));
    assert.equal(crypt32.time, Date.parse('2010-03-15T11:27:57Z'));
    assert.deepEqual(crypt32.userId, at(text, 'User:\t\t«N/A»'));
    assert.deepEqual(crypt32.computer, at(text, 'Computer:\t«SERVER1»'));
  });

  it('ends the message at its first blank line, keeping the Help and Support Center line', () => {
    const crypt32 = events[0]!;
    assert.deepEqual(crypt32.span, { start: text.indexOf('Event Type:'), end: lineOf(text, 'For more information').end });
    assert.equal(crypt32.message?.value, 'Failed auto update retrieval of third-party root list sequence number from: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootseq.txt> with error: The server name or address could not be resolved.\n\nFor more information, see Help and Support Center at http://go.microsoft.com/fwlink/events.asp.');
    const scm = events[1]!;
    assert.deepEqual(scm.message, at(text, 'Description:\n«The Cryptographic Services service entered the running state.»'));
    assert.equal(scm.span.end, scm.message!.end);
  });

  it('reads the seed article layout: a Markdown quote mark and hard-break blanks', () => {
    const seed = '> Event Type: Error  \nEvent Source: Crypt32  \nEvent Category: None  \nEvent ID: 8  \nDate: \\<DateTime>  \nTime: \\<DateTime>  \nUser: N/A  \nComputer: SERVER1  \nDescription:  \nFailed auto update retrieval of third-party root list sequence number.  \n\nThe following similar event may also be recorded:\n';
    const { events: [event], problems: none } = parse(seed);
    assert.deepEqual(none, []);
    assert.deepEqual(event?.level, at(seed, '> Event Type: «Error»'));
    assert.deepEqual(event?.span, { start: 0, end: seed.indexOf('number.') + 7 });
    assert.equal(event?.time, undefined, 'a placeholder date is no date');
    assert.equal(event?.message?.value, 'Failed auto update retrieval of third-party root list sequence number.');
  });

  it('consumes a Data: section into the block', () => {
    const withData = 'Event Type:\tError\nEvent Source:\tService Control Manager\nEvent ID:\t7031\nDescription:\nThe Cryptographic Services service terminated unexpectedly.\n\nData:\n0000: 00 00 00 00\n\nafter\n';
    const [event] = parse(withData).events;
    assert.deepEqual(event?.span, { start: 0, end: lineOf(withData, '0000:').end });
  });
});
