import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { analyze } from '../../../server/src/features/analysis';
import { getCodeActions } from '../../../server/src/features/codeActions';
import { computeDiagnostics } from '../../../server/src/features/diagnostics';
import { defaultSettings } from '../../../server/src/features/settings';
import { buildLog } from './logBuilder';
import { crypt32Rule, cryptSvcRule, fakeEngine, withDoc } from './fakeRules';

const CRYPT32 = 'crypt32.root-list-sequence-unreachable';
const URI = 'file:///logs/Application.xml';

function setup(rules = [crypt32Rule, cryptSvcRule]) {
  const log = buildLog([
    { provider: 'Microsoft-Windows-CAPI2', id: 8, time: '2025-03-15T10:00:00Z' },
    { provider: 'Microsoft-Windows-CAPI2', id: 8, time: '2025-03-15T10:10:00Z' },
    { provider: 'Service Control Manager', id: 7000, time: '2025-03-15T10:15:00Z' },
  ]);
  const document = TextDocument.create(URI, 'xml', 1, log.text);
  const analysis = analyze(log.parsed, log.text, fakeEngine(rules), defaultSettings);
  return { document, analysis, diagnostics: computeDiagnostics(document, analysis, defaultSettings) };
}

const cursor = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });

describe('getCodeActions', () => {
  it('offers each script remediation and marking the rule benign (preferred when the rule can be disregarded)', () => {
    const { document, analysis, diagnostics } = setup();
    const first = diagnostics[0]!;
    const actions = getCodeActions(document, analysis, cursor(4, 10), diagnostics);
    assert.deepEqual(actions, [
      {
        title: 'Insert remediation script: configure the WinHTTP proxy (PowerShell)',
        kind: 'quickfix',
        diagnostics: [first],
        command: {
          title: 'Insert remediation script: configure the WinHTTP proxy (PowerShell)',
          command: 'eventlogDoctor.insertRemediation',
          arguments: [{ uri: URI, ruleId: CRYPT32, remediationId: 'winhttp-proxy' }],
        },
      },
      {
        title: `Mark as benign: turn ${CRYPT32} off in this workspace`,
        kind: 'quickfix',
        diagnostics: [first],
        command: { title: `Mark as benign: turn ${CRYPT32} off in this workspace`, command: 'eventlogDoctor.setRuleSeverity', arguments: [CRYPT32, 'off'] },
        isPreferred: true,
      },
    ]);
  });

  it('does not prefer marking benign when the rule offers no disregard option', () => {
    const { document, analysis, diagnostics } = setup();
    const actions = getCodeActions(document, analysis, cursor(18, 5), diagnostics);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [
      ['Insert remediation script: restart Cryptographic Services (cmd)', undefined],
      ['Mark as benign: turn cryptsvc.start-failed off in this workspace', undefined],
    ]);
    assert.deepEqual(actions[0]!.command?.arguments, [{ uri: URI, ruleId: 'cryptsvc.start-failed', remediationId: 'restart' }]);
  });

  it('shares one action among diagnostics of one rule in the range', () => {
    const { document, analysis, diagnostics } = setup();
    const whole: Range = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
    const actions = getCodeActions(document, analysis, whole, diagnostics);
    assert.deepEqual(actions.map((a) => [a.title, a.diagnostics?.length]), [
      ['Insert remediation script: configure the WinHTTP proxy (PowerShell)', 2],
      [`Mark as benign: turn ${CRYPT32} off in this workspace`, 2],
      ['Insert remediation script: restart Cryptographic Services (cmd)', 1],
      ['Mark as benign: turn cryptsvc.start-failed off in this workspace', 1],
    ]);
  });

  it('finds a diagnostic when the cursor touches its edge, and nothing outside it', () => {
    const { document, analysis, diagnostics } = setup();
    assert.equal(getCodeActions(document, analysis, cursor(4, 24), diagnostics).length, 2);
    assert.deepEqual(getCodeActions(document, analysis, cursor(4, 25), diagnostics), []);
    assert.deepEqual(getCodeActions(document, analysis, cursor(5, 4), diagnostics), []);
  });

  it('ignores diagnostics of other sources, parse errors and rules not in the analysis', () => {
    const { document, analysis } = setup([withDoc(crypt32Rule, { remediations: [] })]);
    const range = cursor(4, 10);
    const foreign: Diagnostic[] = [
      { range, message: 'x', code: 'eventlog.parse-error' },
      { range, message: 'x', code: 'cryptsvc.start-failed' },
      { range, message: 'x', code: 42 },
      { range, message: 'x' },
    ];
    assert.deepEqual(getCodeActions(document, analysis, range, foreign), []);
    const [only] = getCodeActions(document, analysis, range, [{ range, message: 'x', code: CRYPT32 }]);
    assert.equal(only?.title, `Mark as benign: turn ${CRYPT32} off in this workspace`);
    assert.equal(only?.isPreferred, undefined);
  });
});
