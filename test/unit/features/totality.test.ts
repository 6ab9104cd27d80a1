import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { analyze } from '../../../server/src/features/analysis';
import { getCodeActions } from '../../../server/src/features/codeActions';
import { computeDiagnostics } from '../../../server/src/features/diagnostics';
import { getDocumentSymbols } from '../../../server/src/features/documentSymbols';
import { getFoldingRanges } from '../../../server/src/features/foldingRanges';
import { getHover } from '../../../server/src/features/hover';
import { defaultSettings, type ServiceSettings } from '../../../server/src/features/settings';
import type { LogEvent, ParsedLog, SourceValue } from '../../../server/src/parse/model';
import { crypt32Rule, cryptSvcRule, fakeEngine } from './fakeRules';

/** A small deterministic generator, so a failure can be reproduced from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function contains(outer: Range, inner: Range): boolean {
  return !before(inner.start, outer.start) && !before(outer.end, inner.end);
}

const ODD_NUMBERS = [0, 1, -1, 7, 1e9, -1e9, Number.NaN, Infinity, -Infinity, 0.5, 2 ** 31];
const ODD_TEXT = ['', ' ', '\n', '[x](command:foo)', '<img src=x>', '\u0000\u2028', '😀'.repeat(300), 'a'.repeat(5000)];

describe('features on odd input', () => {
  it('never throw on odd spans, values, settings and positions', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
      const text = pick(['', 'x', '<Events>\n<Event>\n</Event>\n</Events>', 'a\r\nb\rc\n'.repeat(20)]);
      const span = () => ({ start: pick(ODD_NUMBERS), end: pick(ODD_NUMBERS) });
      const value = (): SourceValue | undefined => (next() < 0.3 ? undefined : { ...span(), value: pick(ODD_TEXT) });
      const events: LogEvent[] = Array.from({ length: Math.floor(next() * 6) }, () => ({
        format: pick(['xml', 'tab-text', 'evtx'] as const),
        span: span(),
        anchor: span(),
        provider: value(),
        eventId: value(),
        id: pick([8, 7000, 1, undefined]),
        level: value(),
        levelNumber: pick([...ODD_NUMBERS, undefined]),
        time: pick([...ODD_NUMBERS, undefined]),
        timeCreated: value(),
        recordId: value(),
        computer: value(),
        channel: value(),
        message: value(),
        qualifiers: value(),
        data: next() < 0.5 ? [] : [{ ...span(), value: pick(ODD_TEXT), name: pick(ODD_TEXT) }],
      }));
      const parsed: ParsedLog = { kind: pick(['xml', 'text', undefined] as const), events, problems: next() < 0.5 ? [] : [{ span: span(), message: pick(ODD_TEXT) }] };
      const settings: ServiceSettings = {
        enable: next() < 0.9,
        rules: pick<ServiceSettings['rules']>([{}, { 'cryptsvc.start-failed': 'off' }, { 'crypt32.root-list-sequence-unreachable': 'hint' }]),
        maxDiagnostics: pick(ODD_NUMBERS),
      };
      const document = TextDocument.create('file:///odd.xml', 'xml', 1, text);
      const context = `seed ${seed}`;
      const analysis = analyze(parsed, text, fakeEngine([crypt32Rule, cryptSvcRule]), settings);
      const diagnostics: Diagnostic[] = computeDiagnostics(document, analysis, settings);
      for (const d of diagnostics) {
        assert.ok(d.range.start.line >= 0 && d.range.end.line >= d.range.start.line, context);
      }
      const position = { line: pick(ODD_NUMBERS), character: pick(ODD_NUMBERS) };
      getHover(document, analysis, position);
      getHover(document, analysis, { line: 1, character: 0 });
      getCodeActions(document, analysis, { start: position, end: position }, diagnostics);
      getCodeActions(document, analysis, { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } }, diagnostics);
      // VS Code rejects a symbol with an empty name or a selection range outside its range.
      for (const symbol of [...getDocumentSymbols(document, analysis)].flatMap((s) => [s, ...(s.children ?? [])])) {
        assert.ok(symbol.name.length > 0, context);
        assert.ok(contains(symbol.range, symbol.selectionRange), context);
      }
      for (const range of getFoldingRanges(document, analysis)) assert.ok(range.endLine > range.startLine, context);
    }
  });

  it('gives no diagnostics for a disabled service whatever else is set', () => {
    const document = TextDocument.create('file:///a.xml', 'xml', 1, '');
    const analysis = analyze({ kind: 'xml', events: [], problems: [{ span: { start: 0, end: 0 }, message: 'x' }] }, '', fakeEngine([]), defaultSettings);
    assert.equal(computeDiagnostics(document, analysis, defaultSettings).length, 1);
    assert.deepEqual(computeDiagnostics(document, analysis, { ...defaultSettings, enable: false }), []);
  });
});
