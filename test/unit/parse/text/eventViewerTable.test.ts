import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEvent } from '../../../../server/src/parse/model';
import { parseTextLog } from '../../../../server/src/parse/text/parseTextLog';
import { at, fixture, lineOf } from './textTestHelpers';

const parse = (text: string) => parseTextLog(text, 0, text.length);

function only(events: LogEvent[], id: number): LogEvent {
  const found = events.filter((e) => e.id === id);
  assert.equal(found.length, 1, `one event ${id}`);
  return found[0]!;
}

describe('Event Viewer "Save as Text" (tab-delimited)', () => {
  const text = fixture('saveAsText.txt');
  const { events, problems } = parse(text);

  it('reads every row', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.id, e.levelNumber]), [
      ['tab-text', 4107, 2], ['tab-text', 8, 2], ['tab-text', 7000, 2], ['tab-text', 7031, 2],
      ['tab-text', 7040, 4], ['tab-text', 105, 4], ['tab-text', 10016, 3],
    ]);
  });

  it('gives every cell of a row its exact span', () => {
    const row = lineOf(text, '\tCrypt32\t');
    const event = only(events, 8);
    assert.deepEqual(event.span, row);
    assert.deepEqual(event.anchor, { start: row.start + 36, end: row.start + 37 });
    assert.deepEqual(event.level, { start: row.start, end: row.start + 5, value: 'Error' });
    assert.deepEqual(event.timeCreated, at(text, 'Error\t«1/15/2024 10:02:01 AM»\tCrypt32'));
    assert.equal(event.time, Date.parse('2024-01-15T10:02:01Z'));
    assert.deepEqual(event.provider, at(text, '\t«Crypt32»\t'));
    assert.deepEqual(event.eventId, at(text, 'Crypt32\t«8»\t'));
    assert.deepEqual(event.task, at(text, 'Crypt32\t8\t«None»\t'));
    assert.deepEqual(event.message, at(text, 'None\t«Failed auto update retrieval of third-party root list sequence number from: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootseq.txt> with error: The server name or address could not be resolved.»\n'));
    assert.deepEqual(event.data, []);
  });

  it('reads a quoted multi-line description; the row span ends after the closing quote', () => {
    const event = only(events, 7000);
    const start = text.indexOf('Error\t1/14/2024 9:00:00 PM');
    const end = text.indexOf('timely fashion."') + 'timely fashion."'.length;
    assert.deepEqual(event.span, { start, end });
    assert.deepEqual(event.message, at(text, '"«The Cryptographic Services service failed to start due to the following error: \nThe service did not respond to the start or control request in a timely fashion.»"'));
    assert.equal(event.time, Date.parse('2024-01-14T21:00:00Z'));
  });

  it('unescapes "" in a quoted description', () => {
    const event = only(events, 10016);
    assert.deepEqual(
      event.message,
      at(text, '"«The application-specific permission settings do not grant Local Activation permission to the user ""NT AUTHORITY\\SYSTEM"" SID (S-1-5-18).»"', 0,
        'The application-specific permission settings do not grant Local Activation permission to the user "NT AUTHORITY\\SYSTEM" SID (S-1-5-18).'),
    );
  });

  it('reads the same export with CRLF, a BOM and no final newline', () => {
    const crlf = '\ufeff' + text.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const result = parse(crlf);
    assert.deepEqual(result.problems, []);
    assert.equal(result.events.length, 7);
    const event = only(result.events, 7000);
    assert.equal(event.message?.value, 'The Cryptographic Services service failed to start due to the following error: \nThe service did not respond to the start or control request in a timely fashion.');
    assert.equal(crlf.slice(event.message!.start, event.message!.end), 'The Cryptographic Services service failed to start due to the following error: \r\nThe service did not respond to the start or control request in a timely fashion.');
    const last = result.events[6]!;
    assert.equal(last.span.end, crlf.length);
    assert.equal(last.message?.value.endsWith('(S-1-5-18).'), true);
  });

  it('accepts a hand-padded header and trailing blanks', () => {
    const padded = 'Level\t      Date and Time\t                Source           Event ID\t     Task Category        \n' +
      'Error\t15-01-2024 10:02:01\tCrypt32\t8\tNone\tFailed auto update retrieval.   \n';
    const { events: [event], problems: none } = parse(padded);
    assert.deepEqual(none, []);
    assert.deepEqual(event?.message, at(padded, 'None\t«Failed auto update retrieval.»'));
    assert.equal(event?.time, Date.parse('2024-01-15T10:02:01Z'));
  });

  it('reads localized headers and level words (German)', () => {
    const de = 'Ebene\tDatum und Uhrzeit\tQuelle\tEreignis-ID\tAufgabenkategorie\n' +
      'Fehler\t15.01.2024 10:02:01\tCrypt32\t8\tKeine\tFehler beim automatischen Aktualisieren.\n' +
      'Informationen\t15.01.2024 10:03:01\tService Control Manager\t7036\tKeine\tDer Dienst wurde gestartet.\n';
    const { events: rows } = parse(de);
    assert.deepEqual(rows.map((e) => [e.level?.value, e.levelNumber, e.id, e.time]), [
      ['Fehler', 2, 8, Date.parse('2024-01-15T10:02:01Z')],
      ['Informationen', 4, 7036, Date.parse('2024-01-15T10:03:01Z')],
    ]);
  });

  it('resolves ambiguous day/month dates from another row of the same export', () => {
    const rows = (second: string) => 'Level\tDate and Time\tSource\tEvent ID\tTask Category\n' +
      'Error\t03-04-2025 10:00:00\tCrypt32\t8\tNone\tx\n' +
      `Error\t${second}\tCrypt32\t8\tNone\ty\n`;
    assert.deepEqual(parse(rows('13-04-2025 10:00:00')).events.map((e) => e.time), [Date.parse('2025-04-03T10:00:00Z'), Date.parse('2025-04-13T10:00:00Z')]);
    assert.deepEqual(parse(rows('03-14-2025 10:00:00')).events.map((e) => e.time), [Date.parse('2025-03-04T10:00:00Z'), Date.parse('2025-03-14T10:00:00Z')]);
    assert.deepEqual(parse(rows('03-05-2025 10:00:00')).events.map((e) => e.time), [undefined, undefined]);
  });
});

describe('Event Viewer CSV', () => {
  const text = fixture('eventViewer.csv');
  const { events, problems } = parse(text);

  it('reads every row, skipping the BOM', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.id, e.provider?.value]), [
      ['csv', 4107, 'Microsoft-Windows-CAPI2'], ['csv', 8, 'Crypt32'], ['csv', 7000, 'Service Control Manager'],
      ['csv', 7031, 'Service Control Manager'], ['csv', 7040, 'Service Control Manager'], ['csv', 105, 'Microsoft-Windows-Kernel-Power'],
    ]);
  });

  it('gives exact spans and unquotes fields with embedded newlines, commas and ""', () => {
    const scm = only(events, 7000);
    assert.deepEqual(scm.span, { start: text.indexOf('Error,14.01.2024 21:00:00'), end: text.indexOf('timely fashion."') + 16 });
    assert.deepEqual(scm.eventId, at(text, 'Manager,«7000»,'));
    assert.deepEqual(scm.anchor, { start: scm.eventId!.start, end: scm.eventId!.end });
    assert.deepEqual(scm.timeCreated, at(text, 'Error,«14.01.2024 21:00:00»,'));
    assert.equal(scm.time, Date.parse('2024-01-14T21:00:00Z'));
    assert.equal(scm.message?.value, 'The Cryptographic Services service failed to start due to the following error: \nThe service did not respond to the start or control request in a timely fashion.');
    const power = only(events, 105);
    assert.deepEqual(power.message, at(text, '"«Power source change, on ""battery"".»"', 0, 'Power source change, on "battery".'));
    assert.deepEqual(power.task, at(text, ',105,«(100)»,'));
  });
});

describe('malformed tab exports', () => {
  const header = 'Level\tDate and Time\tSource\tEvent ID\tTask Category\n';

  it('reports a row with too few columns and reads the rest', () => {
    const text = header +
      'Error\t15-01-2024 10:02:01\tCrypt32\n' +
      'Error\t15-01-2024 10:03:01\tService Control Manager\t7031\tNone\tThe Cryptographic Services service terminated unexpectedly.\n' +
      'Warning\n';
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => e.id), [7031]);
    assert.deepEqual(problems, [
      { span: lineOf(text, '\tCrypt32'), message: 'Event Viewer tab-text row has 3 of 6 columns' },
      { span: lineOf(text, 'Warning'), message: 'Event Viewer tab-text row has 1 of 6 columns' },
    ]);
  });

  it('reports an unterminated quote and resumes at the next row', () => {
    const text = header +
      'Error\t15-01-2024 10:02:01\tCrypt32\t8\tNone\t"Failed auto update retrieval\n' +
      'with no closing quote\n' +
      'and more lost text\n' +
      'Error\t15-01-2024 10:03:01\tService Control Manager\t7000\tNone\t"The Cryptographic Services service failed to start."\n';
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => [e.id, e.message?.value]), [
      [8, 'Failed auto update retrieval'],
      [7000, 'The Cryptographic Services service failed to start.'],
    ]);
    const quote = text.indexOf('"Failed');
    assert.deepEqual(problems, [{ span: { start: quote, end: text.indexOf('\nwith') }, message: 'Quoted description has no closing quote; it is read up to the end of its line' }]);
  });

  it('reports a stray line between rows', () => {
    const text = header + 'Error\t15-01-2024 10:02:01\tCrypt32\t8\tNone\tx\nstray text\nError\t15-01-2024 10:03:01\tCrypt32\t8\tNone\ty\n';
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => e.message?.value), ['x', 'y']);
    assert.deepEqual(problems, [{ span: lineOf(text, 'stray text'), message: 'Line inside an Event Viewer tab-text export is not a row' }]);
  });

  it('ends the export at a line that is neither a row nor followed by one', () => {
    const text = header + 'Error\t15-01-2024 10:02:01\tCrypt32\t8\tNone\tx\n\n## Notes\nSome prose\twith a tab.\n';
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => e.message?.value), ['x']);
    assert.deepEqual(problems, []);
  });

  it('reports an unterminated quote at the end of the text', () => {
    const text = header + 'Error\t15-01-2024 10:02:01\tCrypt32\t8\tNone\t"Failed auto update\nretrieval';
    const { events, problems } = parse(text);
    assert.deepEqual(events.map((e) => e.message?.value), ['Failed auto update']);
    assert.equal(problems.length, 1);
    assert.deepEqual(problems[0]?.span, { start: text.indexOf('"Failed'), end: text.indexOf('\nretrieval') });
  });
});
