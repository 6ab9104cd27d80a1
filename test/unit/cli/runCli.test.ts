import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli, type CliIo } from '../../../server/src/cli/runCli';
import { loadBuiltinRules } from '../../../server/src/rules/catalog';

const repoRoot = path.resolve(__dirname, '../../..');
const fixture = readFileSync(path.join(repoRoot, 'test/fixtures/protocol/crypt32-and-cryptsvc.xml'), 'utf8');
const pom = readFileSync(path.join(repoRoot, 'test/fixtures/protocol/pom.xml'), 'utf8');
const samples = path.resolve(repoRoot, '../shared/samples/real');
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

function messageOf(ruleId: string): string {
  const rule = loadBuiltinRules().find((r) => r.doc.id === ruleId);
  assert.ok(rule, `rule ${ruleId} exists`);
  return rule.doc.message;
}

/** The fixture with only its first (Crypt32 8, information) event. */
const crypt32Only = fixture.replace(/(<\/Event>\n)<Event[^]*<\/Event>\n/, '$1');

/** A user's Sigma rule that fires on the fixture's Service Control Manager event 7000. */
const userRule = `title: Any Service Start Failure
id: 6f1f2c61-3a5e-4a54-8f0b-2d1b8f6f2a10
status: test
description: A service failed to start.
author: Test
date: 2026-11-23
logsource:
    product: windows
    service: system
detection:
    selection:
        EventID: 7000
    condition: selection
level: medium
`;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function run(argv: string[], io: Partial<CliIo> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), ...io });
  return { status, stdout, stderr };
}

interface JsonReport {
  files: { path: string; format: string; events: number; omitted: number; findings: { ruleId: string; severity: string; recordId: string | null; line: number | null; endLine: number | null; endColumn: number | null }[]; errors: string[] }[];
  skipped: number;
  ruleErrors: string[];
}

describe('runCli', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-cli-'));
    writeFileSync(path.join(dir, 'export.xml'), fixture);
    mkdirSync(path.join(dir, 'nested'));
    writeFileSync(path.join(dir, 'nested', 'pom.xml'), pom);
    writeFileSync(path.join(dir, 'nested', 'crypt32.xml'), crypt32Only);
    writeFileSync(path.join(dir, 'nested', 'notes.md'), fixture); // not a log extension: never read from a folder
    writeFileSync(path.join(dir, 'nested', 'garbage.log'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    writeFileSync(path.join(dir, 'utf16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(fixture, 'utf16le')]));
    mkdirSync(path.join(dir, 'rules'));
    writeFileSync(path.join(dir, 'rules', 'service-start.yml'), userRule);
    writeFileSync(path.join(dir, 'rules', 'broken.yml'), 'title: Broken\nlogsource:\n    product: windows\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the findings grouped by file, aligned, then a summary, and exits 1 on an error finding', async () => {
    const file = path.join(dir, 'export.xml');
    const { status, stdout, stderr } = await run(['scan', file]);
    const crypt32 = messageOf('crypt32.root-list-sequence-unreachable');
    const cryptsvc = messageOf('cryptsvc.service-failed');
    assert.equal(
      stdout,
      `${file} (xml, 2 events)\n` +
        `  6:5   information  crypt32.root-list-sequence-unreachable  ${crypt32}: the server name could not be resolved (once, at 2024-03-15 11:27 UTC)\n` +
        `  28:5  error        cryptsvc.service-failed                 ${cryptsvc}: the service is disabled (once, at 2024-03-15 11:30 UTC)\n` +
        '\n' +
        'Scanned 1 file: 1 event log, 0 skipped (not event logs); 2 findings (1 error, 1 information); 0 read errors.\n',
    );
    assert.equal(stderr, '');
    assert.equal(status, 1);
  });

  it('colours the text report only when asked and allowed', async () => {
    const file = path.join(dir, 'nested', 'crypt32.xml');
    const colored = await run(['scan', file], { color: true });
    assert.ok(colored.stdout.startsWith(`\x1b[1;4m${file}\x1b[22;24m \x1b[2m(xml, 1 event)\x1b[22m\n  6:5  \x1b[36minformation\x1b[39m  \x1b[2mcrypt32.root-list-sequence-unreachable\x1b[22m  `), JSON.stringify(colored.stdout));
    const plain = await run(['scan', '--no-color', file], { color: true });
    assert.ok(!plain.stdout.includes('\x1b['), plain.stdout);
  });

  it('sets the failing level with --fail-on', async () => {
    const file = path.join(dir, 'nested', 'crypt32.xml'); // one information finding
    assert.equal((await run(['scan', file])).status, 0);
    assert.equal((await run(['scan', '--fail-on', 'information', file])).status, 1);
    assert.equal((await run(['scan', '--fail-on', 'hint', file])).status, 1);
    assert.equal((await run(['scan', '--fail-on', 'error', path.join(dir, 'export.xml')])).status, 1);
    assert.equal((await run(['scan', '--fail-on', 'never', path.join(dir, 'export.xml')])).status, 0);
  });

  it('walks folders for log extensions, sniffs content and counts what is not an event log', async () => {
    const { status, stdout } = await run(['scan', '--format', 'json', '--exclude', 'rules', dir]);
    const report = JSON.parse(stdout) as JsonReport;
    assert.deepEqual(
      report.files.map((f) => [path.relative(dir, f.path), f.format, f.events, f.findings.map((x) => x.ruleId), f.errors]),
      [
        ['export.xml', 'xml', 2, ['crypt32.root-list-sequence-unreachable', 'cryptsvc.service-failed'], []],
        [path.join('nested', 'crypt32.xml'), 'xml', 1, ['crypt32.root-list-sequence-unreachable'], []],
        ['utf16.txt', 'xml', 2, ['crypt32.root-list-sequence-unreachable', 'cryptsvc.service-failed'], []],
      ],
    );
    assert.equal(report.skipped, 2); // nested/pom.xml and nested/garbage.log
    assert.deepEqual(report.ruleErrors, []);
    assert.deepEqual(report.files[0]?.findings.map((f) => [f.line, f.endLine, f.endColumn, f.recordId]), [[6, 6, 40, '4711'], [28, 28, 47, '9120']]);
    assert.equal(status, 1);
  });

  it('applies a --config in the shape of the VS Code settings', async () => {
    const config = path.join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ 'eventlogDoctor.rules': { 'cryptsvc.service-failed': 'off', 'crypt32.root-list-sequence-unreachable': 'warning' } }));
    const { status, stdout } = await run(['scan', '--format', 'json', '--config', config, path.join(dir, 'export.xml')]);
    const report = JSON.parse(stdout) as JsonReport;
    assert.deepEqual(report.files[0]?.findings.map((f) => [f.ruleId, f.severity]), [['crypt32.root-list-sequence-unreachable', 'warning']]);
    assert.equal(status, 1);

    writeFileSync(config, JSON.stringify({ eventlogDoctor: { maxDiagnostics: 1 } }));
    const capped = JSON.parse((await run(['scan', '--format', 'json', '--config', config, path.join(dir, 'export.xml')])).stdout) as JsonReport;
    assert.deepEqual(capped.files[0]?.findings.map((f) => f.ruleId), ['cryptsvc.service-failed']); // the most severe kept
    assert.equal(capped.files[0]?.omitted, 1);

    writeFileSync(config, '{ "eventlogDoctor.rules": { "x": "loud" } }');
    const bad = await run(['scan', '--config', config, path.join(dir, 'export.xml')]);
    assert.deepEqual(bad, { status: 2, stdout: '', stderr: `eventlog-doctor: ${config}: eventlogDoctor.rules.x must be one of off, hint, information, warning, error\n` });
  });

  it('runs users\' Sigma rules from --rules beside the built-in ones, and reports the invalid ones with status 2', async () => {
    const { status, stdout, stderr } = await run(['scan', '--format', 'json', '--rules', path.join(dir, 'rules'), path.join(dir, 'export.xml')]);
    const report = JSON.parse(stdout) as JsonReport;
    assert.deepEqual(report.files[0]?.findings.map((f) => [f.ruleId, f.severity]), [
      ['crypt32.root-list-sequence-unreachable', 'information'],
      ['cryptsvc.service-failed', 'error'],
      ['6f1f2c61-3a5e-4a54-8f0b-2d1b8f6f2a10', 'warning'],
    ]);
    assert.equal(report.ruleErrors.length, 1);
    assert.match(report.ruleErrors[0] ?? '', /broken\.yml/);
    assert.equal(stderr, `rule error: ${report.ruleErrors[0]}\n`);
    assert.equal(status, 2);
  });

  it('reports unreadable paths on stderr, still scans the rest, and exits 2', async () => {
    const missing = path.join(dir, 'missing.xml');
    const { status, stdout, stderr } = await run(['scan', missing, path.join(dir, 'nested', 'crypt32.xml'), path.join(dir, 'nested', 'garbage.log')]);
    assert.equal(stderr, `${missing}: error: no such file or folder\n`);
    assert.match(stdout, /crypt32\.xml \(xml, 1 event\)\n {2}6:5 {2}information {2}crypt32\.root-list-sequence-unreachable /);
    assert.match(stdout, /\nScanned 3 files: 1 event log, 1 skipped \(not event logs\); 1 finding \(1 information\); 1 read error\.\n$/);
    assert.equal(status, 2);
  });

  it('prints help and the version, and rejects bad usage with status 2', async () => {
    const help = await run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: eventlog-doctor scan \[options\] PATH\.\.\.\n\s{7}eventlog-doctor render FILE\.evtx \[--out FILE\]\n\s{7}eventlog-doctor export-sigma /);
    assert.deepEqual(await run(['--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
    const bad = await run(['scan']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^eventlog-doctor: scan needs at least one file or folder\n\nUsage:/);
    assert.equal(bad.stdout, '');
    const badGlob = await run(['scan', '--include', '{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}', dir]);
    assert.equal(badGlob.status, 2);
    assert.match(badGlob.stderr, /expands to more than 256 alternatives/);
  });

  it('reads binary .evtx files and places findings by record id', async (t) => {
    const sample = path.join(samples, 'williballenthin-python-evtx/tests/data/system.evtx');
    if (!existsSync(sample)) {
      t.skip(`sample absent: ${sample}`);
      return;
    }
    const rules = path.join(dir, 'evtx-rules');
    mkdirSync(rules, { recursive: true });
    writeFileSync(path.join(rules, 'state.yml'), userRule.replace('EventID: 7000', 'EventID: 7036').replace('6f1f2c61-3a5e-4a54-8f0b-2d1b8f6f2a10', '6f1f2c61-3a5e-4a54-8f0b-2d1b8f6f2a11'));
    const { stdout } = await run(['scan', '--format', 'json', '--rules', rules, sample]);
    const report = JSON.parse(stdout) as JsonReport & { files: { findings: { related: { line: number | null; recordId: string | null; byteOffset: number | null; byteLength: number | null }[] }[] }[] };
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0]?.format, 'evtx');
    assert.equal(report.files[0]?.events, 1601);
    assert.deepEqual(report.files[0]?.errors, []);
    const findings = report.files[0]?.findings ?? [];
    assert.equal(findings.length, 1288);
    for (const finding of findings) assert.equal(finding.line, null);
    assert.equal(findings[0]?.recordId, '12050');
    assert.deepEqual(findings[0]?.related.slice(0, 2).map((r) => [r.line, r.recordId, r.byteOffset, r.byteLength]), [
      [null, '12051', 8096, 352],
      [null, '12052', 8448, 352],
    ]);
    assert.equal(findings[0]?.related.length, 20);
  });
});
