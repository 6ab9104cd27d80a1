import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/features/analysis';
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
