import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRuleSource, parseRuleYaml } from '../../../server/src/rules/loadRule';

const GOOD = `title: Crypt32 root list sequence unreachable
id: 2C1B8A4E-8F0E-4F64-9D0A-1E2F3A4B5C6D
status: test
description: Crypt32 event 8.
logsource:
    product: windows
    service: application
detection:
    sel:
        Provider_Name: Microsoft-Windows-CAPI2
        EventID: 8
    condition: sel
level: low
eventlogdoctor:
    id: crypt32.root-list-sequence-unreachable
    severity: information
    message: Windows could not download the root list sequence number
    explanation: What it means.
    harmful: Benign.
    cause: Offline.
    variants:
        - label: the server name could not be resolved
          match: ['0x80072ee7']
          cause: DNS.
    remediations:
        - id: disregard
          kind: disregard
          title: disregard this benign event
        - id: winhttp-proxy
          kind: script
          title: configure the WinHTTP proxy (PowerShell)
          script: winhttp-proxy.ps1
`;

function compile(text: string, scripts: Record<string, string> = {}, builtin = true) {
  const src = parseRuleYaml('server/knowledge/x/rule.yml', text);
  assert.deepEqual(src.errors, []);
  return compileRuleSource({ ...src, scripts }, builtin);
}

/** Errors of GOOD with one line replaced (by its 1-based number). */
function errorsWith(lineNumber: number, replacement: string, scripts: Record<string, string> = { 'winhttp-proxy.ps1': 'Write-Output 1' }) {
  const lines = GOOD.split('\n');
  lines.splice(lineNumber - 1, 1, ...(replacement === '' ? [] : [replacement]));
  return compile(lines.join('\n'), scripts).errors;
}

describe('compileRuleSource', () => {
  it('compiles a built-in rule with its block and the scripts it names', () => {
    const { rule, errors } = compile(GOOD, { 'winhttp-proxy.ps1': 'Write-Output 1', 'other.ps1': 'x' });
    assert.deepEqual(errors, []);
    assert.ok(rule);
    assert.equal(rule.doc.id, 'crypt32.root-list-sequence-unreachable');
    assert.equal(rule.doc.severity, 'information');
    assert.deepEqual(rule.doc.variants, [{ label: 'the server name could not be resolved', match: ['0x80072ee7'], cause: 'DNS.' }]);
    assert.deepEqual(rule.doc.remediations[1], { id: 'winhttp-proxy', title: 'configure the WinHTTP proxy (PowerShell)', kind: 'script', script: 'winhttp-proxy.ps1' });
    assert.deepEqual(rule.scripts, { 'winhttp-proxy.ps1': 'Write-Output 1' });
    assert.equal(rule.source, 'server/knowledge/x/rule.yml');
    assert.equal(rule.builtin, true);
    assert.equal(rule.sigma.title, 'Crypt32 root list sequence unreachable');
    assert.deepEqual(rule.sigma.detection['sel'], { Provider_Name: 'Microsoft-Windows-CAPI2', EventID: 8 });
  });

  it('derives the block of a plain Sigma rule from its fields', () => {
    const plain = GOOD.slice(0, GOOD.indexOf('eventlogdoctor:'));
    const severities = { informational: 'information', low: 'information', medium: 'warning', high: 'error', critical: 'error' };
    for (const [level, severity] of Object.entries(severities)) {
      const { rule, errors } = compile(plain.replace('level: low', `level: ${level}`), {}, false);
      assert.deepEqual(errors, []);
      assert.deepEqual(rule?.doc, {
        id: '2c1b8a4e-8f0e-4f64-9d0a-1e2f3a4b5c6d',
        severity,
        message: 'Crypt32 root list sequence unreachable',
        explanation: 'Crypt32 event 8.',
        harmful: `Sigma level: **${level}**.`,
        cause: '',
        variants: [],
        remediations: [],
      });
      assert.equal(rule?.builtin, false);
    }
    const withFalsePositives = compile(plain.replace('level: low', 'level: high\nfalsepositives:\n    - Backup software\n    - Admins'), {}, false);
    assert.equal(withFalsePositives.rule?.doc.harmful, 'Sigma level: **high**.\n\nKnown false positives:\n\n- Backup software\n- Admins');
    const noId = compile(plain.replace(/^id: .*\n/m, '').replace('level: low\n', ''), {}, false);
    assert.deepEqual(noId.errors, []);
    assert.equal(noId.rule?.doc.id, 'crypt32-root-list-sequence-unreachable');
    assert.equal(noId.rule?.doc.severity, 'warning');
    assert.equal(noId.rule?.doc.harmful, '');
  });

  it('requires a Sigma id and the block for built-in rules', () => {
    const plain = GOOD.slice(0, GOOD.indexOf('eventlogdoctor:')).replace(/^id: .*\n/m, '');
    assert.deepEqual(compile(plain, {}, true).errors, [
      { path: '', line: 1, message: 'id is required (a UUID)' },
      { path: '', line: 1, message: "built-in rules need an 'eventlogdoctor' block" },
    ]);
  });

  it('reports Sigma field errors at their lines', () => {
    assert.deepEqual(errorsWith(1, 'title: ""'), [{ path: 'title', line: 1, message: 'title is required (a non-empty string)' }]);
    assert.deepEqual(errorsWith(2, 'id: 1234'), [{ path: 'id', line: 2, message: 'id must be a UUID' }]);
    assert.deepEqual(errorsWith(3, 'status: final'), [{ path: 'status', line: 3, message: 'status must be one of stable, test, experimental, deprecated, unsupported' }]);
    assert.deepEqual(errorsWith(13, 'level: severe'), [{ path: 'level', line: 13, message: 'level must be one of informational, low, medium, high, critical' }]);
    assert.deepEqual(errorsWith(7, '    service: [a]'), [{ path: 'logsource.service', line: 7, message: 'logsource.service must be a string' }]);
    assert.deepEqual(errorsWith(12, ''), [{ path: 'detection', line: 8, message: 'the detection has no condition' }]);
    assert.deepEqual(errorsWith(4, 'description: [a]'), [{ path: 'description', line: 4, message: 'description must be a string' }]);
  });

  it('reports detection errors at the line of the field or value', () => {
    assert.deepEqual(errorsWith(10, '        Provider_Name|contain: CAPI2'), [
      { path: 'detection.sel.Provider_Name|contain', line: 10, message: "unknown modifier 'contain'" },
    ]);
    assert.deepEqual(errorsWith(11, "        EventID|re: ['8', '(']"), [
      { path: 'detection.sel.EventID|re[1]', line: 11, message: "invalid regular expression: missing ')'" },
    ]);
    assert.deepEqual(errorsWith(11, '        EventID: {a: 1}'), [
      { path: 'detection.sel.EventID', line: 11, message: 'a value must be a string, a number, a boolean or null' },
    ]);
    assert.deepEqual(errorsWith(11, '        EventID: []'), [{ path: 'detection.sel.EventID', line: 11, message: 'the list of values is empty' }]);
    assert.deepEqual(errorsWith(12, '    condition: sel and filter'), [
      { path: 'detection.condition', line: 12, message: "the condition refers to 'filter', which is not a selection" },
    ]);
  });

  it('reports errors in the eventlogdoctor block', () => {
    assert.deepEqual(errorsWith(15, '    id: Crypt32_RootList'), [
      { path: 'eventlogdoctor.id', line: 15, message: 'id must look like `provider.what-happened` (lower-case, dot-separated)' },
    ]);
    assert.deepEqual(errorsWith(16, '    severity: fatal'), [
      { path: 'eventlogdoctor.severity', line: 16, message: 'severity must be one of hint, information, warning, error' },
    ]);
    assert.deepEqual(errorsWith(17, ''), [{ path: 'eventlogdoctor', line: 14, message: 'message is required (a non-empty string)' }]);
    assert.deepEqual(errorsWith(17, '    mesage: typo'), [
      { path: 'eventlogdoctor.mesage', line: 17, message: "unknown field 'mesage' (expected id, severity, message, explanation, harmful, cause, variants, remediations)" },
      { path: 'eventlogdoctor', line: 14, message: 'message is required (a non-empty string)' },
    ]);
    assert.deepEqual(errorsWith(23, "          match: []"), [
      { path: 'eventlogdoctor.variants[0].match', line: 23, message: 'match is required (a non-empty list of non-empty strings)' },
    ]);
    assert.deepEqual(errorsWith(30, "          kind: run"), [
      { path: 'eventlogdoctor.remediations[1].kind', line: 30, message: "kind must be 'script' or 'disregard'" },
    ]);
    assert.deepEqual(errorsWith(32, ''), [
      { path: 'eventlogdoctor.remediations[1]', line: 29, message: 'script is required: a .ps1 or .cmd file name beside rule.yml (or ../shared/<file>)' },
    ]);
    assert.deepEqual(errorsWith(32, '          script: missing.ps1'), [
      { path: 'eventlogdoctor.remediations[1].script', line: 32, message: "script 'missing.ps1' was not found beside the rule" },
    ]);
    assert.deepEqual(errorsWith(32, '          script: ../shared/winhttp-proxy.ps1', { '../shared/winhttp-proxy.ps1': 'x' }), []);
    assert.deepEqual(errorsWith(32, '          script: ../other/winhttp-proxy.ps1'), [
      { path: 'eventlogdoctor.remediations[1].script', line: 32, message: 'script is required: a .ps1 or .cmd file name beside rule.yml (or ../shared/<file>)' },
    ]);
    assert.deepEqual(errorsWith(29, '        - id: disregard'), [
      { path: 'eventlogdoctor.remediations[1].id', line: 29, message: "remediation id 'disregard' is used twice" },
    ]);
  });

  it('rejects a document that is not a map, and reports YAML syntax errors with their line', () => {
    assert.deepEqual(compileRuleSource({ path: 'x', document: ['a'], scripts: {} }, false).errors, [{ path: '', message: 'a rule must be a YAML map (a Sigma rule)' }]);
    const broken = parseRuleYaml('x.yml', 'title: a\ndetection:\n    sel: [a, b\n    condition: sel\n');
    assert.deepEqual(broken.errors, [{ path: '', line: 4, message: 'Flow sequence in block collection must be sufficiently indented and end with a ]' }]);
    assert.deepEqual(parseRuleYaml('x.yml', 'a: 1\n---\nb: 2\n').errors, [
      { path: '', line: 2, message: 'a rule file holds one YAML document (rule collections are not supported)' },
    ]);
    assert.equal(parseRuleYaml('x.yml', '\u0000\u0001 garbage: [\n\uffff').document, null);
    const dup = parseRuleYaml('x.yml', 'title: a\ntitle: b\n');
    assert.deepEqual(dup.errors.map((e) => [e.line, e.message]), [[2, 'Map keys must be unique']]);
  });

  it('keeps hex, octal and float values as written', () => {
    const src = parseRuleYaml('x.yml', 'a: 0x80072EE7\nb: 8\nc: 1.10\nd: 010\ne: true\nf: null\n');
    assert.deepEqual(src.document, { a: '0x80072EE7', b: 8, c: '1.10', d: '010', e: true, f: null });
  });
});
