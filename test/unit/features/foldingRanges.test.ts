import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../../../server/src/features/analysis';
import { getFoldingRanges } from '../../../server/src/features/foldingRanges';
import { defaultSettings } from '../../../server/src/features/settings';
import type { LogEvent, ParsedLog } from '../../../server/src/parse/model';
import { buildLog } from './logBuilder';
import { fakeEngine } from './fakeRules';

function folding(text: string, parsed: ParsedLog) {
  const document = TextDocument.create('file:///a.xml', 'xml', 1, text);
  return getFoldingRanges(document, analyze(parsed, text, fakeEngine([]), defaultSettings));
}

describe('getFoldingRanges', () => {
  it('folds each multi-line event and its multi-line EventData and RenderingInfo blocks, in line order', () => {
    const log = buildLog([
      { provider: 'Microsoft-Windows-CAPI2', id: 8, data: { param1: 'a', param2: 'b' }, message: 'm' },
      { provider: 'P', id: 1 },
    ]);
    // Event 0: lines 1-13 (EventData 6-9, RenderingInfo 10-12); event 1: lines 14-19.
    assert.deepEqual(folding(log.text, log.parsed), [
      { startLine: 1, endLine: 13 },
      { startLine: 6, endLine: 9 },
      { startLine: 10, endLine: 12 },
      { startLine: 14, endLine: 19 },
    ]);
  });

  it('leaves single-line events and blocks unfolded and ignores look-alike element names', () => {
    const text = [
      "<Event><System><EventID>1</EventID></System><EventData><Data>x</Data></EventData></Event>",
      '<Event>',
      '  <EventDataX>',
      '  </EventDataX>',
      "  <EventData><Data Name='a'>1</Data></EventData>",
      '</Event>',
      '',
    ].join('\n');
    const first = text.indexOf('</Event>') + 8;
    const second = text.indexOf('<Event>', first);
    const event = (start: number, end: number): LogEvent => ({ format: 'xml', span: { start, end }, anchor: { start, end: start }, data: [] });
    const parsed: ParsedLog = { kind: 'xml', events: [event(0, first), event(second, text.lastIndexOf('</Event>') + 8)], problems: [] };
    assert.deepEqual(folding(text, parsed), [{ startLine: 1, endLine: 5 }]);
  });

  it('folds multi-line text events and does not look for XML blocks in them', () => {
    const text = 'Log Name: Application\nSource: Microsoft-Windows-CAPI2\nDescription:\n<EventData>\nx\n</EventData>\n';
    const parsed: ParsedLog = {
      kind: 'text',
      events: [{ format: 'details-text', span: { start: 0, end: text.length }, anchor: { start: 0, end: 3 }, data: [] }],
      problems: [],
    };
    assert.deepEqual(folding(text, parsed), [{ startLine: 0, endLine: 5 }]);
  });

  it('survives spans outside the document and events without spans', () => {
    const parsed: ParsedLog = {
      kind: 'xml',
      events: [
        { format: 'xml', span: { start: -10, end: 1e9 }, anchor: { start: 0, end: 0 }, data: [] },
        { format: 'xml', data: [] } as unknown as LogEvent,
      ],
      problems: [],
    };
    assert.deepEqual(folding('<Event>\n</Event>', parsed), [{ startLine: 0, endLine: 1 }]);
  });
});
