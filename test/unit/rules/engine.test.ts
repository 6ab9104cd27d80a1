import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEvent } from '../../../server/src/parse/model';
import { detectionOf } from '../../../server/src/rules/compiledRules';
import { createRuleEngine } from '../../../server/src/rules/engine';
import { parseRuleYaml, compileRuleSource } from '../../../server/src/rules/loadRule';
import type { Rule } from '../../../server/src/rules/schema';
import { compileDetectionRule, makeEvent, ruleYaml } from './ruleHelpers';

const DETECTIONS = [
  // indexed by provider and id
  '    sel:\n        Provider_Name: Microsoft-Windows-CAPI2\n        EventID: [11, 4107]\n    condition: sel',
  // by id only
  '    sel:\n        EventID: 7036\n    condition: sel',
  // by provider only
  "    sel:\n        Provider_Name: 'Service Control Manager'\n    filter:\n        EventID: 7036\n    condition: sel and not filter",
  // unindexed: keywords
  '    keywords:\n        - cryptsvc\n    condition: keywords',
  // unindexed: negation only
  '    sel:\n        EventID: 8\n    condition: not sel',
  // unindexed: id or keyword
  '    sel:\n        EventID: 8\n    kw: authroot\n    condition: sel or kw',
  // unindexed: wildcard provider, indexed id
  "    sel:\n        Provider_Name: '*capi2'\n        EventID: 8\n    condition: sel",
  // never matches: non-canonical id
  "    sel:\n        EventID: '08'\n    condition: sel",
  // an AND of two id sets: only their intersection
  '    a:\n        EventID: [8, 11]\n    b:\n        EventID: [11, 12]\n    condition: a and b',
  // 1 of: union of providers
  "    sel_a:\n        Provider_Name: Crypt32\n    sel_b:\n        Provider_Name: capi2\n    c:\n        EventID: 8\n    condition: 1 of sel_* and c",
  // provider match ignoring case, id list
  '    sel:\n        Provider_Name: SERVICE CONTROL MANAGER\n        EventID: [7000, 7001, 7023]\n    condition: sel',
  // keyword-gated: a keyword and a negated filter
  '    keywords:\n        - authroot\n    filter:\n        EventID: 8\n    condition: keywords and not filter',
  // not gated: a keyword or a data field, which can hold without the keyword
  "    kw: root list\n    sel:\n        param1: CryptSvc\n    condition: kw or sel",
  // keyword-gated by the shorter of two keyword lists that must both hold
  "    kw_a:\n        - cryptsvc\n        - terminated\n    kw_b: service\n    condition: kw_a and kw_b",
  // keyword-gated: keywords of either selection, one with a wildcard
  "    kw_a: 'root*list'\n    kw_b: nothing\n    condition: 1 of kw_*",
];

const EVENTS: LogEvent[] = [
  makeEvent({ provider: 'Microsoft-Windows-CAPI2', id: 11, message: 'root list' }),
  makeEvent({ provider: 'microsoft-windows-capi2', id: 4107 }),
  makeEvent({ provider: 'Microsoft-Windows-CAPI2', id: 8, data: [['URL', 'http://x/authrootseq.txt']] }),
  makeEvent({ provider: 'Crypt32', id: 8 }),
  makeEvent({ provider: 'CAPI2', id: 8 }),
  makeEvent({ provider: 'Service Control Manager', id: 7036, data: [['param1', 'CryptSvc']] }),
  makeEvent({ provider: 'Service Control Manager', id: 7023, message: 'The Cryptographic Services (CryptSvc) service terminated' }),
  makeEvent({ provider: 'Other', id: 7036 }),
  makeEvent({ provider: 'Other', id: 12 }),
  makeEvent({ id: 8 }),
  makeEvent({ provider: 'Service Control Manager' }),
  makeEvent({ message: 'nothing about cryptsvc here? yes: cryptsvc' }),
  makeEvent({ provider: 'Crypt32', id: 11 }),
  // every provider spelling with every id, and without either
  ...[undefined, 'crypt32', 'CAPI2', 'Microsoft-Windows-CAPI2', 'service control manager', 'Other'].flatMap((provider) =>
    [undefined, 8, 11, 12, 4107, 7000, 7023, 7036, 8 + 0x10000].map((id) => {
      const event = makeEvent({ ...(provider === undefined ? {} : { provider }), data: [['param1', 'cryptsvc']] });
      if (id !== undefined) {
        event.eventId = { value: String(id), start: 0, end: 0 };
        event.id = id % 0x10000;
      }
      return event;
    }),
  ),
  makeEvent({ provider: 'Microsoft-Windows-CAPI2', id: 4104, data: [['URL', 'http://x/AuthRootSTL.cab']] }),
];

describe('rule engine', () => {
  const rules = DETECTIONS.map((d) => compileDetectionRule(d));

  it('derives index constraints only from what the condition requires', () => {
    const constraints = rules.map((r) => {
      const c = detectionOf(r).constraint;
      const keywords = c.keywords?.map((units) => units.map((u) => (u < 0 ? '*' : String.fromCharCode(u))).join(''));
      return { providers: c.providers && [...c.providers].sort(), ids: c.ids && [...c.ids].sort((a, b) => a - b), keywords };
    });
    assert.deepEqual(constraints, [
      { providers: ['microsoft-windows-capi2'], ids: [11, 4107] },
      { providers: undefined, ids: [7036] },
      { providers: ['service control manager'], ids: undefined },
      { providers: undefined, ids: undefined, keywords: ['cryptsvc'] },
      { providers: undefined, ids: undefined },
      { providers: undefined, ids: undefined },
      { providers: undefined, ids: [8] },
      { providers: undefined, ids: [] },
      { providers: undefined, ids: [11] },
      { providers: ['capi2', 'crypt32'], ids: [8] },
      { providers: ['service control manager'], ids: [7000, 7001, 7023] },
      { providers: undefined, ids: undefined, keywords: ['authroot'] },
      { providers: undefined, ids: undefined, keywords: undefined },
      { providers: undefined, ids: undefined, keywords: ['service'] },
      { providers: undefined, ids: undefined, keywords: ['root*list', 'nothing'] },
    ].map((c) => ({ keywords: undefined, ...c })));
  });

  it('gives the same matches as testing every rule on every event, in event then rule order', () => {
    const expected: [number, number][] = [];
    EVENTS.forEach((event, e) => rules.forEach((rule, r) => detectionOf(rule).test(event) && expected.push([e, r])));
    const engine = createRuleEngine(rules);
    const actual = engine.match(EVENTS).map((m): [number, number] => [m.eventIndex, rules.indexOf(m.rule)]);
    assert.deepEqual(actual, expected);
    assert.ok(expected.length > 15);
    for (const r of [0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 13, 14]) assert.ok(expected.some(([, rule]) => rule === r), `rule ${r} fires somewhere`);
    // Rule 12 fires on its data field alone, where its keyword is absent: a keyword gate would have lost these.
    const holdsRootList = (event: LogEvent | undefined): boolean =>
      [event?.message?.value, ...(event?.data ?? []).map((d) => d.value)].some((v) => v?.toLowerCase().includes('root list'));
    assert.ok(expected.some(([e, rule]) => rule === 12 && !holdsRootList(EVENTS[e])));
    assert.ok(!expected.some(([, rule]) => rule === 7));
  });

  it('matchEvent returns one event\'s matches with evidence', () => {
    const engine = createRuleEngine(rules);
    const event = EVENTS[0];
    assert.ok(event);
    const matches = engine.matchEvent(event, 5);
    assert.deepEqual(
      matches.map((m) => [rules.indexOf(m.rule), m.eventIndex, m.evidence]),
      [
        [0, 5, [
          { field: 'Provider_Name', value: 'Microsoft-Windows-CAPI2', span: { start: 1000, end: 1023 } },
          { field: 'EventID', value: '11', span: { start: 2000, end: 2002 } },
        ]],
        [4, 5, []],
        [8, 5, [{ field: 'EventID', value: '11', span: { start: 2000, end: 2002 } }]],
        [12, 5, [{ field: 'Message', value: 'root list', span: { start: 3000, end: 3009 } }]],
        // behind the keyword gate, evidence is still the rule's own
        [14, 5, [{ field: 'Message', value: 'root list', span: { start: 3000, end: 3009 } }]],
      ],
    );
    assert.equal(engine.rules, rules);
  });

  it('compiles rules that were not made by compileRuleSource', () => {
    const rule: Rule = { ...compileDetectionRule(DETECTIONS[1] ?? '') };
    const engine = createRuleEngine([rule]);
    assert.deepEqual(
      engine.match(EVENTS).map((m) => m.eventIndex),
      EVENTS.flatMap((e, i) => (e.id === 7036 ? [i] : [])),
    );
    assert.equal(engine.match(EVENTS).length, 8);
  });

  it('picks the first variant whose substrings occur in the message or a data value', () => {
    const block = [
      'eventlogdoctor:',
      '    id: test.variants',
      '    severity: warning',
      '    message: m',
      '    explanation: e',
      '    harmful: h',
      '    cause: c',
      '    variants:',
      '        - label: dns',
      "          match: ['could not be resolved', '0x80072EE7']",
      '          cause: dns',
      '        - label: timeout',
      "          match: ['timed out', '0x80072ee2']",
      '          cause: timeout',
      '    remediations:',
      '        - id: disregard',
      '          kind: disregard',
      '          title: disregard',
    ].join('\n');
    const src = parseRuleYaml('v.yml', ruleYaml('    sel:\n        EventID: 8\n    condition: sel', block));
    const { rule, errors } = compileRuleSource(src, false);
    assert.deepEqual(errors, []);
    assert.ok(rule);
    const engine = createRuleEngine([rule]);
    const events = [
      makeEvent({ id: 8, message: 'The operation TIMED OUT' }),
      makeEvent({ id: 8, data: [['Error', '0x80072ee7']], message: 'timed out' }),
      makeEvent({ id: 8, message: 'unrelated' }),
    ];
    assert.deepEqual(engine.match(events).map((m) => m.variant?.label), ['timeout', 'dns', undefined]);
  });
});
