import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyze } from '../../../server/src/features/analysis';
import { computeDiagnostics } from '../../../server/src/features/diagnostics';
import { defaultSettings, type ServiceSettings } from '../../../server/src/features/settings';
import type { Rule } from '../../../server/src/rules/schema';
import { buildLog, type EventSpec } from './logBuilder';
import { crypt32Rule, cryptSvcRule, fakeEngine } from './fakeRules';

const CAPI2 = 'Microsoft-Windows-CAPI2';
const CRYPT32 = 'crypt32.root-list-sequence-unreachable';
const CRYPT32_MESSAGE = 'Windows could not download the trusted root list sequence number';

/** Event k of a log of `timed` specs starts at line 1 + 7k; its <EventID> sits 3 lines further. */
function anchorRange(k: number, idLength = 1) {
  const line = 1 + 7 * k + 3;
  return { start: { line, character: 4 }, end: { line, character: 4 + 19 + idLength } };
}

function timed(id: number, iso: string, provider = CAPI2): EventSpec {
  return { provider, id, time: iso };
}

function everyTenMinutes(count: number): EventSpec[] {
  return Array.from({ length: count }, (_, i) => timed(8, new Date(Date.parse('2025-03-15T10:00:00Z') + i * 600_000).toISOString()));
}

function diagnose(specs: EventSpec[], settings: ServiceSettings = defaultSettings, rules: Rule[] = [crypt32Rule, cryptSvcRule]): Diagnostic[] {
  const log = buildLog(specs);
  const document = TextDocument.create('file:///logs/Application.xml', 'xml', 1, log.text);
  return computeDiagnostics(document, analyze(log.parsed, log.text, fakeEngine(rules), settings), settings);
}

describe('computeDiagnostics', () => {
  it('reports one diagnostic per finding at the event anchor, with code, link, recurrence, related places and data', () => {
    const diagnostics = diagnose(everyTenMinutes(12));
    assert.equal(diagnostics.length, 12);
    const first = diagnostics[0]!;
    assert.deepEqual(first.range, anchorRange(0));
    assert.equal(first.severity, 3);
    assert.equal(first.code, CRYPT32);
    assert.equal(first.source, 'Event Log Doctor');
    assert.deepEqual(first.codeDescription, { href: 'https://learn.microsoft.com/troubleshoot/windows-server/crypt32-8' });
    assert.equal(first.message, `${CRYPT32_MESSAGE} (12 times between 2025-03-15 10:00 and 11:50 UTC, about every 10 minutes)`);
    assert.deepEqual(first.data, { ruleId: CRYPT32, eventIndex: 0 });
    assert.equal(first.relatedInformation?.length, 11);
    assert.deepEqual(first.relatedInformation?.[0], {
      location: { uri: 'file:///logs/Application.xml', range: anchorRange(1) },
      message: 'Also at 2025-03-15 10:10:00 UTC',
    });
    const last = diagnostics[11]!;
    assert.deepEqual(last.range, anchorRange(11));
    assert.deepEqual(last.data, { ruleId: CRYPT32, eventIndex: 11 });
    assert.equal(last.relatedInformation?.[0]?.message, 'Also at 2025-03-15 10:00:00 UTC');
  });

  it('lists at most 20 other occurrences', () => {
    const diagnostics = diagnose(everyTenMinutes(25));
    assert.equal(diagnostics[0]!.relatedInformation?.length, 20);
    assert.deepEqual(diagnostics[0]!.relatedInformation?.[19]?.location.range, anchorRange(20));
  });

  it('words single, irregular and untimed findings', () => {
    assert.equal(diagnose([timed(8, '2025-03-15T10:00:00.000Z')])[0]!.message, `${CRYPT32_MESSAGE} (once, at 2025-03-15 10:00 UTC)`);
    const irregular = diagnose(['10:00', '10:01', '10:30', '12:00'].map((t) => timed(8, `2025-03-15T${t}:00Z`)));
    assert.equal(irregular[0]!.message, `${CRYPT32_MESSAGE} (4 times between 2025-03-15 10:00 and 12:00 UTC, irregularly)`);
    const untimed = diagnose([{ provider: CAPI2, id: 8, record: 7 }, { provider: CAPI2, id: 8 }, { provider: CAPI2, id: 8 }]);
    assert.deepEqual(
      untimed.map((d) => d.message),
      Array.from({ length: 3 }, () => `${CRYPT32_MESSAGE} (3 times; time not parsed)`),
    );
    assert.equal(untimed[1]!.relatedInformation?.[0]?.message, 'Also at record 7 (time not parsed)');
    assert.equal(untimed[0]!.relatedInformation?.[0]?.message, 'Also here (time not parsed)');
  });

  it('appends the variant label', () => {
    const [diagnostic] = diagnose([
      { provider: CAPI2, id: 8, time: '2025-03-15T10:00:00Z', message: 'with error: The server name or address could not be resolved.' },
    ]);
    assert.equal(diagnostic!.message, `${CRYPT32_MESSAGE}: the server name could not be resolved (once, at 2025-03-15 10:00 UTC)`);
  });

  it('applies severity overrides, ignores invalid ones, and drops rules set off', () => {
    const specs = [timed(8, '2025-03-15T10:00:00Z'), timed(7000, '2025-03-15T10:05:00Z', 'Service Control Manager')];
    assert.deepEqual(diagnose(specs).map((d) => [d.code, d.severity]), [[CRYPT32, 3], ['cryptsvc.start-failed', 1]]);
    const raised = diagnose(specs, { ...defaultSettings, rules: { [CRYPT32]: 'error', 'cryptsvc.start-failed': 'hint' } });
    assert.deepEqual(raised.map((d) => [d.code, d.severity]), [[CRYPT32, 1], ['cryptsvc.start-failed', 4]]);
    const invalid = diagnose(specs, { ...defaultSettings, rules: { [CRYPT32]: 'loud' } as unknown as ServiceSettings['rules'] });
    assert.deepEqual(invalid.map((d) => [d.code, d.severity]), [[CRYPT32, 3], ['cryptsvc.start-failed', 1]]);
    const off = diagnose(specs, { ...defaultSettings, rules: { [CRYPT32]: 'off' } });
    assert.deepEqual(off.map((d) => d.code), ['cryptsvc.start-failed']);
    assert.deepEqual(off[0]!.range, anchorRange(1, 4));
  });

  it('reports nothing when disabled or when the document is not an event log', () => {
    assert.deepEqual(diagnose(everyTenMinutes(2), { ...defaultSettings, enable: false }), []);
    const log = buildLog(everyTenMinutes(2), [{ span: { start: 0, end: 3 }, message: 'broken' }]);
    const parsed = { ...log.parsed, kind: undefined };
    const document = TextDocument.create('file:///a.txt', 'plaintext', 1, log.text);
    assert.deepEqual(computeDiagnostics(document, analyze(parsed, log.text, fakeEngine([crypt32Rule]), defaultSettings), defaultSettings), []);
  });

  it('reports parse problems as Information diagnostics in document order', () => {
    const log = buildLog([timed(8, '2025-03-15T10:00:00Z')], [{ span: { start: 1, end: 7 }, message: 'Unclosed <Events> element' }]);
    const document = TextDocument.create('file:///a.xml', 'xml', 1, log.text);
    const diagnostics = computeDiagnostics(document, analyze(log.parsed, log.text, fakeEngine([crypt32Rule]), defaultSettings), defaultSettings);
    assert.deepEqual(diagnostics[0], {
      range: { start: { line: 0, character: 1 }, end: { line: 0, character: 7 } },
      severity: 3,
      code: 'eventlog.parse-error',
      source: 'Event Log Doctor',
      message: 'Unclosed <Events> element',
    });
    assert.equal(diagnostics[1]!.code, CRYPT32);
  });

  it('caps the diagnostics, keeping the most severe, and says how many were left out where the first one was', () => {
    const specs = [
      timed(8, '2025-03-15T10:00:00Z'),
      timed(8, '2025-03-15T10:10:00Z'),
      timed(7000, '2025-03-15T10:15:00Z', 'SCM'),
      timed(8, '2025-03-15T10:20:00Z'),
      timed(7000, '2025-03-15T10:25:00Z', 'SCM'),
    ];
    const diagnostics = diagnose(specs, { ...defaultSettings, maxDiagnostics: 3 });
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.severity]),
      [[CRYPT32, anchorRange(0).start.line, 3], ['cryptsvc.start-failed', anchorRange(2).start.line, 1], ['cryptsvc.start-failed', anchorRange(4).start.line, 1], [undefined, anchorRange(1).start.line, 3]],
    );
    assert.deepEqual(diagnostics[3], {
      range: { start: anchorRange(1).start, end: anchorRange(1).start },
      severity: 3,
      source: 'Event Log Doctor',
      message: '2 more findings not shown (eventlogDoctor.maxDiagnostics)',
    });
    const none = diagnose(specs, { ...defaultSettings, maxDiagnostics: 0 });
    assert.deepEqual(none.map((d) => d.message), ['5 more findings not shown (eventlogDoctor.maxDiagnostics)']);
    assert.equal(diagnose(specs, { ...defaultSettings, maxDiagnostics: 5 }).length, 5);
  });

  it('keeps every diagnostic inside the document even when spans are out of range', () => {
    const log = buildLog([timed(8, '2025-03-15T10:00:00Z')], [{ span: { start: -5, end: 1e9 }, message: 'bad' }]);
    log.parsed.events[0]!.anchor = { start: Number.NaN, end: 1e12 };
    const document = TextDocument.create('file:///a.xml', 'xml', 1, log.text);
    const diagnostics = computeDiagnostics(document, analyze(log.parsed, log.text, fakeEngine([crypt32Rule]), defaultSettings), defaultSettings);
    const end = document.positionAt(log.text.length);
    assert.deepEqual(diagnostics.map((d) => d.range), [
      { start: { line: 0, character: 0 }, end },
      { start: { line: 0, character: 0 }, end },
    ]);
  });
});
