import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../server/src/cli/runCli';
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

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
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
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one line per finding with 1-based places, a summary, and exits 1 on an error finding', async () => {
    const file = path.join(dir, 'export.xml');
    const { status, stdout, stderr } = await run(['scan', file]);
    const lines = stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3, stdout);
    assert.ok(lines[0]?.startsWith(`${file}:6:5 information crypt32.root-list-sequence-unreachable ${messageOf('crypt32.root-list-sequence-unreachable')}`), lines[0]);
    assert.ok(lines[1]?.startsWith(`${file}:28:5 error cryptsvc.service-failed ${messageOf('cryptsvc.service-failed')}`), lines[1]);
    assert.equal(lines[2], 'Scanned 1 file: 1 event log, 0 skipped (not event logs); 2 findings (1 error, 1 information); 0 read errors.');
    assert.equal(stderr, '');
    assert.equal(status, 1);
  });

  it('exits 0 when nothing at warning or above was found', async () => {
    const { status, stdout } = await run(['scan', path.join(dir, 'nested', 'crypt32.xml')]);
    assert.match(stdout, /crypt32\.root-list-sequence-unreachable/);
    assert.doesNotMatch(stdout, /cryptsvc/);
    assert.equal(status, 0);
  });

  it('walks folders for log extensions, sniffs content and counts what is not an event log', async () => {
    const { status, stdout } = await run(['scan', '--format', 'json', dir]);
    const report = JSON.parse(stdout) as { files: { path: string; format: string; events: number; findings: { ruleId: string; recordId: string | null; line: number }[]; errors: string[] }[]; skipped: number };
    assert.deepEqual(
      report.files.map((f) => [path.relative(dir, f.path), f.format, f.events, f.findings.map((x) => x.ruleId), f.errors]),
      [
        ['export.xml', 'xml', 2, ['crypt32.root-list-sequence-unreachable', 'cryptsvc.service-failed'], []],
        [path.join('nested', 'crypt32.xml'), 'xml', 1, ['crypt32.root-list-sequence-unreachable'], []],
        ['utf16.txt', 'xml', 2, ['crypt32.root-list-sequence-unreachable', 'cryptsvc.service-failed'], []],
      ],
    );
    assert.equal(report.skipped, 2); // nested/pom.xml and nested/garbage.log
    assert.deepEqual(report.files[0]?.findings.map((f) => [f.line, f.recordId]), [[6, '4711'], [28, '9120']]);
    assert.equal(status, 1);
  });

  it('reports unreadable paths on stderr, still scans the rest, and exits 2', async () => {
    const missing = path.join(dir, 'missing.xml');
    const { status, stdout, stderr } = await run(['scan', missing, path.join(dir, 'nested', 'crypt32.xml')]);
    assert.equal(stderr, `${missing}: error: no such file or folder\n`);
    assert.match(stdout, /crypt32\.xml:6:5 information crypt32\.root-list-sequence-unreachable /);
    assert.match(stdout, /; 1 read error\.\n$/);
    assert.equal(status, 2);
  });

  it('prints help and the version, and rejects bad usage with status 2', async () => {
    const help = await run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: eventlog-doctor scan/);
    assert.deepEqual(await run(['--version']), { status: 0, stdout: `${version}\n`, stderr: '' });
    const bad = await run(['scan']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^eventlog-doctor: scan needs at least one file or folder\n\nUsage:/);
    assert.equal(bad.stdout, '');
  });

  it('reads binary .evtx files and places findings by record id', async (t) => {
    const sample = path.join(samples, 'williballenthin-python-evtx/tests/data/system.evtx');
    if (!existsSync(sample)) {
      t.skip(`sample absent: ${sample}`);
      return;
    }
    const { stdout } = await run(['scan', '--format', 'json', sample]);
    const report = JSON.parse(stdout) as { files: { format: string; events: number; errors: string[]; findings: { line: number | null; recordId: string | null }[] }[] };
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0]?.format, 'evtx');
    assert.ok((report.files[0]?.events ?? 0) > 0, 'records decoded');
    assert.deepEqual(report.files[0]?.errors, []);
    for (const finding of report.files[0]?.findings ?? []) assert.equal(finding.line, null);
  });
});
