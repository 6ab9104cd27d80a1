import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { analyze } from '../../../server/src/features/analysis';
import { getDocumentSymbols, MAX_EVENT_SYMBOLS, MAX_EVENTS_PER_GROUP } from '../../../server/src/features/documentSymbols';
import { defaultSettings } from '../../../server/src/features/settings';
import { buildLog, type EventSpec } from './logBuilder';
import { crypt32Rule, fakeEngine } from './fakeRules';

function symbols(specs: EventSpec[]): DocumentSymbol[] {
  const log = buildLog(specs);
  const document = TextDocument.create('file:///a.xml', 'xml', 1, log.text);
  return getDocumentSymbols(document, analyze(log.parsed, log.text, fakeEngine([crypt32Rule]), defaultSettings));
}

const line = (n: number, character = 0) => ({ line: n, character });

describe('getDocumentSymbols', () => {
  it('groups events by provider and id, groups with findings first', () => {
    const result = symbols([
      { provider: 'Service Control Manager', id: 7036, level: 4, record: 5, message: 'The Cryptographic Services service entered the running state.' },
      { provider: 'Microsoft-Windows-CAPI2', id: 8, level: 2, time: '2025-03-15T10:00:00Z', message: 'Failed auto update retrieval\nsecond line' },
      { provider: 'Service Control Manager', id: 7036 },
      { provider: 'Microsoft-Windows-CAPI2', id: 8, level: 2, time: '2025-03-15T10:10:00Z' },
    ]);
    assert.deepEqual(result.map((s) => s.name), [
      'Microsoft-Windows-CAPI2 · 8 (2 events, 2 findings)',
      'Service Control Manager · 7036 (2 events)',
    ]);
    const [capi2, scm] = result;
    // Event 0 spans lines 1-11, event 1 lines 12-23 (two-line message), event 2 lines 24-29, event 3 lines 30-37.
    assert.deepEqual(capi2!.range, { start: line(12), end: line(37, 8) });
    assert.deepEqual(capi2!.selectionRange, { start: line(15, 4), end: line(15, 24) });
    assert.deepEqual(capi2!.children, [
      {
        name: '2025-03-15 10:00:00 UTC',
        detail: 'Error · 1 finding · Failed auto update retrieval',
        kind: 24,
        range: { start: line(12), end: line(23, 8) },
        selectionRange: { start: line(15, 4), end: line(15, 24) },
      },
      {
        name: '2025-03-15 10:10:00 UTC',
        detail: 'Error · 1 finding',
        kind: 24,
        range: { start: line(30), end: line(37, 8) },
        selectionRange: { start: line(33, 4), end: line(33, 24) },
      },
    ]);
    assert.deepEqual(scm!.range, { start: line(1), end: line(29, 8) });
    assert.deepEqual(scm!.children?.map((c) => [c.name, c.detail]), [
      ['record 5', 'Information · The Cryptographic Services service entered the running state.'],
      ['event #3', ''],
    ]);
  });

  it('caps the events listed per group with a final "… N more" entry', () => {
    const specs = Array.from({ length: MAX_EVENTS_PER_GROUP + 3 }, (_, i): EventSpec => ({ provider: 'P', id: 1, record: i }));
    const [group] = symbols(specs);
    assert.equal(group!.name, `P · 1 (${MAX_EVENTS_PER_GROUP + 3} events)`);
    assert.equal(group!.children?.length, MAX_EVENTS_PER_GROUP + 1);
    const more = group!.children![MAX_EVENTS_PER_GROUP]!;
    assert.equal(more.name, '… 3 more');
    const firstHidden = 1 + 7 * MAX_EVENTS_PER_GROUP;
    assert.deepEqual(more.range, { start: line(firstHidden), end: line(firstHidden + 6, 8) });
  });

  it('lists at most MAX_EVENT_SYMBOLS events in all, groups with findings first, the rest as "… N more"', () => {
    const groups = MAX_EVENT_SYMBOLS / MAX_EVENTS_PER_GROUP + 2;
    const specs: EventSpec[] = [];
    for (let g = 0; g < groups; g++) for (let i = 0; i < MAX_EVENTS_PER_GROUP; i++) specs.push({ provider: 'P', id: 100 + g, record: i });
    // One group with findings, last in the document: it is listed first and in full.
    for (let i = 0; i < MAX_EVENTS_PER_GROUP; i++) specs.push({ provider: 'Microsoft-Windows-CAPI2', id: 8, record: i });
    const result = symbols(specs);
    assert.equal(result[0]!.name, `Microsoft-Windows-CAPI2 · 8 (${MAX_EVENTS_PER_GROUP} events, ${MAX_EVENTS_PER_GROUP} findings)`);
    assert.equal(result[0]!.children?.length, MAX_EVENTS_PER_GROUP);
    const listed = result.flatMap((group) => group.children ?? []).filter((child) => !child.name.startsWith('…'));
    assert.equal(listed.length, MAX_EVENT_SYMBOLS);
    const last = result[result.length - 1]!;
    assert.equal(last.name, `P · ${100 + groups - 1} (${MAX_EVENTS_PER_GROUP} events)`);
    assert.deepEqual(last.children?.map((child) => child.name), [`… ${MAX_EVENTS_PER_GROUP} more`]);
  });

  it('names events without provider or id, and survives events without spans', () => {
    const log = buildLog([{ id: 1 }]);
    const event = log.parsed.events[0]!;
    delete event.id;
    delete event.eventId;
    const bare = { ...event, span: undefined, anchor: undefined } as unknown as typeof event;
    const document = TextDocument.create('file:///a.xml', 'xml', 1, log.text);
    const parsed = { ...log.parsed, events: [event, bare] };
    const result = getDocumentSymbols(document, analyze(parsed, log.text, fakeEngine([]), defaultSettings));
    assert.deepEqual(result.map((s) => s.name), ['unknown provider · ? (2 events)']);
    assert.deepEqual(result[0]!.children?.[1]?.range, { start: line(0), end: line(0) });
  });

  it('returns nothing for a document without events', () => {
    assert.deepEqual(symbols([]), []);
  });
});
