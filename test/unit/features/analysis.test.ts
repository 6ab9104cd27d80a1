import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyze, reanalyzeEvent, type Analysis } from '../../../server/src/features/analysis';
import { editedText, reparseAfterChange } from '../../../server/src/parse/incremental';
import { parseLog } from '../../../server/src/parse/parseLog';
import { loadBuiltinRules } from '../../../server/src/rules/catalog';
import { createRuleEngine } from '../../../server/src/rules/engine';
import { defaultSettings } from '../../../server/src/features/settings';
import type { RuleEngine } from '../../../server/src/rules/engine';
import { buildLog } from './logBuilder';
import { crypt32Rule, cryptSvcRule, fakeEngine } from './fakeRules';

const log = buildLog([
  { provider: 'Microsoft-Windows-CAPI2', id: 8, time: '2025-03-15T10:00:00Z' },
  { provider: 'Service Control Manager', id: 7000, time: '2025-03-15T10:01:00Z' },
  { provider: 'Microsoft-Windows-CAPI2', id: 8, time: '2025-03-15T10:10:00Z' },
  { provider: 'Microsoft-Windows-CAPI2', id: 7 },
]);

describe('analyze', () => {
  it('groups findings by rule id, in document order, and indexes them by event', () => {
    const analysis = analyze(log.parsed, log.text, fakeEngine([crypt32Rule, cryptSvcRule]), defaultSettings);
    assert.equal(analysis.text, log.text);
    assert.equal(analysis.parsed, log.parsed);
    assert.deepEqual(analysis.findings.map((f) => [f.match.eventIndex, f.group.rule.doc.id, f.severity]), [
      [0, 'crypt32.root-list-sequence-unreachable', 'information'],
      [1, 'cryptsvc.start-failed', 'error'],
      [2, 'crypt32.root-list-sequence-unreachable', 'information'],
    ]);
    assert.deepEqual([...analysis.groups.keys()], ['crypt32.root-list-sequence-unreachable', 'cryptsvc.start-failed']);
    const crypt32 = analysis.groups.get('crypt32.root-list-sequence-unreachable')!;
    assert.deepEqual(crypt32.findings.map((f) => f.match.eventIndex), [0, 2]);
    assert.ok(crypt32.findings.every((f) => f.group === crypt32));
    assert.deepEqual(crypt32.recurrence, {
      count: 2,
      timedCount: 2,
      first: Date.parse('2025-03-15T10:00:00Z'),
      last: Date.parse('2025-03-15T10:10:00Z'),
      typicalIntervalMs: 600_000,
      regular: false,
    });
    assert.deepEqual([...analysis.findingsByEvent.keys()], [0, 1, 2]);
    assert.equal(analysis.findingsByEvent.get(1)![0]!.group.rule, cryptSvcRule);
  });

  it('sorts matches an engine returns out of order', () => {
    const engine = fakeEngine([crypt32Rule]);
    const reversed: RuleEngine = { ...engine, match: (events) => engine.match(events).reverse() };
    const analysis = analyze(log.parsed, log.text, reversed, defaultSettings);
    assert.deepEqual(analysis.findings.map((f) => f.match.eventIndex), [0, 2]);
    assert.deepEqual(analysis.groups.get('crypt32.root-list-sequence-unreachable')!.findings.map((f) => f.match.eventIndex), [0, 2]);
  });

  it('leaves out rules set off and applies overrides', () => {
    const settings = { ...defaultSettings, rules: { 'crypt32.root-list-sequence-unreachable': 'off', 'cryptsvc.start-failed': 'warning' } as const };
    const analysis = analyze(log.parsed, log.text, fakeEngine([crypt32Rule, cryptSvcRule]), settings);
    assert.deepEqual(analysis.findings.map((f) => [f.match.eventIndex, f.severity]), [[1, 'warning']]);
    assert.deepEqual([...analysis.groups.keys()], ['cryptsvc.start-failed']);
    assert.equal(analysis.findingsByEvent.has(0), false);
  });

  it('does not call the engine for a document without events', () => {
    const engine: RuleEngine = { rules: [], match: () => assert.fail('no events, no matching'), matchEvent: () => [] };
    const analysis = analyze({ kind: undefined, events: [], problems: [] }, 'hello', engine, defaultSettings);
    assert.deepEqual(analysis.findings, []);
    assert.equal(analysis.groups.size, 0);
  });
});

describe('reanalyzeEvent', () => {
  const fixtures = path.resolve(__dirname, '../../fixtures/rules');
  const engine = createRuleEngine(loadBuiltinRules());
  const summary = (analysis: Analysis) => ({
    findings: analysis.findings.map((f) => [f.match.eventIndex, f.group.rule.doc.id, f.severity, f.match.variant?.label, f.match.event.span.start]),
    groups: [...analysis.groups].map(([id, group]) => [id, group.findings.length, group.recurrence]),
    byEvent: [...analysis.findingsByEvent].map(([index, findings]) => [index, findings.length]),
  });

  it('equals a full analysis after an edit re-read one event, whether the edit removes or adds a finding', () => {
    let checked = 0;
    for (const rule of readdirSync(fixtures)) {
      const original = readFileSync(path.join(fixtures, rule, 'hit.xml'), 'utf8');
      const ids = [...original.matchAll(/<EventID[^>]*>(\d+)</g)];
      for (const id of ids) {
        // Breaking the id drops the event's findings; the reverse edit brings them back.
        const at = (id.index ?? 0) + id[0].length - 1;
        for (const [before, change, inserted] of [
          [original, { start: at, end: at, length: 1 }, '9'],
          [original.slice(0, at) + '9' + original.slice(at), { start: at, end: at + 1, length: 0 }, ''],
        ] as const) {
          const previousParse = parseLog(before);
          const previous = analyze(previousParse, before, engine, defaultSettings);
          const after = before.slice(0, change.start) + inserted + before.slice(change.end);
          const { parsed, reparsedEvent } = reparseAfterChange(previousParse, editedText(after), change);
          assert.notEqual(reparsedEvent, undefined, `${rule}: the edit should be re-read incrementally`);
          const incremental = reanalyzeEvent(previous, parsed, after, reparsedEvent!, engine, defaultSettings);
          assert.deepEqual(summary(incremental), summary(analyze(parseLog(after), after, engine, defaultSettings)), `${rule} at ${at}`);
          checked++;
        }
      }
    }
    assert.ok(checked >= 28, `only ${checked} edits checked`);
  });
});
