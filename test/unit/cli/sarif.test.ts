import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { runCli } from '../../../server/src/cli/runCli';
import type { SarifLog } from '../../../server/src/export/sarifTypes';

const repoRoot = path.resolve(__dirname, '../../..');
const fixture = readFileSync(path.join(repoRoot, 'test/fixtures/protocol/crypt32-and-cryptsvc.xml'), 'utf8');
const evtxSample = path.resolve(repoRoot, '../shared/samples/real/williballenthin-python-evtx/tests/data/system.evtx');
const multitoolFolders = ['linux', 'darwin', 'win32'].map((platform) => path.join(repoRoot, 'node_modules/@microsoft', `sarif-multitool-${platform}`));
const schemaFile = multitoolFolders.map((folder) => path.join(folder, 'sarif-2.1.0.json')).find(existsSync);
const multitool = path.join(repoRoot, 'node_modules/@microsoft', `sarif-multitool-${process.platform}`, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');

const stateRule = `title: Service State Change
id: 0d7f3c0e-51f0-4d7b-9a53-6d8f2f0a3c21
status: test
description: A service entered a new state.
references:
    - https://example.org/service-state
author: Test
date: 2026-11-23
tags:
    - detection.threat-hunting
logsource:
    product: windows
    service: system
detection:
    selection:
        Provider_Name: Service Control Manager
        EventID: 7036
    condition: selection
level: low
`;

async function sarifOf(argv: string[]): Promise<{ status: number; log: SarifLog; text: string; stderr: string }> {
  let text = '';
  let stderr = '';
  const status = await runCli(['scan', '--format', 'sarif', ...argv], { stdout: (t) => (text += t), stderr: (t) => (stderr += t) });
  return { status, log: JSON.parse(text) as SarifLog, text, stderr };
}

describe('scan --format sarif', () => {
  let dir = '';
  let scan: Awaited<ReturnType<typeof sarifOf>>;
  const hasEvtx = existsSync(evtxSample);
  const missing = () => path.join(dir, 'logs', 'missing.xml');

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-sarif-'));
    mkdirSync(path.join(dir, 'logs'));
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'logs', 'export.xml'), fixture);
    writeFileSync(path.join(dir, 'logs', 'again.xml'), fixture);
    writeFileSync(path.join(dir, 'logs', 'again.remediation.ps1'), '# my notes\n');
    writeFileSync(path.join(dir, 'rules', 'state.yml'), stateRule);
    const paths = [path.join(dir, 'logs', 'export.xml'), path.join(dir, 'logs', 'again.xml'), missing(), ...(hasEvtx ? [evtxSample] : [])];
    scan = await sarifOf(['--base', dir, '--rules', path.join(dir, 'rules'), ...paths]);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('describes the tool, every rule and the run', () => {
    const run = scan.log.runs[0]!;
    assert.equal(scan.log.version, '2.1.0');
    assert.equal(run.tool.driver.name, 'Event Log Doctor');
    assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: pathToFileURL(dir).href + '/' } });
    const rule = run.tool.driver.rules.find((r) => r.id === 'crypt32.root-list-sequence-unreachable')!;
    assert.equal(rule.name, 'Crypt32RootListSequenceUnreachable');
    assert.equal(rule.shortDescription.text, 'Windows could not download the trusted root list sequence number from Windows Update.');
    assert.equal(rule.helpUri, 'https://learn.microsoft.com/en-us/troubleshoot/windows-server/certificates-and-public-key-infrastructure-pki/crypt32-event-8');
    assert.deepEqual(rule.defaultConfiguration, { level: 'note' });
    assert.deepEqual(rule.properties.tags, ['detection.dfir', 'builtin']);
    assert.match(rule.help.markdown ?? '', /\*\*Is it harmful\?\*\*\n\n/);
    assert.doesNotMatch(rule.help.text, /\*\*/);
    const user = run.tool.driver.rules.find((r) => r.id === '0d7f3c0e-51f0-4d7b-9a53-6d8f2f0a3c21')!;
    assert.deepEqual([user.name, user.helpUri, user.defaultConfiguration.level, user.properties.tags], [
      '0d7f3c0e51f04d7b9a536d8f2f0a3c21',
      'https://example.org/service-state',
      'note',
      ['detection.threat-hunting', 'user-rule'],
    ]);
    assert.equal(run.tool.driver.rules.at(-1)?.id, 'eventlog.parse-error');
  });

  it('places each finding at its event, relative to --base, with the other occurrences and the scripts as fixes', () => {
    const run = scan.log.runs[0]!;
    const first = run.results[0]!;
    const ruleIndex = run.tool.driver.rules.findIndex((r) => r.id === 'crypt32.root-list-sequence-unreachable');
    assert.deepEqual(
      { ...first, fixes: undefined },
      {
        ruleId: 'crypt32.root-list-sequence-unreachable',
        ruleIndex,
        level: 'note',
        message: { text: 'Windows could not download the trusted root list sequence number from Windows Update: the server name could not be resolved (once, at 2024-03-15 11:27 UTC).' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'logs/export.xml', uriBaseId: 'SRCROOT', index: 0 }, region: { startLine: 6, startColumn: 5, endLine: 6, endColumn: 40 } } }],
        properties: { recordId: '4711' },
        fixes: undefined,
      },
    );
    assert.deepEqual(first.fixes?.map((f) => f.description.text), [
      'Insert remediation script: check and set the WinHTTP proxy, test reachability of Windows Update (PowerShell)',
      'Insert remediation script: turn off Automatic Root Certificates Update on a disconnected host (PowerShell)',
      'Insert remediation script: import the trusted roots from a file made on a connected machine (PowerShell)',
    ]);
    const change = first.fixes?.[0]?.artifactChanges[0];
    assert.deepEqual(change?.artifactLocation, { uri: 'logs/export.remediation.ps1', uriBaseId: 'SRCROOT' });
    assert.deepEqual(change?.replacements[0]?.deletedRegion, { charOffset: 0, charLength: 0 });
    assert.match(change?.replacements[0]?.insertedContent?.text ?? '', /# >>> Event Log Doctor: crypt32\.root-list-sequence-unreachable\/winhttp-proxy/);
  });

  it('appends to an existing remediation file', () => {
    const again = scan.log.runs[0]!.results.find((r) => r.locations[0]?.physicalLocation?.artifactLocation.uri === 'logs/again.xml')!;
    const replacement = again.fixes?.[0]?.artifactChanges[0]?.replacements[0];
    assert.deepEqual(replacement?.deletedRegion, { charOffset: '# my notes\n'.length, charLength: 0 });
    assert.match(replacement?.insertedContent?.text ?? '', /^\n# >>> Event Log Doctor: /);
  });

  it('reports the unreadable file as a notification and exits 2', () => {
    const invocation = scan.log.runs[0]!.invocations[0]!;
    assert.equal(scan.status, 2);
    assert.deepEqual(invocation.executionSuccessful, false);
    assert.equal(invocation.exitCode, 2);
    assert.deepEqual(invocation.toolExecutionNotifications, [
      {
        level: 'error',
        message: { text: `${missing()}: no such file or folder.` },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'logs/missing.xml', uriBaseId: 'SRCROOT' } } }],
        descriptor: { id: 'read-error' },
      },
    ]);
    // Files that cannot even be listed come after the scanned ones.
    assert.deepEqual(scan.log.runs[0]!.artifacts.map((a) => a.location.uri), [
      'logs/export.xml',
      'logs/again.xml',
      ...(hasEvtx ? [pathToFileURL(evtxSample).href] : []),
      'logs/missing.xml',
    ]);
  });

  it('places .evtx findings at their record: its bytes, and its id as a logical location', (t) => {
    if (!hasEvtx) {
      t.skip(`sample absent: ${evtxSample}`);
      return;
    }
    const result = scan.log.runs[0]!.results.find((r) => r.ruleId === '0d7f3c0e-51f0-4d7b-9a53-6d8f2f0a3c21')!;
    assert.deepEqual(result.locations, [
      {
        // The record's header at byte 6784 gives its size, 1312 (the next record starts at 8096).
        physicalLocation: { artifactLocation: { uri: pathToFileURL(evtxSample).href, index: 2 }, region: { byteOffset: 6784, byteLength: 1312 } },
        logicalLocations: [{ name: 'EventRecordID 12050', fullyQualifiedName: 'Event[EventRecordID=12050]', kind: 'element' }],
        properties: { recordId: '12050' },
      },
    ]);
    assert.equal(result.relatedLocations?.length, 20);
    assert.deepEqual(result.relatedLocations?.[0]?.properties, { recordId: '12051' });
    assert.equal(result.fixes, undefined);
  });

  it('is valid against the SARIF 2.1.0 JSON schema', (t) => {
    if (!schemaFile) {
      t.skip('the SARIF schema of @microsoft/sarif-multitool is not installed');
      return;
    }
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaFile, 'utf8')) as object);
    assert.equal(validate(scan.log), true, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
  });

  it('passes the SARIF Multitool\'s validation without errors or warnings', (t) => {
    if (!existsSync(multitool)) {
      t.skip(`the SARIF Multitool is not installed (${multitool})`);
      return;
    }
    const file = path.join(dir, 'scan.sarif');
    writeFileSync(file, scan.text);
    // The .evtx sample's 1288 findings, each with 20 related locations, pass the multitool's 10 MB default.
    const result = spawnSync(multitool, ['validate', '--max-file-size-in-kb', '100000', file], { encoding: 'utf8' });
    const output = `${result.stdout}${result.stderr}`;
    assert.equal(result.status, 0, output);
    assert.doesNotMatch(output, /: (error|warning) /, output);
    assert.match(output, /Analysis completed successfully/);
  });
});
