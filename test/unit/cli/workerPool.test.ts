import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEFAULT_SCAN_CONFIG } from '../../../server/src/cli/config';
import { scanPaths } from '../../../server/src/cli/scanPaths';
import { startScanWorker } from '../../../server/src/cli/scanWorker';
import { scanInWorkers } from '../../../server/src/cli/workerPool';
import { buildCliBundle } from './cliBundle';

const repoRoot = path.resolve(__dirname, '../../..');
const fixture = readFileSync(path.join(repoRoot, 'test/fixtures/protocol/crypt32-and-cryptsvc.xml'), 'utf8');

function summary(scan: { report: { path: string; format: string | null; findings: { ruleId: string }[]; errors: string[] } } | { skipped: true }): string {
  if ('skipped' in scan) return 'skipped';
  return `${path.basename(scan.report.path)} ${scan.report.format} ${scan.report.findings.map((f) => f.ruleId).join(',')} ${scan.report.errors.join(',')}`.trim();
}

describe('scanning on worker threads', () => {
  let dir = '';
  /** The workers run the CLI bundle in worker mode, as the installed package does. */
  let cliEntry = '';
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-workers-'));
    cliEntry = path.join(dir, 'out', 'cli.js');
    await buildCliBundle(cliEntry);
    // A large log first, so it finishes after the small ones that follow it.
    const events = fixture.slice(fixture.indexOf('<Event '), fixture.lastIndexOf('</Events>'));
    writeFileSync(path.join(dir, 'a-large.xml'), `<Events>\n${events.repeat(300)}</Events>\n`);
    for (let i = 0; i < 8; i++) writeFileSync(path.join(dir, `b-${String(i).padStart(2, '0')}.xml`), fixture);
    writeFileSync(path.join(dir, 'c-garbage.log'), Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)));
    writeFileSync(path.join(dir, 'd-truncated.evtx'), Buffer.concat([Buffer.from('ElfFile\0'), Buffer.alloc(3000, 0x41)]));
    writeFileSync(path.join(dir, 'e-truncated.xml'), fixture.slice(0, fixture.length / 2));
    mkdirSync(path.join(dir, 'f-folder.xml'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reports the same files in the same order as a scan on the main thread', async () => {
    const inline = await scanPaths([dir], { jobs: 1 });
    const threaded = await scanPaths([dir], { jobs: 3, workerScript: cliEntry });
    assert.deepEqual(threaded.report, inline.report);
    assert.deepEqual(
      threaded.report.files.map((f) => path.basename(f.path)),
      ['a-large.xml', ...Array.from({ length: 8 }, (_, i) => `b-${String(i).padStart(2, '0')}.xml`), 'd-truncated.evtx', 'e-truncated.xml'],
    );
    assert.equal(threaded.report.skipped, 1); // the garbage
    assert.equal(threaded.report.files[0]?.findings.length, 600);
  });

  it('reports a bad file (a folder, a missing file, garbage) and goes on with the others', async () => {
    const files = [path.join(dir, 'f-folder.xml'), path.join(dir, 'missing.xml'), path.join(dir, 'c-garbage.log'), path.join(dir, 'b-00.xml')];
    const done: number[] = [];
    const results = await scanInWorkers(files, 2, () => startScanWorker(cliEntry, DEFAULT_SCAN_CONFIG.settings, []), (index) => done.push(index));
    assert.deepEqual(results.map(summary), [
      'f-folder.xml null  is a folder',
      'missing.xml null  no such file or folder',
      'skipped',
      'b-00.xml xml crypt32.root-list-sequence-unreachable,cryptsvc.service-failed',
    ]);
    assert.deepEqual([...done].sort(), [0, 1, 2, 3]);
  });

  it('costs only the file a crashed worker held: a new worker takes the rest', async () => {
    const files = [path.join(dir, 'b-00.xml'), path.join(dir, 'b-01.xml'), path.join(dir, 'b-02.xml')];
    let started = 0;
    const startWorker = () => (started++ === 0 ? new Worker('throw new Error("boom")', { eval: true }) : startScanWorker(cliEntry, DEFAULT_SCAN_CONFIG.settings, []));
    const results = await scanInWorkers(files, 1, startWorker, () => {});
    assert.deepEqual(results.map(summary), [
      'b-00.xml null  analysis failed: boom',
      'b-01.xml xml crypt32.root-list-sequence-unreachable,cryptsvc.service-failed',
      'b-02.xml xml crypt32.root-list-sequence-unreachable,cryptsvc.service-failed',
    ]);
    assert.equal(started, 2);
  });

  it('reports a file it may not read', async (t) => {
    if (process.getuid?.() === 0) {
      t.skip('running as root: file permissions do not apply');
      return;
    }
    const locked = path.join(dir, 'locked.xml');
    writeFileSync(locked, fixture);
    chmodSync(locked, 0);
    const results = await scanInWorkers([locked], 1, () => startScanWorker(cliEntry, DEFAULT_SCAN_CONFIG.settings, []), () => {});
    assert.deepEqual(results.map(summary), ['locked.xml null  permission denied']);
  });
});
