import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTextLog } from '../../../../server/src/parse/text/parseTextLog';
import { at, fixture, lineOf } from './textTestHelpers';

const parse = (text: string) => parseTextLog(text, 0, text.length);

describe('wevtutil qe /f:text', () => {
  const text = fixture('wevtutil.txt');
  const { events, problems } = parse(text);

  it('reads every Event[N] block', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.id, e.channel?.value, e.levelNumber, e.time]), [
      ['wevtutil-text', 4107, 'Application', 2, Date.parse('2024-01-15T10:12:01.123Z')],
      ['wevtutil-text', 4625, 'Security', 4, Date.parse('2021-12-25T07:33:18.152Z')],
      ['wevtutil-text', 7000, 'System', 2, Date.parse('2024-01-14T21:00:00Z')],
    ]);
  });

  it('gives exact spans; Event[N] is not a record id', () => {
    const first = events[0]!;
    assert.deepEqual(first.span, { start: 0, end: lineOf(text, 'Failed extract').end });
    assert.equal(first.recordId, undefined);
    assert.deepEqual(first.provider, at(text, '  Source: «Microsoft-Windows-CAPI2»'));
    assert.deepEqual(first.timeCreated, at(text, '  Date: «2024-01-15T10:12:01.1234567Z»'));
    assert.deepEqual(first.eventId, at(text, '  Event ID: «4107»'));
    assert.deepEqual(first.anchor, { start: first.eventId!.start, end: first.eventId!.end });
    assert.deepEqual(first.task, at(text, '  Task: «N/A»'));
    assert.deepEqual(first.opcode, at(text, '  Opcode: «N/A»'));
    assert.deepEqual(first.keywords, at(text, '  Keyword: «Classic»'));
    assert.deepEqual(first.userId, at(text, '  User: «N/A»'));
    assert.deepEqual(first.computer, at(text, '  Computer: «SERVER1.contoso.local»'));
    assert.deepEqual(first.message, at(text, 'Description: \n«Failed extract of third-party root list from auto update cab at: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab> with error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.»'));
  });

  it('keeps label-like message lines in the message, up to the next Event[N]', () => {
    const logon = events[1]!;
    assert.equal(logon.message?.value, 'An account failed to log on.\n\nSubject:\n\tSecurity ID:\t\tS-1-0-0\n\tAccount Name:\t\t-');
    assert.equal(logon.span.end, lineOf(text, 'Account Name:').end);
    assert.equal(logon.keywords?.value, 'Audit Failure');
  });

  it('with CRLF line ends, keeps a one-line message as written and gives a multi-line one LF breaks', () => {
    const crlf = text.replace(/\r?\n/g, '\r\n');
    const [first, logon] = parse(crlf).events;
    const oneLine = lineOf(crlf, 'Failed extract');
    assert.equal(first?.message?.value, crlf.slice(oneLine.start, oneLine.end));
    assert.equal(logon?.message?.value, 'An account failed to log on.\n\nSubject:\n\tSecurity ID:\t\tS-1-0-0\n\tAccount Name:\t\t-');
    assert.equal(logon?.message && crlf.slice(logon.message.start, logon.message.end).includes('\r\n'), true);
  });

  it('reports a block cut off before its Event ID', () => {
    const cut = 'Event[0]:\n  Log Name: System\n  Source: Service Control Manager\nEvent[1]:\n  Log Name: System\n  Source: Service Control Manager\n  Event ID: 7031\n  Description: The Cryptographic Services service terminated unexpectedly.\n';
    const { events: read, problems: broken } = parse(cut);
    assert.deepEqual(read.map((e) => [e.id, e.message?.value]), [[7031, 'The Cryptographic Services service terminated unexpectedly.']]);
    assert.deepEqual(broken, [{ span: { start: 0, end: lineOf(cut, 'Source:').end }, message: 'wevtutil event block has no "Event ID:" line (the block looks cut off)' }]);
  });
});
