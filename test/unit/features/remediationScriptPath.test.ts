import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { remediationScriptPath } from '../../../server/src/features/remediationScriptPath';

describe('remediationScriptPath', () => {
  it('puts the script beside the log, named after it', () => {
    assert.equal(remediationScriptPath('/home/ann/logs/Application.xml', 'powershell'), '/home/ann/logs/Application.remediation.ps1');
    assert.equal(remediationScriptPath('/home/ann/logs/System.evtx', 'cmd'), '/home/ann/logs/System.remediation.cmd');
    assert.equal(remediationScriptPath('c:/logs/app.export.xml', 'powershell'), 'c:/logs/app.export.remediation.ps1');
    assert.equal(remediationScriptPath('/x.xml', 'powershell'), '/x.remediation.ps1');
    assert.equal(remediationScriptPath('Application', 'powershell'), 'Application.remediation.ps1');
    assert.equal(remediationScriptPath('/logs/.hidden', 'powershell'), '/logs/.hidden.remediation.ps1');
    assert.equal(remediationScriptPath('/logs/', 'powershell'), '/logs/eventlog.remediation.ps1');
  });

  it('resolves a script folder relative to the log folder', () => {
    assert.equal(remediationScriptPath('/home/ann/logs/Application.xml', 'powershell', 'scripts'), '/home/ann/logs/scripts/Application.remediation.ps1');
    assert.equal(remediationScriptPath('/home/ann/logs/Application.xml', 'powershell', '../fixes/'), '/home/ann/fixes/Application.remediation.ps1');
    assert.equal(remediationScriptPath('/home/ann/logs/Application.xml', 'powershell', './a/./b'), '/home/ann/logs/a/b/Application.remediation.ps1');
    assert.equal(remediationScriptPath('/a/Application.xml', 'powershell', '../../..'), '/Application.remediation.ps1');
    assert.equal(remediationScriptPath('logs/Application.xml', 'cmd', '../out'), 'out/Application.remediation.cmd');
    assert.equal(remediationScriptPath('/logs/Application.xml', 'cmd', 'sub\\dir'), '/logs/sub/dir/Application.remediation.cmd');
    assert.equal(remediationScriptPath('/logs/Application.xml', 'cmd', '  '), '/logs/Application.remediation.cmd');
  });

  it('uses an absolute script folder as it is', () => {
    assert.equal(remediationScriptPath('/home/ann/logs/Application.xml', 'powershell', '/srv/fixes'), '/srv/fixes/Application.remediation.ps1');
    assert.equal(remediationScriptPath('c:/logs/Application.xml', 'powershell', 'D:\\fixes\\'), 'D:/fixes/Application.remediation.ps1');
    assert.equal(remediationScriptPath('/c:/logs/Application.xml', 'powershell', '/c:/fixes'), '/c:/fixes/Application.remediation.ps1');
  });
});
