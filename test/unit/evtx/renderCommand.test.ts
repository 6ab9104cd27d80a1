// `eventlog-doctor render`: lives in server/src/cli/renderCommand.ts; tested here with the .evtx edge it streams.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseRenderArgs, runRenderCommand } from '../../../server/src/cli/renderCommand';
import { decodeEvtxFile } from '../../../server/src/parse/evtx/decodeEvtx';
import { parseLog } from '../../../server/src/parse/parseLog';
import { BAD_CHUNK_EVTX, realSample, SYSTEM_EVTX } from './samples';

async function render(argv: string[]): Promise<{ status: number; stdout: string; stderr: string; writes: number }> {
  let stdout = '';
  let stderr = '';
  let writes = 0;
  const status = await runRenderCommand(argv, {
    stdout: (text) => {
      writes++;
      stdout += text;
    },
    stderr: (text) => (stderr += text),
  });
  return { status, stdout, stderr, writes };
}

function countEvents(xml: string): number {
  let count = 0;
  for (let at = xml.indexOf('<Event '); at >= 0; at = xml.indexOf('<Event ', at + 1)) count++;
  return count;
}

describe('eventlog-doctor render', () => {
  const system = realSample(SYSTEM_EVTX);
  const badChunk = realSample(BAD_CHUNK_EVTX);

  it('writes every record as one <Event> of an Event Viewer style XML export, chunk by chunk', { skip: !system && `${SYSTEM_EVTX} is not in ../shared/samples` }, async () => {
    const file = system!;
    const { status, stdout, stderr, writes } = await render([file]);
    const { records } = decodeEvtxFile(readFileSync(file));
    assert.equal(status, 0);
    assert.equal(stderr, '');
    assert.equal(records.length, 1881);
    assert.equal(countEvents(stdout), records.length);
    assert.ok(stdout.startsWith('<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<Events>\n<Event xmlns='));
    assert.ok(stdout.endsWith('</Event>\n</Events>\n'));
    // The prologue, one write per chunk holding records, the closing tag.
    assert.equal(writes, 1 + new Set(records.map((r) => r.chunk)).size + 1);
    const parsed = parseLog(stdout);
    assert.equal(parsed.kind, 'xml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.events.map((e) => e.recordId?.value),
      records.map((r) => r.event.recordId?.value),
    );
  });

  it('reports skipped chunks and records on stderr and still exits 0', { skip: !badChunk && `${BAD_CHUNK_EVTX} is not in ../shared/samples` }, async () => {
    const file = badChunk!;
    const { status, stdout, stderr } = await render([file]);
    assert.equal(status, 0);
    assert.equal(countEvents(stdout), decodeEvtxFile(readFileSync(file)).records.length);
    assert.match(stderr, /: bad chunk signature; chunk skipped \(byte 397312, chunk 6\)\n/);
    assert.match(stderr, /: 298 records rendered; 2 chunks and 0 records skipped\n$/);
  });

  it('writes to --out FILE instead of stdout', { skip: !system && `${SYSTEM_EVTX} is not in ../shared/samples` }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-render-'));
    try {
      const out = path.join(dir, 'system.xml');
      const { status, stdout } = await render(['--out', out, system!]);
      assert.equal(status, 0);
      assert.equal(stdout, '');
      assert.equal(countEvents(readFileSync(out, 'utf8')), 1881);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a reason when the file is missing or not an .evtx', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-render-'));
    try {
      const text = path.join(dir, 'export.xml');
      writeFileSync(text, '<Events></Events>');
      assert.deepEqual(await render([text]), {
        status: 2,
        stdout: '',
        stderr: `eventlog-doctor: ${text} is not an .evtx event log (no "ElfFile" header and no "ElfChnk" chunk)\n`,
        writes: 0,
      });
      const missing = path.join(dir, 'missing.evtx');
      assert.deepEqual(await render([missing]), { status: 2, stdout: '', stderr: `eventlog-doctor: ${missing} does not exist\n`, writes: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads its arguments', () => {
    assert.deepEqual(parseRenderArgs(['a.evtx']), { kind: 'render', file: 'a.evtx' });
    assert.deepEqual(parseRenderArgs(['--out=x.xml', 'a.evtx']), { kind: 'render', file: 'a.evtx', out: 'x.xml' });
    assert.deepEqual(parseRenderArgs(['a.evtx', '-o', 'x.xml']), { kind: 'render', file: 'a.evtx', out: 'x.xml' });
    assert.deepEqual(parseRenderArgs(['--', '-a.evtx']), { kind: 'render', file: '-a.evtx' });
    assert.deepEqual(parseRenderArgs(['--help']), { kind: 'help' });
    assert.deepEqual(parseRenderArgs([]), { kind: 'usage-error', message: 'render needs an .evtx file' });
    assert.deepEqual(parseRenderArgs(['a.evtx', 'b.evtx']), { kind: 'usage-error', message: 'render takes one .evtx file' });
    assert.deepEqual(parseRenderArgs(['a.evtx', '--out']), { kind: 'usage-error', message: '--out needs a file' });
    assert.deepEqual(parseRenderArgs(['--jobs', '2', 'a.evtx']), { kind: 'usage-error', message: 'unknown option --jobs' });
  });
});
