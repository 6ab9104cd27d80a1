import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTextLog } from '../../../../server/src/parse/text/parseTextLog';
import { at, fixture } from './textTestHelpers';

const parse = (text: string) => parseTextLog(text, 0, text.length);

describe('PowerShell Export-Csv output', () => {
  const text = fixture('exportCsv.csv');
  const { events, problems } = parse(text);

  it('reads every row after the #TYPE line and the header', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.id, e.provider?.value, e.level?.value, e.levelNumber, e.recordId?.value, e.channel?.value]), [
      ['powershell-csv', 8, 'Microsoft-Windows-CAPI2', 'Error', 2, '1234', 'Application'],
      ['powershell-csv', 7000, 'Service Control Manager', 'Error', 2, '5678', 'System'],
      ['powershell-csv', 7036, 'Service Control Manager', 'Information', 4, '5679', 'System'],
    ]);
  });

  it('gives exact spans to quoted cells, unescaping "" and keeping multi-line messages', () => {
    const scm = events[1]!;
    assert.equal(scm.span.start, text.indexOf('"The Cryptographic Services service failed'));
    const rowEnd = text.indexOf('\r\n', text.indexOf('timely fashion.'));
    assert.equal(scm.span.end, rowEnd, 'the row ends before its CRLF');
    assert.equal(text.slice(rowEnd - 15, rowEnd), 'EventProperty]"');
    assert.deepEqual(scm.eventId, at(text, 'fashion.","«7000»"'));
    assert.deepEqual(scm.anchor, { start: scm.eventId!.start, end: scm.eventId!.end });
    assert.deepEqual(scm.qualifiers, at(text, '"7000","0","«49152»"'));
    assert.deepEqual(scm.timeCreated, at(text, '"«1/14/2024 9:00:00 PM»"'));
    assert.equal(scm.time, Date.parse('2024-01-14T21:00:00Z'));
    assert.deepEqual(scm.computer, at(text, '"«SERVER1.contoso.local»"', scm.span.start));
    assert.deepEqual(scm.message, at(text, '"«The Cryptographic Services service failed to start due to the following error: \r\nThe service did not respond to the start or control request in a timely fashion.»"', 0,
      'The Cryptographic Services service failed to start due to the following error: \nThe service did not respond to the start or control request in a timely fashion.'));
    assert.deepEqual(events[2]?.message, at(text, '"«The ""Windows Update"" service entered the running state.»"', 0, 'The "Windows Update" service entered the running state.'));
  });

  it('reads a header without #TYPE and reports short rows', () => {
    const csv = '"Message","Id","Level","ProviderName","TimeCreated"\n"Failed auto update retrieval.","8","2","Crypt32","1/15/2024 10:02:01 AM"\n"cut","7000"\n';
    const { events: rows, problems: found } = parse(csv);
    assert.deepEqual(rows.map((e) => [e.id, e.levelNumber, e.level?.value]), [[8, 2, '2']]);
    assert.deepEqual(found, [{ span: { start: csv.indexOf('"cut"'), end: csv.length - 1 }, message: 'PowerShell CSV row has 2 of 5 columns' }]);
  });
});
