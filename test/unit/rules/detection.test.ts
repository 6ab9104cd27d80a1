import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LogEvent } from '../../../server/src/parse/model';
import { detectionOf } from '../../../server/src/rules/compiledRules';
import { compileDetectionRule, makeEvent } from './ruleHelpers';

const matcher = (detection: string) => {
  const d = detectionOf(compileDetectionRule(detection));
  return (event: LogEvent) => d.test(event);
};

const crypt32 = makeEvent({
  provider: 'Microsoft-Windows-CAPI2',
  id: 8,
  level: 2,
  channel: 'Application',
  computer: 'PC1',
  data: [['param1', 'http://ctldl.windowsupdate.com/authrootseq.txt'], 'unnamed value', ['Error', '0x80072ee7']],
  message: 'Failed auto update retrieval of third-party root list sequence number',
});

describe('selections', () => {
  it('a map is the AND of its fields; YAML numbers compare as strings', () => {
    assert.equal(matcher('    sel:\n        Provider_Name: microsoft-windows-capi2\n        EventID: 8\n    condition: sel')(crypt32), true);
    assert.equal(matcher('    sel:\n        Provider_Name: microsoft-windows-capi2\n        EventID: 11\n    condition: sel')(crypt32), false);
    assert.equal(matcher("    sel:\n        EventID: '8'\n        Level: 2\n    condition: sel")(crypt32), true);
  });

  it('a list of maps is the OR of the maps', () => {
    const m = matcher('    sel:\n        - EventID: 11\n        - Channel: application\n    condition: sel');
    assert.equal(m(crypt32), true);
    assert.equal(m(makeEvent({ id: 12, channel: 'System' })), false);
    assert.equal(m(makeEvent({ id: 11, channel: 'System' })), true);
  });

  it('reads every documented field name', () => {
    const event: LogEvent = {
      ...makeEvent({ data: [] }),
      providerGuid: { value: '{A1}', start: 1, end: 5 },
      eventSourceName: { value: 'crypt32', start: 1, end: 5 },
      recordId: { value: '42', start: 1, end: 3 },
      task: { value: '7', start: 1, end: 2 },
      opcode: { value: '1', start: 1, end: 2 },
      keywords: { value: '0x80000000000000', start: 1, end: 2 },
      version: { value: '0', start: 1, end: 2 },
      userId: { value: 'S-1-5-18', start: 1, end: 2 },
      binary: { value: 'DEADBEEF', start: 1, end: 2 },
    };
    const fields: [string, string][] = [
      ['Provider_Guid', '{a1}'],
      ['EventSourceName', 'Crypt32'],
      ['EventRecordID', '42'],
      ['Task', '7'],
      ['Opcode', '1'],
      ['Keywords', '0x80000000000000'],
      ['Version', '0'],
      ['UserID', 's-1-5-18'],
      ['Binary', 'deadbeef'],
    ];
    for (const [field, value] of fields) {
      assert.equal(matcher(`    sel:\n        ${field}: '${value}'\n    condition: sel`)(event), true, field);
      assert.equal(matcher(`    sel:\n        ${field}: 'other'\n    condition: sel`)(event), false, field);
    }
    assert.equal(matcher('    sel:\n        Computer: pc1\n    condition: sel')(crypt32), true);
    assert.equal(matcher('    sel:\n        Message|contains: root list\n    condition: sel')(crypt32), true);
    assert.equal(matcher('    sel:\n        Data: unnamed value\n    condition: sel')(crypt32), true);
    assert.equal(matcher('    sel:\n        Data: 0x80072ee7\n    condition: sel')(crypt32), false, 'Data reads only unnamed values');
  });

  it('named data ignores the case of the name; system field names are case-sensitive', () => {
    assert.equal(matcher('    sel:\n        PARAM1|endswith: authrootseq.txt\n    condition: sel')(crypt32), true);
    assert.equal(matcher('    sel:\n        eventid: 8\n    condition: sel')(crypt32), false);
  });

  it('keyword selections search the message and every data value', () => {
    assert.equal(matcher('    keywords:\n        - authrootseq\n        - nothing\n    condition: keywords')(crypt32), true);
    assert.equal(matcher('    keywords: THIRD-PARTY ROOT\n    condition: keywords')(crypt32), true);
    assert.equal(matcher('    keywords: 0x80072EE7\n    condition: keywords')(crypt32), true);
    assert.equal(matcher("    keywords: 'root*sequence'\n    condition: keywords")(crypt32), true);
    assert.equal(matcher('    keywords: [Application, PC1]\n    condition: keywords')(crypt32), false, 'system fields are not searched');
    assert.equal(matcher("    keywords:\n        '|all':\n            - root list\n            - 0x80072ee7\n    condition: keywords")(crypt32), true);
    assert.equal(matcher("    keywords:\n        '|all':\n            - root list\n            - 0x80070005\n    condition: keywords")(crypt32), false);
  });

  it('null means the field is absent or empty', () => {
    const m = matcher('    sel:\n        EventID: 8\n        Reason: null\n    condition: sel');
    assert.equal(m(crypt32), true);
    assert.equal(m(makeEvent({ id: 8, data: [['Reason', '']] })), true);
    assert.equal(m(makeEvent({ id: 8, data: [['Reason', 'x']] })), false);
    const either = matcher("    sel:\n        Reason:\n            - null\n            - 'x'\n    condition: sel");
    assert.equal(either(makeEvent({ data: [['Reason', 'x']] })), true);
    assert.equal(either(makeEvent({ data: [['Reason', 'y']] })), false);
  });

  it('a field with several values matches when any of its values does', () => {
    const m = matcher('    sel:\n        Data: second\n    condition: sel');
    assert.equal(m(makeEvent({ data: ['first', 'second'] })), true);
  });
});

describe('evidence', () => {
  it('names the fields and values that satisfied the selections, with their spans', () => {
    const d = detectionOf(
      compileDetectionRule(
        '    sel:\n        Provider_Name: Microsoft-Windows-CAPI2\n        EventID: 8\n    url:\n        - authrootseq.txt\n    filter:\n        Level: 4\n    condition: sel and url and not filter',
      ),
    );
    assert.deepEqual(d.evidence(crypt32), [
      { field: 'Provider_Name', value: 'Microsoft-Windows-CAPI2', span: { start: 1000, end: 1023 } },
      { field: 'EventID', value: '8', span: { start: 2000, end: 2001 } },
      { field: 'param1', value: 'http://ctldl.windowsupdate.com/authrootseq.txt', span: { start: 6000, end: 6046 } },
    ]);
  });

  it('keeps only the branch of an OR that held, and nothing for a failed match', () => {
    const d = detectionOf(compileDetectionRule('    a:\n        EventID: 11\n    b:\n        Error: 0x80072EE7\n    condition: a or b'));
    assert.deepEqual(d.evidence(crypt32), [{ field: 'Error', value: '0x80072ee7', span: { start: 8000, end: 8010 } }]);
    assert.deepEqual(d.evidence(makeEvent({ id: 12 })), []);
  });

  it('reports every value an |all list needed, including keyword hits', () => {
    const d = detectionOf(compileDetectionRule('    sel:\n        Data|contains|all: [alpha, beta]\n    condition: sel'));
    const event = makeEvent({ data: ['alpha one', 'two beta'] });
    assert.deepEqual(d.evidence(event), [
      { field: 'Data', value: 'alpha one', span: { start: 1000, end: 1009 } },
      { field: 'Data', value: 'two beta', span: { start: 2000, end: 2008 } },
    ]);
    const keyword = detectionOf(compileDetectionRule('    sel:\n        - one\n    condition: sel'));
    const spanless: LogEvent = { ...event, data: [{ value: 'alpha one', start: 0, end: 0 }] };
    delete spanless.message;
    assert.deepEqual(keyword.evidence(spanless), [{ field: 'Data', value: 'alpha one', span: { start: 0, end: 0 } }]);
  });
});
