import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { planRemediationInsertWith, type RemediationInsertPlan, type ScriptLanguage } from '../../../server/src/features/remediationInsert';
import type { Rule } from '../../../server/src/rules/schema';
import { crypt32Rule, cryptSvcRule, withDoc } from './fakeRules';

const CRYPT32 = 'crypt32.root-list-sequence-unreachable';

function preamble(language: ScriptLanguage): string {
  return language === 'cmd' ? '@echo off\nREM Remediation for <name>\n' : '# Remediation for <name>\n#   .\\<name>.remediation.ps1 -Apply\n';
}

function plan(existing: string | undefined, rule: Rule = crypt32Rule, remediationId = 'winhttp-proxy', logName = 'Application.xml') {
  return planRemediationInsertWith(existing, rule, remediationId, logName, preamble);
}

/** The file after applying a plan the way the server does. */
function apply(existing: string | undefined, result: RemediationInsertPlan): string {
  if ('error' in result) assert.fail(result.error);
  if ('alreadyPresent' in result) return existing ?? '';
  return result.append ? (existing ?? '') + result.text : result.text;
}

const POWERSHELL_BLOCK = [
  `# >>> Event Log Doctor: ${CRYPT32}/winhttp-proxy`,
  '# Configures the WinHTTP proxy',
  'netsh winhttp show proxy',
  `# <<< Event Log Doctor: ${CRYPT32}/winhttp-proxy`,
  '',
].join('\n');

describe('planRemediationInsertWith', () => {
  it('starts a new file with the preamble, the log name (without extension) filled in, then the marked block', () => {
    assert.deepEqual(plan(undefined), {
      text: `# Remediation for Application\n#   .\\Application.remediation.ps1 -Apply\n\n${POWERSHELL_BLOCK}`,
      append: false,
    });
  });

  it('appends to an existing file after a blank line, and is idempotent', () => {
    const existing = '# my notes\nGet-Service CryptSvc';
    const once = apply(existing, plan(existing));
    assert.equal(once, `# my notes\nGet-Service CryptSvc\n\n${POWERSHELL_BLOCK}`);
    assert.deepEqual(plan(once), { alreadyPresent: true });
    assert.equal(apply(once, plan(once)), once);

    const fresh = apply(undefined, plan(undefined));
    assert.deepEqual(plan(fresh), { alreadyPresent: true });
    const other = withDoc(crypt32Rule, {
      remediations: [...crypt32Rule.doc.remediations, { id: 'winhttp-proxy-2', kind: 'script', title: 't', script: 'winhttp-proxy.ps1' }],
    });
    const both = apply(fresh, plan(fresh, other, 'winhttp-proxy-2'));
    assert.equal(both, `${fresh}\n${POWERSHELL_BLOCK.replaceAll('winhttp-proxy', 'winhttp-proxy-2')}`);
    assert.deepEqual(plan(both, other, 'winhttp-proxy-2'), { alreadyPresent: true });
  });

  it('keeps CRLF line endings of an existing file', () => {
    const existing = '# notes\r\n';
    const result = plan(existing);
    assert.deepEqual(result, { text: `\r\n${POWERSHELL_BLOCK.replaceAll('\n', '\r\n')}`, append: true });
    const applied = apply(existing, result);
    assert.equal(applied.replaceAll('\r\n', '').includes('\n'), false);
    assert.deepEqual(plan(applied), { alreadyPresent: true });
  });

  it('writes cmd scripts with REM markers and LF for a new file even when the script has CRLF', () => {
    assert.deepEqual(planRemediationInsertWith(undefined, cryptSvcRule, 'restart', 'System.evtx', preamble), {
      text: [
        '@echo off',
        'REM Remediation for System',
        '',
        'REM >>> Event Log Doctor: cryptsvc.start-failed/restart',
        'net stop cryptsvc',
        'net start cryptsvc',
        'REM <<< Event Log Doctor: cryptsvc.start-failed/restart',
        '',
      ].join('\n'),
      append: false,
    });
  });

  it('drops a byte order mark from the script text', () => {
    const withBom = { ...crypt32Rule, scripts: { 'winhttp-proxy.ps1': '\uFEFF# Configures the WinHTTP proxy\r\nnetsh winhttp show proxy' } };
    assert.deepEqual(plan('x\n', withBom), { text: `\n${POWERSHELL_BLOCK}`, append: true });
  });

  it('fills an existing empty file with the preamble and the block', () => {
    const result = plan('');
    assert.deepEqual(result, { text: `# Remediation for Application\n#   .\\Application.remediation.ps1 -Apply\n\n${POWERSHELL_BLOCK}`, append: true });
  });

  it('does not take a marker for another remediation, or inside a line, as present', () => {
    const similar = `# >>> Event Log Doctor: ${CRYPT32}/winhttp-proxy-old\nWrite-Output '# >>> Event Log Doctor: ${CRYPT32}/winhttp-proxy'\n`;
    const result = plan(similar);
    assert.ok('text' in result && result.append);
  });

  it('keeps line breaks in the log name out of the script', () => {
    const result = plan(undefined, crypt32Rule, 'winhttp-proxy', 'evil\nRemove-Item x -Recurse\r\n#.xml');
    assert.ok('text' in result);
    assert.equal(result.text.split('\n')[0], '# Remediation for evil Remove-Item x -Recurse #');
  });

  it('explains why it cannot insert', () => {
    assert.deepEqual(plan(undefined, crypt32Rule, 'nope'), { error: `Rule ${CRYPT32} has no remediation nope.` });
    assert.deepEqual(plan(undefined, crypt32Rule, 'disregard'), { error: `Remediation ${CRYPT32}/disregard is not a script.` });
    const missing = { ...crypt32Rule, scripts: {} };
    assert.deepEqual(plan(undefined, missing), { error: `The script winhttp-proxy.ps1 of rule ${CRYPT32} is missing.` });
    const python = withDoc(crypt32Rule, { remediations: [{ id: 'py', kind: 'script', title: 'py', script: 'fix.py' }] });
    assert.deepEqual(plan(undefined, python, 'py'), { error: `Remediation ${CRYPT32}/py names fix.py, which is neither .ps1 nor .cmd.` });
  });
});
