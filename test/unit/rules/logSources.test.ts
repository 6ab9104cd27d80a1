import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectionOf } from '../../../server/src/rules/compiledRules';
import { createRuleEngine } from '../../../server/src/rules/engine';
import { compileRuleSource, parseRuleYaml } from '../../../server/src/rules/loadRule';
import type { Rule } from '../../../server/src/rules/schema';
import { makeEvent, type EventSpec } from './ruleHelpers';

/** A user's rule with the given logsource lines (indented by 4) and detection lines (indented by 4). */
function userRule(logsource: string, detection: string): { rule?: Rule; errors: { path: string; line?: number; message: string }[] } {
  const text = `title: T\nlogsource:\n${logsource}\ndetection:\n${detection}\n`;
  const src = parseRuleYaml('user.yml', text);
  assert.deepEqual(src.errors, []);
  return compileRuleSource(src, false);
}

function compiled(logsource: string, detection: string): Rule {
  const { rule, errors } = userRule(logsource, detection);
  assert.deepEqual(errors, []);
  assert.ok(rule);
  return rule;
}

const SYSMON = 'Microsoft-Windows-Sysmon';
const SECURITY = 'Microsoft-Windows-Security-Auditing';
const fires = (rule: Rule, spec: EventSpec): boolean => detectionOf(rule).test(makeEvent(spec));

describe('log sources', () => {
  it('process_creation is Sysmon 1 and Security 4688, with 4688 field names mapped', () => {
    const rule = compiled('    product: windows\n    category: process_creation', '    sel:\n        Image|endswith: \\certutil.exe\n        ParentImage|endswith: \\cmd.exe\n    condition: sel');
    const sysmon = { provider: SYSMON, id: 1, data: [['Image', 'C:\\x\\certutil.exe'], ['ParentImage', 'C:\\x\\cmd.exe']] } satisfies EventSpec;
    assert.equal(fires(rule, sysmon), true);
    assert.equal(fires(rule, { ...sysmon, id: 3 }), false);
    assert.equal(fires(rule, { ...sysmon, provider: 'Other' }), false);
    assert.equal(fires(rule, { provider: SECURITY, id: 4688, data: [['NewProcessName', 'C:\\x\\certutil.exe'], ['ParentProcessName', 'C:\\x\\cmd.exe']] }), true);
    assert.equal(fires(rule, { provider: SECURITY, id: 4688, data: [['NewProcessName', 'C:\\x\\certutil.exe'], ['ParentProcessName', 'C:\\x\\explorer.exe']] }), false);
    // The engine indexes the rule under both (provider, id) pairs.
    assert.deepEqual(detectionOf(rule).constraint, { providers: new Set(['microsoft-windows-sysmon', 'microsoft-windows-security-auditing']), ids: new Set([1, 4688]) });
    const matches = createRuleEngine([rule]).match([makeEvent(sysmon), makeEvent({ ...sysmon, id: 11 })]);
    assert.deepEqual(matches.map((m) => m.eventIndex), [0]);
  });

  it('the registry categories check the Sysmon event type', () => {
    const set = compiled('    product: windows\n    category: registry_set', '    sel:\n        TargetObject|contains: \\Run\\\n    condition: sel');
    const event = (id: number, type: string): EventSpec => ({ provider: SYSMON, id, data: [['EventType', type], ['TargetObject', 'HKLM\\Software\\Run\\x']] });
    assert.equal(fires(set, event(13, 'SetValue')), true);
    assert.equal(fires(set, event(12, 'SetValue')), false);
    const deleted = compiled('    product: windows\n    category: registry_delete', '    sel:\n        TargetObject|contains: \\Run\\\n    condition: sel');
    assert.equal(fires(deleted, event(12, 'DeleteValue')), true);
    assert.equal(fires(deleted, event(12, 'CreateKey')), false);
    const any = compiled('    product: windows\n    category: registry_event', '    sel:\n        TargetObject|contains: \\Run\\\n    condition: sel');
    assert.equal(fires(any, event(12, 'CreateKey')), true);
    assert.equal(fires(any, event(14, 'RenameKey')), true);
  });

  it('a service is its channel; an event without a channel is not excluded', () => {
    const rule = compiled('    product: windows\n    service: security', '    sel:\n        EventID: 1102\n    condition: sel');
    assert.equal(fires(rule, { id: 1102, channel: 'Security' }), true);
    assert.equal(fires(rule, { id: 1102, channel: 'security' }), true);
    assert.equal(fires(rule, { id: 1102, channel: 'System' }), false);
    assert.equal(fires(rule, { id: 1102 }), true);
    const sysmon = compiled('    product: windows\n    service: sysmon', '    sel:\n        EventID: 16\n    condition: sel');
    assert.equal(fires(sysmon, { id: 16, channel: 'Microsoft-Windows-Sysmon/Operational' }), true);
    assert.equal(fires(sysmon, { id: 16, channel: 'Application' }), false);
  });

  it('PowerShell categories are their providers and ids', () => {
    const rule = compiled('    product: windows\n    category: ps_script', '    sel:\n        ScriptBlockText|contains: Invoke-Mimikatz\n    condition: sel');
    const event = (provider: string, id: number): EventSpec => ({ provider, id, data: [['ScriptBlockText', 'Invoke-Mimikatz -x']] });
    assert.equal(fires(rule, event('Microsoft-Windows-PowerShell', 4104)), true);
    assert.equal(fires(rule, event('PowerShellCore', 4104)), true);
    assert.equal(fires(rule, event('Microsoft-Windows-PowerShell', 4103)), false);
  });

  it('category and service together must both hold', () => {
    const rule = compiled('    product: windows\n    category: ps_module\n    service: powershell', '    sel:\n        Payload|contains: x\n    condition: sel');
    const event = { provider: 'Microsoft-Windows-PowerShell', id: 4103, data: [['Payload', 'x']] } satisfies EventSpec;
    assert.equal(fires(rule, { ...event, channel: 'Microsoft-Windows-PowerShell/Operational' }), true);
    assert.equal(fires(rule, { ...event, channel: 'Windows PowerShell' }), false);
  });

  it('a log source with only a product, or none, restricts nothing', () => {
    const rule = compiled('    product: windows', '    sel:\n        EventID: 7\n    condition: sel');
    assert.equal(fires(rule, { id: 7, provider: 'Anything' }), true);
  });

  it('rejects unknown categories and services and other products, at their lines', () => {
    assert.deepEqual(userRule('    product: windows\n    category: process_creations', '    sel: x\n    condition: sel').errors, [
      { path: 'logsource.category', line: 4, message: "unknown Windows logsource category 'process_creations' (see the Sigma taxonomy appendix)" },
    ]);
    assert.deepEqual(userRule('    product: windows\n    service: securty', '    sel: x\n    condition: sel').errors, [
      { path: 'logsource.service', line: 4, message: "unknown Windows logsource service 'securty' (see the Sigma taxonomy appendix)" },
    ]);
    assert.deepEqual(userRule('    product: cisco\n    service: aaa', '    sel: x\n    condition: sel').errors, [
      { path: 'logsource.product', line: 3, message: "logsource product 'cisco' is not supported: Event Log Doctor reads Windows event logs (product: windows)" },
    ]);
  });

  it('leaves built-in rules to their own detection', () => {
    const text = `title: T\nid: 2c1b8a4e-8f0e-4f64-9d0a-1e2f3a4b5c6d\nlogsource:\n    product: windows\n    service: application\ndetection:\n    sel:\n        EventID: 8\n    condition: sel\neventlogdoctor:\n    id: x.y\n    severity: warning\n    message: m\n    explanation: e\n    harmful: h\n    cause: c\n`;
    const { rule, errors } = compileRuleSource(parseRuleYaml('rule.yml', text), true);
    assert.deepEqual(errors, []);
    assert.ok(rule);
    assert.equal(fires(rule, { id: 8, channel: 'System' }), true);
  });

  it('reads data names with spaces under their Sigma names without them', () => {
    const rule = compiled('    product: windows\n    service: windefend', '    sel:\n        ThreatName|endswith: EICAR_Test_File\n    condition: sel');
    assert.equal(fires(rule, { channel: 'Microsoft-Windows-Windows Defender/Operational', data: [['Threat Name', 'Virus:DOS/EICAR_Test_File']] }), true);
    assert.equal(fires(rule, { channel: 'Microsoft-Windows-Windows Defender/Operational', data: [['Threat Name', 'Other']] }), false);
  });
});
