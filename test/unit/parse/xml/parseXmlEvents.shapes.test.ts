import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEvent } from '../../../../server/src/parse/model';
import { plainEvent } from '../../../../server/src/parse/storedEvent';
import { parseXmlEvents } from '../../../../server/src/parse/xml/parseXmlEvents';
import { after, decodedAfter, find, fixture } from './locate';

function parseAll(text: string): LogEvent[] {
  const result = parseXmlEvents(text, 0, text.length);
  assert.deepEqual(result.problems, []);
  return result.events;
}

describe('parseXmlEvents: Event Viewer "Save as XML" (BOM, <Events> root, one long line, RenderingInfo)', () => {
  const text = fixture('eventViewerSaveAs.xml');
  const events = parseAll(text);

  it('finds both events with spans from <Event to </Event>', () => {
    assert.equal(events.length, 2);
    const first = find(text, '<Event xmlns');
    const firstEnd = find(text, '</Event>').end;
    assert.deepEqual(events[0]?.span, { start: first.start, end: firstEnd });
    assert.deepEqual(events[1]?.span, { start: firstEnd, end: find(text, '</Event></Events>').end - '</Events>'.length });
    assert.equal(text.slice(events[1]?.span.end), '</Events>');
  });

  it('reads every field of the Crypt32 event 8 with exact spans', () => {
    const e = events[0];
    const eventIdTag = find(text, "<EventID Qualifiers='0'>8</EventID>");
    const rendering = find(text, '<RenderingInfo').start;
    const expected: LogEvent = {
      format: 'xml',
      span: e?.span ?? { start: -1, end: -1 },
      anchor: eventIdTag,
      provider: after(text, "Provider Name='", 'Microsoft-Windows-CAPI2'),
      providerGuid: after(text, "Guid='", '{5bbca4a8-b209-48dc-a8c7-b23d3e5216fb}'),
      eventSourceName: after(text, "EventSourceName='", 'Microsoft-Windows-CAPI2'),
      qualifiers: after(text, "Qualifiers='", '0'),
      eventId: after(text, "Qualifiers='0'>", '8'),
      id: 8,
      version: after(text, '<Version>', '0'),
      level: after(text, '<Level>', '2'),
      levelNumber: 2,
      task: after(text, '<Task>', '0'),
      opcode: after(text, '<Opcode>', '0'),
      keywords: after(text, '<Keywords>', '0x80000000000000'),
      timeCreated: after(text, "SystemTime='", '2025-03-14T10:02:11.4841234Z'),
      time: Date.UTC(2025, 2, 14, 10, 2, 11, 484),
      recordId: after(text, '<EventRecordID>', '40213'),
      processId: after(text, "ProcessID='", '1212'),
      threadId: after(text, "ThreadID='", '3340'),
      channel: after(text, '<Channel>', 'Application'),
      computer: after(text, '<Computer>', 'SRV-FILE01.contoso.local'),
      data: [
        {
          name: 'param1',
          ...after(text, "<Data Name='param1'>", 'http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootseq.txt'),
        },
        {
          name: 'param2',
          ...decodedAfter(text, "<Data Name='param2'>", 'This network connection does not exist.&#13;&#10;', 'This network connection does not exist.'),
        },
      ],
      message: decodedAfter(
        text,
        '<Message>',
        'Failed auto update retrieval of third-party root list sequence number from: &lt;http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootseq.txt&gt; with error: This network connection does not exist.&#13;&#10;',
        'Failed auto update retrieval of third-party root list sequence number from: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootseq.txt> with error: This network connection does not exist.',
      ),
      renderedLevel: after(text, '</Message><Level>', 'Error', rendering),
      renderedTask: after(text, '</Level><Task>', 'None', rendering),
      renderedChannel: after(text, '</Opcode><Channel>', 'Application', rendering),
      renderedProvider: after(text, '</Channel><Provider>', 'Microsoft-Windows-CAPI2', rendering),
    };
    // The whole event as plain data: a parsed event keeps its values in a store and builds them when read.
    assert.deepEqual(e && plainEvent(e), expected);
  });

  it('reads the Service Control Manager 7000 event: qualifiers, Binary, SID, localized and empty rendered values', () => {
    const e = events[1];
    const from = e?.span.start ?? 0;
    assert.equal(e?.eventId?.value, '7000');
    assert.equal(e?.id, 7000);
    assert.deepEqual(e?.qualifiers, after(text, "Qualifiers='", '49152', from));
    assert.deepEqual(e?.anchor, find(text, "<EventID Qualifiers='49152'>7000</EventID>"));
    assert.deepEqual(e?.userId, after(text, "UserID='", 'S-1-5-18', from));
    assert.deepEqual(e?.binary, after(text, '<Binary>', '43007200790070007400530076006300', from));
    assert.deepEqual(e?.data, [
      { name: 'param1', ...after(text, "<Data Name='param1'>", 'Cryptographic Services', from) },
      { name: 'param2', ...after(text, "<Data Name='param2'>", '%%1058', from) },
    ]);
    assert.equal(e?.time, Date.UTC(2025, 2, 17, 7, 12, 5, 123));
    assert.deepEqual(e?.renderedLevel, after(text, '</Message><Level>', 'Erreur', from));
    const emptyTask = find(text, '</Level><Task></Task>', find(text, '<RenderingInfo', from).start).start + '</Level><Task>'.length;
    assert.deepEqual(e?.renderedTask, { value: '', start: emptyTask, end: emptyTask });
    assert.deepEqual(e?.renderedChannel, after(text, '</Opcode><Channel>', 'Système', from));
    assert.equal(e?.message?.value, 'Le service Services de chiffrement n’a pas pu démarrer en raison de l’erreur : \n%%1058');
  });
});

describe('parseXmlEvents: wevtutil /f:xml, /f:RenderedXml and Get-WinEvent ToXml() (one event per line, no root)', () => {
  const text = fixture('wevtutil.xml');
  const events = parseAll(text);

  it('finds one event per line', () => {
    assert.equal(events.length, 2);
    const firstLine = text.indexOf('\r\n');
    assert.deepEqual(events[0]?.span, { start: 0, end: firstLine });
    assert.deepEqual(events[1]?.span, { start: firstLine + 2, end: text.length - 2 });
  });

  it('reads the SCM 7036 event for Cryptographic Services', () => {
    const e = events[0];
    assert.deepEqual(e?.provider, after(text, "Provider Name='", 'Service Control Manager'));
    assert.equal(e?.id, 7036);
    assert.deepEqual(e?.data.map((d) => [d.name, d.value]), [['param1', 'Cryptographic Services'], ['param2', 'running']]);
    assert.deepEqual(e?.binary, after(text, '<Binary>', '430072007900700074005300760063002F0034000000'));
    assert.equal(e?.message, undefined);
  });

  it('reads every UserData leaf (attribute-only leaves give empty values) and the CAPI2 rendering', () => {
    const e = events[1];
    const from = e?.span.start ?? 0;
    const flagsEnd = find(text, "<Flags value='40000000'/>", from).end - 2;
    const certEnd = find(text, "subjectName='contoso-root'/>", from).end - 2;
    assert.deepEqual(e?.data, [
      { name: 'Certificate', value: '', start: certEnd, end: certEnd },
      { name: 'Flags', value: '', start: flagsEnd, end: flagsEnd },
      { name: 'Result', ...after(text, "<Result value='800B010A'>", 'A certificate chain could not be built to a trusted root authority.', from) },
    ]);
    assert.deepEqual(e?.channel, after(text, '<Channel>', 'Microsoft-Windows-CAPI2/Operational', from));
    assert.equal(e?.qualifiers, undefined);
    assert.equal(e?.eventSourceName, undefined);
    assert.deepEqual(e?.message, after(text, '<Message>', 'For more details for this event, please refer to the "Details" section', from));
    assert.deepEqual(e?.renderedTask, after(text, '</Level><Task>', 'Build Chain', find(text, '<RenderingInfo', from).start));
  });
});

describe('parseXmlEvents: evtxexport -f xml (libevtx: banner, indented, double quotes)', () => {
  const text = fixture('evtxexport.xml');
  const events = parseAll(text);

  it('finds both events and ignores the banner', () => {
    assert.equal(events.length, 2);
    assert.equal(events[0]?.span.start, find(text, '<Event xmlns').start);
    assert.equal(text.slice(events[1]?.span.end ?? 0), '\n\n');
  });

  it('reads SCM 7036 with 9-digit fractions', () => {
    const e = events[0];
    assert.deepEqual(e?.eventSourceName, after(text, 'EventSourceName="', 'Service Control Manager'));
    assert.deepEqual(e?.qualifiers, after(text, 'Qualifiers="', '16384'));
    assert.deepEqual(e?.timeCreated, after(text, 'SystemTime="', '2012-03-15T07:07:58.418555200Z'));
    assert.equal(e?.time, Date.UTC(2012, 2, 15, 7, 7, 58, 418));
    assert.deepEqual(e?.data[0], { name: 'param1', ...after(text, '<Data Name="param1">', 'Cryptographic Services') });
    assert.deepEqual(e?.anchor, find(text, '<EventID Qualifiers="16384">7036</EventID>'));
  });

  it('names UserData leaves by their local name and keeps the System channel apart from a UserData <Channel>', () => {
    const e = events[1];
    const from = e?.span.start ?? 0;
    assert.deepEqual(e?.channel, after(text, '<Channel>', 'System', from));
    const userData = find(text, '<UserData>', from).end;
    assert.deepEqual(e?.data, [
      { name: 'Channel', ...after(text, '<Channel>', 'System', userData) },
      { name: 'BackupPath', ...after(text, '<BackupPath>', 'C:\\Windows\\System32\\Winevt\\Logs\\Archive-System-2012-03-14-04-17-39-932.evtx', userData) },
    ]);
    assert.deepEqual(e?.anchor, find(text, '<EventID>105</EventID>'));
  });
});

describe('parseXmlEvents: evtx_dump.py (python-evtx: XML 1.1 declaration, <Events>, expanded empty elements)', () => {
  const text = fixture('pythonEvtx.xml');
  const events = parseAll(text);

  it('reads the event, its space-separated UTC time and its empty attributes', () => {
    assert.equal(events.length, 1);
    const e = events[0];
    assert.deepEqual(e?.timeCreated, after(text, 'SystemTime="', '2012-03-15 07:07:58.418555'));
    assert.equal(e?.time, Date.UTC(2012, 2, 15, 7, 7, 58, 418));
    const sid = find(text, 'UserID="').end;
    assert.deepEqual(e?.userId, { value: '', start: sid, end: sid });
    assert.deepEqual(e?.provider, after(text, 'Provider Name="', 'Service Control Manager'));
    assert.deepEqual(e?.binary, after(text, '<Binary>', 'QwByAHkAcAB0AFMAdgBjAC8AMQAAAA=='));
    assert.deepEqual(e?.data.map((d) => d.value), ['Cryptographic Services', 'stopped']);
  });
});

describe('parseXmlEvents: "Copy details as text" (text, then Event Xml:)', () => {
  const text = fixture('copyDetails.txt');
  const events = parseAll(text);

  it('reads the XML part and leaves the text part (even its <http://...>) alone', () => {
    assert.equal(events.length, 1);
    const e = events[0];
    assert.deepEqual(e?.span, { start: find(text, '<Event xmlns').start, end: find(text, '</Event>').end });
    assert.equal(e?.id, 8);
    assert.deepEqual(e?.data[1], {
      name: 'param2',
      ...after(text, '<Data Name="param2">', 'This network connection does not exist.'),
    });
    assert.equal(e?.message, undefined);
  });

  it('honours the range it is given', () => {
    const xmlStart = find(text, '<Event xmlns').start;
    assert.deepEqual(parseXmlEvents(text, 0, xmlStart), { events: [], problems: [] });
    assert.equal(parseXmlEvents(text, xmlStart, text.length).events.length, 1);
  });
});
