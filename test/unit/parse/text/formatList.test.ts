import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTextLog } from '../../../../server/src/parse/text/parseTextLog';
import { at, fixture, lineOf } from './textTestHelpers';

const parse = (text: string) => parseTextLog(text, 0, text.length);

describe('PowerShell Format-List output', () => {
  const text = fixture('formatList.txt');
  const { events, problems } = parse(text);

  it('reads one event per record', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.id, e.provider?.value, e.time]), [
      ['powershell-list', 4107, 'Microsoft-Windows-CAPI2', Date.parse('2024-01-15T10:12:01Z')],
      ['powershell-list', 7000, 'Service Control Manager', Date.parse('2024-01-14T21:00:00Z')],
      ['powershell-list', 105, 'Microsoft-Windows-Kernel-Power', Date.parse('2024-01-14T08:00:00Z')],
    ]);
  });

  it('gives exact spans and joins continuation lines without their indentation', () => {
    const event = events[0]!;
    assert.deepEqual(event.span, { start: lineOf(text, 'TimeCreated  : 1/15/2024').start, end: lineOf(text, 'required certificate').end });
    assert.deepEqual(event.timeCreated, at(text, 'TimeCreated  : «1/15/2024 10:12:01 AM»'));
    assert.deepEqual(event.provider, at(text, 'ProviderName : «Microsoft-Windows-CAPI2»'));
    assert.deepEqual(event.eventId, at(text, 'Id           : «4107»'));
    assert.deepEqual(event.anchor, { start: event.eventId!.start, end: event.eventId!.end });
    const messageStart = text.indexOf('Failed extract');
    const messageEnd = text.indexOf('signed file.') + 'signed file.'.length;
    assert.deepEqual(event.message, {
      start: messageStart,
      end: messageEnd,
      value: 'Failed extract of third-party root list from auto update cab at: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab> with error: A\nrequired certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.',
    });
  });

  it('reads Get-EventLog records (Index, EntryType, InstanceId, Source, TimeGenerated)', () => {
    const list = 'Index              : 52417\nEntryType          : Error\nInstanceId         : 3221232472\nMessage            : The Cryptographic Services service failed to start.\nCategory           : (0)\nSource             : Service Control Manager\nTimeGenerated      : 1/15/2024 10:12:01 AM\nUserName           : \n';
    const [event] = parse(list).events;
    assert.deepEqual(event?.recordId, at(list, ': «52417»'));
    assert.deepEqual(event?.eventId, at(list, ': «3221232472»'));
    assert.equal(event?.id, 7000);
    assert.equal(event?.levelNumber, 2);
    assert.deepEqual(event?.provider, at(list, 'Source             : «Service Control Manager»'));
    assert.equal(event?.userId, undefined);
    assert.deepEqual(event?.task, at(list, ': «(0)»'));
  });

  it('reports a record without an Id and ignores lists of other objects', () => {
    const cut = 'TimeCreated  : 1/15/2024 10:12:01 AM\nProviderName : Microsoft-Windows-CAPI2\nLevelDisplayName : Error\n\nName        : CryptSvc\nDisplayName : Cryptographic Services\nStatus      : Running\n';
    const { events: read, problems: found } = parse(cut);
    assert.deepEqual(read, []);
    assert.deepEqual(found, [{ span: { start: 0, end: lineOf(cut, 'LevelDisplayName').end }, message: 'PowerShell Format-List event has no Id line (the record looks cut off)' }]);
  });
});
