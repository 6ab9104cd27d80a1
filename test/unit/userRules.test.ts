import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createRuleEngine } from '../../server/src/rules/engine';
import {
  checkRuleFile,
  formatRuleError,
  isUnderRulePath,
  loadRuleFolders,
  looksLikeSigmaRule,
  resolveRulePaths,
  ruleErrorDiagnostics,
} from '../../server/src/userRules';
import { makeEvent } from './rules/ruleHelpers';

const root = mkdtempSync(path.join(tmpdir(), 'eld-user-rules-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(relative: string, text: string): string {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const rule = (title: string, extra = '') =>
  `title: ${title}\nlogsource:\n    product: windows\n    category: process_creation\ndetection:\n    sel:\n        CommandLine|contains: ${title}\n    condition: sel\nlevel: high\n${extra}`;

const GOOD = write('rules/good.yml', rule('mimikatz'));
write('rules/nested/deeper/also-good.yaml', rule('procdump'));
const BAD = write('rules/nested/bad.yml', 'title: Bad\nlogsource:\n    product: windows\ndetection:\n    sel:\n        CommandLine|contain: x\n    condition: sel\n');
write('rules/notes.txt', 'not a rule');
write('rules/.hidden/ignored.yml', rule('ignored'));
const BROKEN_YAML = write('other/broken.yml', 'title: [unclosed\n');
const BUILTIN_ID = write('other/builtin-id.yml', `${rule('x')}eventlogdoctor:\n    id: crypt32.logging-suspended\n    severity: warning\n    message: m\n    explanation: e\n    harmful: h\n    cause: c\n`);
const WITH_SCRIPT = write(
  'scripted/rule.yml',
  `${rule('certutil')}eventlogdoctor:\n    id: user.certutil\n    severity: warning\n    message: m\n    explanation: e\n    harmful: h\n    cause: c\n    remediations:\n        - id: fix\n          kind: script\n          title: fix it\n          script: fix.ps1\n`,
);
write('scripted/fix.ps1', 'Write-Output fixed');

describe('loadRuleFolders', () => {
  it('loads every .yml and .yaml below a folder, reporting invalid rules with file and line', () => {
    const { rules, errors } = loadRuleFolders([path.join(root, 'rules')]);
    assert.deepEqual(rules.map((r) => r.doc.message).sort(), ['mimikatz', 'procdump']);
    assert.deepEqual(errors, [{ file: BAD, path: 'detection.sel.CommandLine|contain', line: 6, message: "unknown modifier 'contain'" }]);
    assert.equal(formatRuleError(errors[0]!), `${BAD}:6: unknown modifier 'contain' (at detection.sel.CommandLine|contain)`);
    const good = rules.find((r) => r.source === GOOD);
    assert.ok(good);
    assert.equal(good.builtin, false);
    assert.equal(good.doc.severity, 'error');
    assert.equal(good.doc.id, 'mimikatz');
  });

  it('loads single files, reports YAML errors, missing paths and ids taken by built-in rules', () => {
    const missing = path.join(root, 'nowhere');
    const { rules, errors } = loadRuleFolders([GOOD, BROKEN_YAML, BUILTIN_ID, missing]);
    assert.deepEqual(rules.map((r) => r.source), [GOOD]);
    assert.equal(errors.length, 3);
    assert.equal(errors[0]?.file, BROKEN_YAML);
    assert.equal(errors[0]?.line, 2);
    assert.match(errors[0]?.message ?? '', /flow sequence/i);
    assert.deepEqual(errors[1], { file: BUILTIN_ID, path: 'eventlogdoctor.id', line: 11, message: "rule id 'crypt32.logging-suspended' is already used by a built-in rule" });
    assert.equal(errors[2]?.file, missing);
    assert.match(errors[2]?.message ?? '', /^cannot read the rule path: ENOENT/);
  });

  it('rejects a second rule with the same id and loads a file given twice once', () => {
    const copy = write('dupes/copy.yml', rule('mimikatz'));
    const { rules, errors } = loadRuleFolders([GOOD, GOOD, copy]);
    assert.deepEqual(rules.map((r) => r.source), [GOOD]);
    assert.deepEqual(errors, [{ file: copy, path: 'title', line: 1, message: `rule id 'mimikatz' (derived from the title; give the rule an id) is already used by ${GOOD}` }]);
  });

  it('reads the remediation scripts a rule names beside it', () => {
    const { rules, errors } = loadRuleFolders([WITH_SCRIPT]);
    assert.deepEqual(errors, []);
    assert.deepEqual(rules[0]?.scripts, { 'fix.ps1': 'Write-Output fixed' });
  });

  it('gives rules that match like built-in ones', () => {
    const { rules } = loadRuleFolders([GOOD]);
    const engine = createRuleEngine(rules);
    const event = makeEvent({ provider: 'Microsoft-Windows-Sysmon', id: 1, data: [['CommandLine', 'MIMIKATZ.exe coffee']] });
    assert.deepEqual(engine.match([event]).map((m) => m.rule.source), [GOOD]);
  });
});

describe('rule files in the editor', () => {
  it('checks an edited text, including an id taken by a built-in rule', () => {
    assert.deepEqual(checkRuleFile(GOOD, rule('fine')), []);
    assert.deepEqual(checkRuleFile(GOOD, 'title: T\nlogsource:\n    product: windows\ndetection:\n    sel: x\n    condition: nope\n'), [
      { file: GOOD, path: 'detection.condition', line: 6, message: "the condition refers to 'nope', which is not a selection" },
    ]);
    const text = `${rule('x')}eventlogdoctor:\n    id: crypt32.logging-suspended\n    severity: warning\n    message: m\n    explanation: e\n    harmful: h\n    cause: c\n`;
    assert.deepEqual(checkRuleFile(BUILTIN_ID, text), [
      { file: BUILTIN_ID, path: 'eventlogdoctor.id', line: 11, message: "rule id 'crypt32.logging-suspended' is already used by a built-in rule" },
    ]);
  });

  it('turns errors into diagnostics on their lines', () => {
    const text = 'title: T\nlogsource:\n  product: windows\n';
    assert.deepEqual(ruleErrorDiagnostics([{ path: 'logsource.product', line: 3, message: 'bad' }, { path: '', message: 'whole' }], text), [
      { range: { start: { line: 2, character: 2 }, end: { line: 2, character: 18 } }, severity: 1, source: 'Event Log Doctor', code: 'eventlog.rule-error', message: 'bad (at logsource.product)' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 8 } }, severity: 1, source: 'Event Log Doctor', code: 'eventlog.rule-error', message: 'whole' },
    ]);
  });

  it('resolves rule paths and recognises rule files', () => {
    const ws = path.join(root, 'ws');
    assert.deepEqual(resolveRulePaths(['rules', path.join(root, 'abs')], [ws]), [path.join(ws, 'rules'), path.join(root, 'abs')]);
    assert.deepEqual(resolveRulePaths(['rules'], []), []);
    assert.equal(isUnderRulePath(path.join(ws, 'rules', 'a', 'x.yml'), [path.join(ws, 'rules')]), true);
    assert.equal(isUnderRulePath(path.join(ws, 'rules-other', 'x.yml'), [path.join(ws, 'rules')]), false);
    assert.equal(looksLikeSigmaRule(rule('x')), true);
    assert.equal(looksLikeSigmaRule('name: ci\njobs:\n  detection: x\n'), false);
  });
});
