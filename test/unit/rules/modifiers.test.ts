import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectionOf } from '../../../server/src/rules/compiledRules';
import { base64, base64Offsets, encodeText } from '../../../server/src/rules/encodings';
import { compileRuleSource, parseRuleYaml } from '../../../server/src/rules/loadRule';
import { compileDetectionRule, makeEvent, ruleErrors, ruleYaml, type EventSpec } from './ruleHelpers';

/** Whether a one-selection detection `sel: { <item> }` matches the event. */
function fires(item: string, spec: EventSpec): boolean {
  const rule = compileDetectionRule(`    sel:\n        ${item}\n    condition: sel`);
  return detectionOf(rule).test(makeEvent(spec));
}

const cmd = (value: string): EventSpec => ({ data: [['CommandLine', value]] });

/** The errors of a one-selection detection. */
function itemErrors(item: string): string[] {
  return ruleErrors(ruleYaml(`    sel:\n        ${item}\n    condition: sel`)).map((e) => e.message);
}

describe('modifiers', () => {
  it('contains, startswith, endswith ignore case', () => {
    assert.equal(fires('CommandLine|contains: CERTUTIL', cmd('c:\\x\\certutil.exe -urlcache')), true);
    assert.equal(fires('CommandLine|contains: certreq', cmd('certutil.exe')), false);
    assert.equal(fires('CommandLine|startswith: C:\\X', cmd('c:\\x\\certutil.exe')), true);
    assert.equal(fires('CommandLine|startswith: certutil', cmd('c:\\x\\certutil.exe')), false);
    assert.equal(fires('CommandLine|endswith: .EXE', cmd('c:\\x\\certutil.exe')), true);
    assert.equal(fires('CommandLine|endswith: certutil', cmd('c:\\x\\certutil.exe')), false);
  });

  it('a list of values is OR; with all it is AND', () => {
    assert.equal(fires('CommandLine|contains: [foo, urlcache]', cmd('certutil -urlcache')), true);
    assert.equal(fires('CommandLine|contains: [foo, bar]', cmd('certutil -urlcache')), false);
    assert.equal(fires('CommandLine|contains|all: [certutil, urlcache]', cmd('certutil -urlcache')), true);
    assert.equal(fires('CommandLine|contains|all: [certutil, split]', cmd('certutil -urlcache')), false);
  });

  it('cased compares case-sensitively', () => {
    assert.equal(fires('CommandLine|contains|cased: CertUtil', cmd('CertUtil.exe')), true);
    assert.equal(fires('CommandLine|contains|cased: CertUtil', cmd('certutil.exe')), false);
    assert.equal(fires('CommandLine|cased: CertUtil.exe', cmd('certutil.exe')), false);
  });

  it('re searches with a JS regular expression, case-sensitive unless re|i', () => {
    assert.equal(fires("CommandLine|re: 'cert(util|req)\\.exe'", cmd('run certreq.exe now')), true);
    assert.equal(fires("CommandLine|re: '^cert(util|req)\\.exe'", cmd('run certreq.exe now')), false);
    assert.equal(fires("CommandLine|re: 'CERTREQ'", cmd('certreq')), false);
    assert.equal(fires("CommandLine|re|i: 'CERTREQ'", cmd('certreq')), true);
    assert.equal(fires("CommandLine|re|m: '^b$'", cmd('a\nb\nc')), true);
    assert.equal(fires("CommandLine|re: '^b$'", cmd('a\nb\nc')), false);
    assert.equal(fires("CommandLine|re|s: 'a.b'", cmd('a\nb')), true);
    assert.equal(fires("CommandLine|re: 'a.b'", cmd('a\nb')), false);
  });

  it('exists tests for the presence of a field, even an empty one', () => {
    assert.equal(fires('CommandLine|exists: true', cmd('')), true);
    assert.equal(fires('CommandLine|exists: true', { data: [['Other', 'x']] }), false);
    assert.equal(fires('CommandLine|exists: false', { data: [['Other', 'x']] }), true);
    assert.equal(fires('CommandLine|exists: false', cmd('x')), false);
  });

  it('gt, gte, lt, lte compare numbers, including hexadecimal field values', () => {
    const size = (v: string): EventSpec => ({ data: [['Size', v]] });
    assert.equal(fires('Size|gt: 10', size('11')), true);
    assert.equal(fires('Size|gt: 10', size('10')), false);
    assert.equal(fires('Size|gte: 10', size('10')), true);
    assert.equal(fires('Size|lt: 10', size('9.5')), true);
    assert.equal(fires('Size|lt: 10', size('10')), false);
    assert.equal(fires('Size|lte: 10', size('10')), true);
    assert.equal(fires('Size|gt: 255', size('0x100')), true);
    assert.equal(fires("Size|gt: '5'", size('not a number')), false);
  });

  it('windash matches every dash variant of the value', () => {
    assert.equal(fires("CommandLine|windash|contains: ' -urlcache '", cmd('certutil /urlcache -f')), true);
    assert.equal(fires("CommandLine|windash|contains: ' -urlcache '", cmd('certutil \u2013urlcache -f')), true);
    assert.equal(fires("CommandLine|windash|contains: ' -urlcache '", cmd('certutil +urlcache -f')), false);
  });

  it('base64 and base64offset compare against the encoded value', () => {
    assert.equal(base64(encodeText('ping', 'utf8')), 'cGluZw==');
    assert.deepEqual(base64Offsets(encodeText('ping', 'utf8')), ['cGluZ', 'Bpbm', 'waW5n']);
    assert.equal(fires('CommandLine|base64: ping', cmd('cGluZw==')), true);
    assert.equal(fires('CommandLine|base64|contains: ping', cmd('xx cGluZw== yy')), true);
    assert.equal(fires('CommandLine|base64|contains: ping', cmd('xx CGLUZW== yy')), false);
    for (const prefix of ['', 'a', 'ab']) {
      const encoded = base64(encodeText(`${prefix}ping pong`, 'utf8'));
      assert.equal(fires('CommandLine|base64offset|contains: ping', cmd(encoded)), true, encoded);
    }
    assert.equal(fires('CommandLine|base64offset|contains: ping', cmd(base64(encodeText('pong', 'utf8')))), false);
  });

  it('wide/utf16le, utf16be and utf16 encode before base64', () => {
    assert.deepEqual(encodeText('ab', 'utf16le'), [0x61, 0, 0x62, 0]);
    assert.deepEqual(encodeText('ab', 'utf16be'), [0, 0x61, 0, 0x62]);
    assert.deepEqual(encodeText('ab', 'utf16'), [0xff, 0xfe, 0x61, 0, 0x62, 0]);
    const wide = base64(encodeText('ping', 'utf16le'));
    assert.equal(fires('CommandLine|wide|base64: ping', cmd(wide)), true);
    assert.equal(fires('CommandLine|utf16le|base64: ping', cmd(wide)), true);
    assert.equal(fires('CommandLine|base64: ping', cmd(wide)), false);
    assert.equal(fires('CommandLine|utf16be|base64: ping', cmd(base64(encodeText('ping', 'utf16be')))), true);
    assert.equal(fires('CommandLine|utf16|base64: ping', cmd(base64(encodeText('ping', 'utf16')))), true);
    const inner = base64(encodeText('x powershell -enc', 'utf16le'));
    assert.equal(fires('CommandLine|wide|base64offset|contains: powershell', cmd(inner)), true);
  });

  it('cidr matches IPv4 and IPv6 ranges', () => {
    const ip = (v: string): EventSpec => ({ data: [['IpAddress', v]] });
    assert.equal(fires("IpAddress|cidr: '10.0.0.0/8'", ip('10.20.30.40')), true);
    assert.equal(fires("IpAddress|cidr: '10.0.0.0/8'", ip('11.0.0.1')), false);
    assert.equal(fires("IpAddress|cidr: '192.168.1.0/25'", ip('192.168.1.127')), true);
    assert.equal(fires("IpAddress|cidr: '192.168.1.0/25'", ip('192.168.1.128')), false);
    assert.equal(fires("IpAddress|cidr: 'fe80::/10'", ip('fe80::1%12')), true);
    assert.equal(fires("IpAddress|cidr: 'fe80::/10'", ip('2001:db8::1')), false);
    assert.equal(fires("IpAddress|cidr: '::ffff:0:0/96'", ip('::ffff:10.0.0.1')), true);
    assert.equal(fires("IpAddress|cidr: '10.0.0.0/8'", ip('-')), false);
    assert.equal(fires("IpAddress|cidr: ['127.0.0.1/32', '10.0.0.0/8']", ip('127.0.0.1')), true);
  });

  it('fieldref compares with the values of another field', () => {
    const users = (a: string, b: string): EventSpec => ({ data: [['SubjectUserName', a], ['TargetUserName', b]] });
    assert.equal(fires('SubjectUserName|fieldref: TargetUserName', users('Alice', 'alice')), true);
    assert.equal(fires('SubjectUserName|fieldref: TargetUserName', users('alice', 'bob')), false);
    assert.equal(fires('SubjectUserName|fieldref|cased: TargetUserName', users('Alice', 'alice')), false);
    assert.equal(fires('SubjectUserName|fieldref|startswith: TargetUserName', users('alice$', 'ALICE')), true);
    assert.equal(fires('SubjectUserName|fieldref|contains: TargetUserName', users('xaliceX', 'alice')), true);
    assert.equal(fires('SubjectUserName|fieldref: Missing', users('alice', 'alice')), false);
  });

  it('expand replaces %name% by each value of the placeholder', () => {
    const text = ruleYaml("    sel:\n        User|expand|endswith: '\\%admins%'\n    condition: sel");
    const { rule, errors } = compileRuleSource(parseRuleYaml('t.yml', text), false, { placeholders: { admins: ['alice', 'bob'] } });
    assert.deepEqual(errors, []);
    assert.ok(rule);
    const user = (name: string): EventSpec => ({ data: [['User', name]] });
    assert.equal(detectionOf(rule).test(makeEvent(user('CORP\\Bob'))), true);
    assert.equal(detectionOf(rule).test(makeEvent(user('CORP\\carol'))), false);
    assert.equal(fires('User|expand: plain', { data: [['User', 'plain']] }), true);
  });

  it('neq holds when no value of the field equals any of the values', () => {
    assert.equal(fires('LogonType|neq: 3', { data: [['LogonType', '10']] }), true);
    assert.equal(fires('LogonType|neq: [3, 10]', { data: [['LogonType', '10']] }), false);
    assert.equal(fires('User|neq: SYSTEM', { data: [['User', 'system']] }), false);
    assert.equal(fires('SubjectUserName|neq|fieldref: TargetUserName', { data: [['SubjectUserName', 'a'], ['TargetUserName', 'b']] }), true);
  });

  it('minute, hour, day, week, month and year compare a part of a date', () => {
    const at = (time: string): EventSpec => ({ data: [['UtcTime', time]] });
    assert.equal(fires('UtcTime|hour: 3', at('2024-12-30 03:15:00.000')), true);
    assert.equal(fires('UtcTime|hour|gte: 22', at('2024-12-30 03:15:00.000')), false);
    assert.equal(fires('UtcTime|minute|lt: 20', at('2024-12-30T03:15:00Z')), true);
    assert.equal(fires('UtcTime|day: 30', at('2024-12-30 03:15:00.000')), true);
    assert.equal(fires('UtcTime|month: 12', at('2024-12-30 03:15:00.000')), true);
    assert.equal(fires('UtcTime|year|gt: 2023', at('2024-12-30 03:15:00.000')), true);
    // 2024-12-30 is a Monday in ISO week 1 of 2025.
    assert.equal(fires('UtcTime|week: 1', at('2024-12-30 03:15:00.000')), true);
    assert.equal(fires('UtcTime|hour: 3', at('not a date')), false);
    assert.equal(fires('UtcTime|hour: 0', at('2024-12-30')), false);
  });

  it('rejects unknown modifiers and combinations that make no sense', () => {
    assert.deepEqual(itemErrors('CommandLine|contain: x'), ["unknown modifier 'contain'"]);
    assert.deepEqual(itemErrors('CommandLine|contains|startswith: x'), ["modifiers 'contains' and 'startswith' cannot be combined"]);
    assert.deepEqual(itemErrors('CommandLine|contains|contains: x'), ["modifier 'contains' is repeated"]);
    assert.deepEqual(itemErrors('CommandLine|wide|contains: x'), ["'wide', 'utf16le', 'utf16be' and 'utf16' must be followed by 'base64' or 'base64offset'"]);
    assert.deepEqual(itemErrors('CommandLine|base64|wide: x'), ["'wide' must come before 'base64' or 'base64offset'"]);
    assert.deepEqual(itemErrors('CommandLine|i: x'), ['regular expression flags (i, m, s) need the \'re\' modifier']);
    assert.deepEqual(itemErrors('CommandLine|re|cased: x'), ["'cased' cannot be combined with 're'"]);
    assert.deepEqual(itemErrors('CommandLine|re|base64: x'), ["'base64' cannot be combined with 're'"]);
    assert.deepEqual(itemErrors('CommandLine|windash|base64: x'), ["'windash' cannot be combined with 'base64'"]);
    assert.deepEqual(itemErrors("CommandLine|expand: '%admins%'"), [
      "placeholder '%admins%' has no values: define it in the eventlogDoctor.placeholders setting (name -> list of values)",
    ]);
    assert.deepEqual(itemErrors('CommandLine|neq|contains: x'), ["'neq' cannot be combined with 'contains'"]);
    assert.deepEqual(itemErrors('UtcTime|hour|contains: 3'), ["'hour' compares a date part as a number: only 'neq', 'gt', 'gte', 'lt' and 'lte' may go with it"]);
    assert.deepEqual(itemErrors('UtcTime|hour|day: 3'), ["modifiers 'hour' and 'day' cannot be combined"]);
    assert.deepEqual(itemErrors('CommandLine|exists: yes'), ["'exists' takes true or false"]);
    assert.deepEqual(itemErrors('Size|gt: ten'), ["'gt' needs a number, not 'ten'"]);
    assert.deepEqual(itemErrors("IpAddress|cidr: '10.0.0.0/40'"), ["'10.0.0.0/40' is not a CIDR range (a.b.c.d/n or x:y::/n)"]);
    assert.deepEqual(itemErrors('CommandLine|base64: x*'), ['wildcards cannot be combined with base64 encodings']);
    assert.deepEqual(itemErrors('CommandLine|contains: null'), ['null cannot be combined with modifiers']);
    assert.match(itemErrors("CommandLine|re: '(unclosed'")[0] ?? '', /^invalid regular expression: /);
  });
});
