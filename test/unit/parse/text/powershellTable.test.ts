import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTextLog } from '../../../../server/src/parse/text/parseTextLog';
import { at, fixture, lineOf } from './textTestHelpers';

const parse = (text: string) => parseTextLog(text, 0, text.length);

describe('Get-WinEvent table output', () => {
  const text = fixture('getWinEventTable.txt');
  const { events, problems } = parse(text);

  it('reads every row of every ProviderName group', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.id, e.provider?.value, e.level?.value, e.levelNumber]), [
      ['powershell-table', 4107, 'Microsoft-Windows-CAPI2', 'Error', 2],
      ['powershell-table', 7000, 'Service Control Manager', 'Error', 2],
      ['powershell-table', 7031, 'Service Control Manager', 'Error', 2],
      ['powershell-table', 7040, 'Service Control Manager', 'Information', 4],
      ['powershell-table', 7036, 'Service Control Manager', 'Information', 4],
    ]);
  });

  it('cuts cells at the dash columns, right-aligned ids included', () => {
    const row = lineOf(text, '4107');
    const event = events[0]!;
    assert.deepEqual(event.span, row);
    assert.deepEqual(event.timeCreated, at(text, '«1/15/2024 10:12:01 AM»         4107'));
    assert.equal(event.time, Date.parse('2024-01-15T10:12:01Z'));
    assert.deepEqual(event.eventId, at(text, 'AM         «4107» Error'));
    assert.deepEqual(event.anchor, { start: event.eventId!.start, end: event.eventId!.end });
    assert.deepEqual(event.level, at(text, '4107 «Error»'));
    assert.deepEqual(event.message, at(text, 'Error            «Failed extract of third-party root list from auto update cab at: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/au...»'));
    assert.deepEqual(event.provider, at(text, '   ProviderName: «Microsoft-Windows-CAPI2»'), 'the group line names the provider');
    const scm = events[1]!;
    assert.deepEqual(scm.provider, at(text, '   ProviderName: «Service Control Manager»'));
    assert.deepEqual(scm.message, at(text, 'Error            «The Cryptographic Services service failed to start due to the following error:»'));
  });

  it('appends wrapped message lines (-Wrap) to the last column', () => {
    const wrapped = 'TimeCreated                     Id LevelDisplayName Message\n' +
      '-----------                     -- ---------------- -------\n' +
      '1/15/2024 10:02:01 AM            8 Error            Failed auto update retrieval of third-party root list\n' +
      '                                                    sequence number from: <http://www.download.windowsupdate.com/>\n' +
      '1/15/2024 10:03:01 AM         7036 Information      The Cryptographic Services service entered the running state.\n';
    const { events: rows, problems: none } = parse(wrapped);
    assert.deepEqual(none, []);
    assert.deepEqual(rows.map((e) => e.id), [8, 7036]);
    assert.equal(rows[0]?.message?.value, 'Failed auto update retrieval of third-party root list\nsequence number from: <http://www.download.windowsupdate.com/>');
    assert.deepEqual(rows[0]?.span, { start: lineOf(wrapped, 'Failed auto').start, end: lineOf(wrapped, 'sequence number').end });
  });

  it('reports a row without a numeric id and reads the others', () => {
    const broken = 'TimeCreated                     Id LevelDisplayName Message\n' +
      '-----------                     -- ---------------- -------\n' +
      '1/15/2024 10:02:01 AM\n' +
      '1/15/2024 10:03:01 AM         7036 Information      The Cryptographic Services service entered the running state.\n';
    const { events: rows, problems: found } = parse(broken);
    assert.deepEqual(rows.map((e) => e.id), [7036]);
    assert.deepEqual(found, [{ span: lineOf(broken, '10:02:01 AM'), message: 'PowerShell table row has no numeric event id (the row looks cut off or wrapped)' }]);
  });
});

describe('Get-EventLog table output', () => {
  const text = fixture('getEventLogTable.txt');
  const { events, problems } = parse(text);

  it('reads InstanceID as the event id (low 16 bits displayed) and Index as the record id', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.eventId?.value, e.id, e.recordId?.value, e.level?.value, e.provider?.value]), [
      ['powershell-table', '3221232472', 7000, '52417', 'Error', 'Service Control M...'],
      ['powershell-table', '3221225480', 8, '52416', 'Error', 'Crypt32'],
      ['powershell-table', '2147489653', 6005, '9999', 'Information', 'EventLog'],
    ]);
  });

  it('gives exact spans and no time for a year-less Time column', () => {
    const event = events[1]!;
    assert.deepEqual(event.span, { start: lineOf(text, '52416').start, end: lineOf(text, '52416').end });
    assert.deepEqual(event.recordId, at(text, '   «52416» Jan'));
    assert.deepEqual(event.timeCreated, at(text, '52416 «Jan 15 10:02»'));
    assert.equal(event.time, undefined);
    assert.deepEqual(event.eventId, at(text, 'Crypt32                «3221225480» Failed'));
    assert.deepEqual(event.message, at(text, '3221225480 «Failed auto update retrieval of third-party root list sequence number from: <http://www.download.windo...»'));
    assert.deepEqual(events[2]?.recordId, at(text, '    «9999» Jan'));
  });
});
