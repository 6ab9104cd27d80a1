import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTextLog } from '../../../../server/src/parse/text/parseTextLog';
import { at, fixture, lineOf, realSample } from './textTestHelpers';

const parse = (text: string) => parseTextLog(text, 0, text.length);

describe('"Copy Details as Text" blocks', () => {
  const text = fixture('copyDetails.txt');
  const { events, problems } = parse(text);

  it('reads several pasted blocks (CRLF)', () => {
    assert.deepEqual(problems, []);
    assert.deepEqual(events.map((e) => [e.format, e.id, e.provider?.value, e.levelNumber]), [
      ['details-text', 4107, 'Microsoft-Windows-CAPI2', 2],
      ['details-text', 7031, 'Service Control Manager', 2],
      ['details-text', 105, 'Microsoft-Windows-Kernel-Power', 4],
    ]);
  });

  it('gives every labeled field its exact span; the span ends with the "Event Xml:" line', () => {
    const capi2 = events[0]!;
    assert.deepEqual(capi2.span, { start: 0, end: lineOf(text, 'Event Xml:').end });
    assert.deepEqual(capi2.channel, at(text, 'Log Name:      «Application»'));
    assert.deepEqual(capi2.provider, at(text, 'Source:        «Microsoft-Windows-CAPI2»'));
    assert.deepEqual(capi2.timeCreated, at(text, 'Date:          «1/15/2024 10:12:01 AM»'));
    assert.equal(capi2.time, Date.parse('2024-01-15T10:12:01Z'));
    assert.deepEqual(capi2.eventId, at(text, 'Event ID:      «4107»'));
    assert.deepEqual(capi2.anchor, { start: capi2.eventId!.start, end: capi2.eventId!.end });
    assert.deepEqual(capi2.task, at(text, 'Task Category: «None»'));
    assert.deepEqual(capi2.level, at(text, 'Level:         «Error»'));
    assert.deepEqual(capi2.keywords, at(text, 'Keywords:      «Classic»'));
    assert.deepEqual(capi2.userId, at(text, 'User:          «N/A»'));
    assert.deepEqual(capi2.computer, at(text, 'Computer:      «SERVER1.contoso.local»'));
    assert.deepEqual(capi2.message, at(text, 'Description:\r\n«Failed extract of third-party root list from auto update cab at: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootstl.cab> with error: A required certificate is not within its validity period when verifying against the current system clock or the timestamp in the signed file.»\r\nEvent Xml:'));
  });

  it('ends a block without "Event Xml:" at the next block', () => {
    const scm = events[1]!;
    const start = text.indexOf('Log Name:      System');
    assert.deepEqual(scm.span, { start, end: text.indexOf('Restart the service.') + 'Restart the service.'.length });
    assert.equal(scm.message?.value, 'The Cryptographic Services service terminated unexpectedly.  It has done this 1 time(s).  The following corrective action will be taken in 60000 milliseconds: Restart the service.');
    assert.deepEqual(events[2]?.keywords, at(text, '«(1024),(4)»'));
    assert.deepEqual(events[2]?.userId, at(text, 'User:          «SYSTEM»'));
  });

  it('keeps blank lines inside a message and reads a message on several lines', () => {
    const pasted = 'Log Name: System\nSource: Microsoft-Windows-Kernel-Power\nDate: 01-07-2025 17:10:09\nEvent ID: 566\nLevel: Information\nDescription:\nThe system session has transitioned from 24 to 26.\n\nReason InputPoUserPresent \n\nBootId: 14\n';
    const [event] = parse(pasted).events;
    assert.deepEqual(event?.message, at(pasted, '«The system session has transitioned from 24 to 26.\n\nReason InputPoUserPresent \n\nBootId: 14»'));
    assert.equal(event?.time, undefined, '01-07-2025 alone is ambiguous: no order is invented');
  });

  it('reports a block cut off before its Event ID and reads the next one', () => {
    const cut = 'Log Name:      Application\nSource:        Crypt32\nDate:          1/15/2024 10:02:01 AM\n\nLog Name:      System\nSource:        Service Control Manager\nEvent ID:      7040\nDescription:\nThe start type of the Cryptographic Services service was changed from auto start to demand start.\n';
    const { events: read, problems: broken } = parse(cut);
    assert.deepEqual(read.map((e) => e.id), [7040]);
    assert.deepEqual(broken, [{ span: { start: 0, end: lineOf(cut, 'Date:').end }, message: 'Event details have no "Event ID:" line (the block looks cut off)' }]);
  });

  it('splits blocks pasted back to back at the repeated first label', () => {
    const pasted = 'Log Name: Application\nSource: Crypt32\nEvent ID: 8\nKeywords:\nLog Name: System\nSource: Service Control Manager\nEvent ID: 7040\nKeywords:\n';
    const { events: read, problems: none } = parse(pasted);
    assert.deepEqual(none, []);
    assert.deepEqual(read.map((e) => [e.id, e.span, e.keywords]), [
      [8, { start: 0, end: lineOf(pasted, 'Keywords:').end }, undefined],
      [7040, { start: pasted.indexOf('Log Name: System'), end: pasted.length - 1 }, undefined],
    ]);
  });

  it('reads French labels (a blank before the colon)', () => {
    const fr = "Nom du journal :Application\nSource :       Crypt32\nID de l'événement :8\nNiveau :       Erreur\nDescription :\nÉchec de la récupération.\n";
    const [event] = parse(fr).events;
    assert.deepEqual(event?.eventId, at(fr, "ID de l'événement :«8»"));
    assert.equal(event?.levelNumber, 2);
    assert.equal(event?.message?.value, 'Échec de la récupération.');
  });

  it('reads the real pasted OAlerts event in applications_logs.md', (t) => {
    const real = realSample('rohitsharma1815-SecureMe_Phase_Rohit/step2_log_analysis/applications_logs.md');
    if (real === undefined) {
      t.skip('../shared/samples/real is absent');
      return;
    }
    const result = parse(real);
    assert.deepEqual(result.problems, []);
    assert.equal(result.events.length, 1);
    const event = result.events[0]!;
    assert.equal(event.format, 'details-text');
    assert.deepEqual(event.span, { start: real.indexOf('Log Name:'), end: lineOf(real, 'Event Xml:').end });
    assert.deepEqual(event.eventId, at(real, 'Event ID:      «300»'));
    assert.deepEqual(event.provider, at(real, 'Source:        «Microsoft Office 16 Alerts»'));
    assert.deepEqual(event.channel, at(real, 'Log Name:      «OAlerts»'));
    assert.equal(event.levelNumber, 4);
    assert.equal(event.time, Date.parse('2025-06-28T20:06:31Z'));
    assert.equal(event.message?.value, 'Microsoft Publisher\nPublisher cannot open the file.\nP1: 1100009\nP2: 16.0.18827.20164\nP3: \nP4: 0x8003000B');
  });
});
