import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { commentSafe, EvtxSummaryCollector, renderEvtxSummary, type EvtxSummary } from '../../../server/src/features/evtxSummary';
import { analyze } from '../../../server/src/features/analysis';
import { defaultSettings } from '../../../server/src/features/settings';
import { parseLog } from '../../../server/src/parse/parseLog';
import { crypt32Rule, fakeEngine } from './fakeRules';

const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

function event(provider: string, id: number, time: string): string {
  return [
    `<Event xmlns="${NS}">`,
    '  <System>',
    `    <Provider Name="${provider}"/>`,
    `    <EventID>${id}</EventID>`,
    `    <TimeCreated SystemTime="${time}"/>`,
    '  </System>',
    '</Event>',
  ].join('\n');
}

const CRYPT32_EVENT = event('Microsoft-Windows-CAPI2', 8, '2024-03-01T10:00:00.000Z');
const ANOTHER_CRYPT32_EVENT = event('Microsoft-Windows-CAPI2', 8, '2024-03-02T10:00:00.000Z');

const summary: EvtxSummary = {
  fileName: 'Application.evtx',
  fullLength: 80 * 1024 * 1024,
  maxLength: 50 * 1024 * 1024,
  totalEvents: 1207,
  findingEvents: [CRYPT32_EVENT, ANOTHER_CRYPT32_EVENT],
  omittedFindingEvents: 0,
  groups: [
    { provider: 'Service Control Manager', eventId: '7036', count: 1200, first: Date.UTC(2024, 0, 1), last: Date.UTC(2024, 2, 1, 12) },
    { provider: 'Tcpip--x', eventId: '4227', count: 5 },
  ],
  issues: ['bad chunk signature; chunk skipped (byte 397312, chunk 6)'],
};

describe('renderEvtxSummary', () => {
  it('says what it is at the top, shows the events with findings in full and counts the rest in a comment', () => {
    assert.equal(
      renderEvtxSummary(summary),
      [
        '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
        '<!--',
        '  Event Log Doctor: a findings-first summary of Application.evtx, not every event.',
        '  Its full XML rendering is about 80 MB, more than the 50 MB VS Code hands to extensions.',
        '  Shown in full below: 2 events with findings. Counted at the end by provider and event id: 1205 events.',
        '  For every event as XML, run "Event Log Doctor: Render .evtx to XML file",',
        '  or on the command line: eventlog-doctor render "Application.evtx" --out "Application.xml"',
        '  Decoding: bad chunk signature; chunk skipped (byte 397312, chunk 6)',
        '-->',
        '<Events>',
        CRYPT32_EVENT,
        ANOTHER_CRYPT32_EVENT,
        '<!--',
        '  Summary of the 1205 events not shown above, by provider and event id, most frequent first:',
        '',
        '  Count  Event ID  Provider                 First (UTC)               Last (UTC)',
        '   1200      7036  Service Control Manager  2024-01-01T00:00:00.000Z  2024-03-01T12:00:00.000Z',
        '      5      4227  Tcpip- -x                -                         -',
        '-->',
        '</Events>',
        '',
      ].join('\n'),
    );
  });

  it('reads back as an XML log without problems, with the findings on the events shown', () => {
    const text = renderEvtxSummary(summary);
    const parsed = parseLog(text);
    assert.equal(parsed.kind, 'xml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.events.map((e) => [e.provider?.value, e.eventId?.value, text.slice(e.span.start, e.span.end)]),
      [
        ['Microsoft-Windows-CAPI2', '8', CRYPT32_EVENT],
        ['Microsoft-Windows-CAPI2', '8', ANOTHER_CRYPT32_EVENT],
      ],
    );
    const analysis = analyze(parsed, text, fakeEngine([crypt32Rule]), defaultSettings);
    assert.deepEqual(
      analysis.findings.map((f) => [f.match.rule.doc.id, f.match.eventIndex]),
      [
        ['crypt32.root-list-sequence-unreachable', 0],
        ['crypt32.root-list-sequence-unreachable', 1],
      ],
    );
  });

  it('says so when events with findings did not fit', () => {
    const text = renderEvtxSummary({ ...summary, findingEvents: [CRYPT32_EVENT], omittedFindingEvents: 1, fullLength: 300 * 1024, maxLength: 200 * 1024 });
    assert.match(text, /\n {2}Its full XML rendering is about 300 KB, more than the 200 KB VS Code hands to extensions\.\n/);
    assert.match(text, /\n {2}Shown in full below: 1 event with findings \(1 more with findings did not fit and are counted in the summary\)\. Counted at the end by provider and event id: 1206 events\.\n/);
  });
});

describe('EvtxSummaryCollector', () => {
  it('keeps events with findings while they fit, and counts everything else by provider and id with its time range', () => {
    const collector = new EvtxSummaryCollector(CRYPT32_EVENT.length + 1);
    const capi2 = { provider: 'Microsoft-Windows-CAPI2', eventId: '8' };
    collector.addFinding(CRYPT32_EVENT, { ...capi2, time: 30 });
    collector.addFinding(ANOTHER_CRYPT32_EVENT, { ...capi2, time: 40 });
    collector.add({ provider: 'Service Control Manager', eventId: '7036', time: 20 });
    collector.add({ provider: 'Service Control Manager', eventId: '7036', time: 10 });
    collector.add({ provider: 'Service Control Manager', eventId: '7036' });
    collector.add({ provider: 'EventLog', eventId: '6005', time: 5 });
    collector.add({ provider: 'Disk', eventId: '51', time: Number.NaN });
    assert.deepEqual(collector.findingEvents, [CRYPT32_EVENT]);
    assert.equal(collector.omittedFindingEvents, 1);
    assert.equal(collector.totalEvents, 7);
    assert.deepEqual(collector.sortedGroups(), [
      { provider: 'Service Control Manager', eventId: '7036', count: 3, first: 10, last: 20 },
      { provider: 'Disk', eventId: '51', count: 1 },
      { provider: 'EventLog', eventId: '6005', count: 1, first: 5, last: 5 },
      { provider: 'Microsoft-Windows-CAPI2', eventId: '8', count: 1, first: 40, last: 40 },
    ]);
  });
});

describe('commentSafe', () => {
  it('leaves no "--", line break or trailing "-" that would end or break an XML comment', () => {
    assert.equal(commentSafe('a--b---c\r\nd-'), 'a- -b- - -c  d- ');
  });
});
