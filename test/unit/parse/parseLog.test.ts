import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseLog } from '../../../server/src/parse/parseLog';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
const fixture = (name: string) => readFileSync(path.resolve(__dirname, '../../fixtures/xml', name), 'utf8');
const scm = (id: string) =>
  `<Event xmlns='${NS}'><System><Provider Name='Service Control Manager'/><EventID Qualifiers='16384'>${id}</EventID></System>` +
  `<EventData><Data Name='param1'>Cryptographic Services</Data></EventData></Event>`;

describe('parseLog: XML event logs', () => {
  for (const [name, count] of [['eventViewerSaveAs.xml', 2], ['wevtutil.xml', 2], ['evtxexport.xml', 2], ['pythonEvtx.xml', 1]] as const) {
    it(`reads ${name} as an XML log`, () => {
      const parsed = parseLog(fixture(name));
      assert.equal(parsed.kind, 'xml');
      assert.equal(parsed.events.length, count);
      assert.ok(parsed.events.every((e) => e.format === 'xml'));
      assert.deepEqual(parsed.problems, []);
    });
  }

  it('keeps offsets into the original string when it starts with a BOM', () => {
    const text = `\uFEFF${scm('7036')}`;
    const [event] = parseLog(text).events;
    assert.deepEqual(event?.span, { start: 1, end: text.length });
    assert.equal(text.slice(event?.eventId?.start, event?.eventId?.end), '7036');
  });

  it('reports problems of a recognized log that yields no event, with kind xml', () => {
    const text = `<?xml version="1.0"?><Events><Event xmlns='${NS}'><Sys`;
    assert.deepEqual(parseLog(text), {
      kind: 'xml',
      events: [],
      problems: [{ span: { start: 29, end: 29 + `<Event xmlns='${NS}'>`.length }, message: 'Event is truncated: no </Event> before the end of the file' }],
    });
  });

  it('gives an empty <Events> root no kind', () => {
    assert.deepEqual(parseLog('<?xml version="1.0"?>\r\n<Events></Events>\r\n'), { kind: undefined, events: [], problems: [] });
  });

  it('joins pasted "Copy details as text" with its Event Xml into one XML event', () => {
    const text = fixture('copyDetails.txt');
    const parsed = parseLog(text);
    assert.equal(parsed.kind, 'xml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.events.length, 1);
    const event = parsed.events[0];
    assert.equal(event?.format, 'xml');
    assert.deepEqual(event?.span, { start: 0, end: text.indexOf('</Event>') + '</Event>'.length });
    assert.equal(event?.id, 8);
    assert.equal(event?.provider?.start, text.indexOf('Microsoft-Windows-CAPI2', text.indexOf('<Provider')));
    assert.match(event?.message?.value ?? '', /^Failed auto update retrieval of third-party root list sequence number/);
    assert.ok((event?.message?.start ?? 0) < text.indexOf('Event Xml:'));
  });

  it('hands the text around XML events to the text parsers and orders all events by position ("mixed")', () => {
    const legacy = [
      'Event Type:\tError',
      'Event Source:\tCrypt32',
      'Event Category:\tNone',
      'Event ID:\t8',
      'Date:\t\t3/15/2010',
      'Time:\t\t11:27:57 AM',
      'User:\t\tN/A',
      'Computer:\tSERVER1',
      'Description:',
      'Failed auto update retrieval of third-party root list sequence number from: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootseq.txt> with error: This network connection does not exist.',
      '',
    ].join('\r\n');
    const text = `${scm('7036')}\r\n\r\n${legacy}\r\n${scm('7000')}\r\n`;
    const parsed = parseLog(text);
    assert.equal(parsed.kind, 'mixed');
    assert.deepEqual(parsed.events.map((e) => [e.format, e.id]), [['xml', 7036], ['legacy-text', 8], ['xml', 7000]]);
    const starts = parsed.events.map((e) => e.span.start);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });
});

describe('parseLog: sniffing the content', () => {
  it('reads a root <Event> with a <System> child and no namespace', () => {
    const text = `<Event>\n  <System><Provider Name='P'/><EventID>4625</EventID></System>\n</Event>\n`;
    assert.deepEqual(parseLog(text).events.map((e) => [e.format, e.id]), [['xml', 4625]]);
  });

  it('finds a prefixed event in the Windows namespace pasted into prose', () => {
    const text = `Ticket #42: the server logged this.\n<ev:Event xmlns:ev="${NS}"><ev:System><ev:Provider Name="P"/><ev:EventID>7000</ev:EventID></ev:System></ev:Event>\nThanks.`;
    const parsed = parseLog(text);
    assert.deepEqual(parsed.events.filter((e) => e.format === 'xml').map((e) => e.id), [7000]);
  });

  it('finds an event without namespace whose <System> follows the <Event> tag inside prose', () => {
    const text = `Here it is:\n<Event>\n<System><Provider Name='P'/><EventID>8</EventID></System></Event>\n`;
    assert.deepEqual(parseLog(text).events.filter((e) => e.format === 'xml').map((e) => e.id), [8]);
  });

  it('does not take the namespace in a regular expression or a JSON string for an event', () => {
    const json = JSON.stringify({ firstLine: `^(?:<Events>|<Event xmlns=(?:'http://schemas\\.microsoft\\.com/win/2004/08/events/event'))` });
    assert.deepEqual(parseLog(json), { kind: undefined, events: [], problems: [] });
  });
});

describe('parseLog: documents that are not XML event logs', () => {
  it('gives a pom.xml no kind, no events and no problems', () => {
    const pom = `<?xml version="1.0" encoding="UTF-8"?>\n<project xmlns="http://maven.apache.org/POM/4.0.0">\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>org.example</groupId>\n  <artifactId>demo</artifactId>\n  <version>1.0</version>\n</project>\n`;
    assert.deepEqual(parseLog(pom), { kind: undefined, events: [], problems: [] });
  });

  it('gives other XML with <Event> elements (not Windows events) no kind', () => {
    const calendar = `<?xml version="1.0"?><Calendar><Event id="1"><Title>Standup</Title><When>09:00</When></Event><Event id="2"><Title>Review &amp; plan</Title></Event></Calendar>`;
    assert.deepEqual(parseLog(calendar), { kind: undefined, events: [], problems: [] });
  });

  it('gives a README quoting an incomplete event snippet no kind and no problems', () => {
    const readme = `# Formats\n\nExports look like \`<Events><Event xmlns='${NS}'><System>...\` and each event ends with \`</Event>\`.\n\nThe \`<Event xmlns='...'>\` element holds it all.\n`;
    assert.deepEqual(parseLog(readme), { kind: undefined, events: [], problems: [] });
  });

  it('gives an empty document no kind', () => {
    assert.deepEqual(parseLog(''), { kind: undefined, events: [], problems: [] });
    assert.deepEqual(parseLog('\uFEFF'), { kind: undefined, events: [], problems: [] });
  });
});
