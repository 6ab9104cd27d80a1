// Real data: every .evtx sample turned into XML by libevtx's evtxexport, read back by parseLog.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseLog } from '../../../server/src/parse/parseLog';

const repoRoot = path.resolve(__dirname, '../../..');
const samples = path.resolve(repoRoot, '../shared/samples/real');
const hasSamples = existsSync(samples);
const hasEvtxexport = spawnSync('evtxexport', ['-V'], { encoding: 'utf8' }).error === undefined;
const skip = !hasSamples
  ? `no samples at ${samples}`
  : !hasEvtxexport
    ? 'evtxexport is not installed (Debian package libevtx-utils)'
    : false;

function evtxFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return evtxFiles(full);
    return name.endsWith('.evtx') ? [full] : [];
  });
}

/**
 * `evtxexport -f xml` writes a version banner, then each record it could read as an `<Event xmlns=...>`
 * block starting a line. On a corrupted file it stops at the first unreadable record and exits 1 after
 * writing the records before it, which are still real XML to read.
 */
function exportXml(file: string): { xml: string; written: number } {
  const run = spawnSync('evtxexport', ['-f', 'xml', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const xml = run.stdout;
  return { xml, written: xml.match(/^<Event[\s>]/gm)?.length ?? 0 };
}

describe('corpus: evtxexport output of the real .evtx samples', { skip }, () => {
  const files = hasSamples ? evtxFiles(samples) : [];

  it('has samples to read', () => {
    assert.ok(files.length >= 10, `only ${files.length} .evtx files under ${samples}`);
  });

  for (const file of files) {
    it(`reads every record evtxexport wrote for ${path.relative(samples, file)}`, () => {
      const { xml, written } = exportXml(file);
      assert.ok(written > 0, 'evtxexport wrote no event');
      const parsed = parseLog(xml);
      assert.deepEqual(parsed.problems, []);
      assert.equal(parsed.kind, 'xml');
      assert.equal(parsed.events.length, written);
      for (const event of parsed.events) {
        assert.equal(event.format, 'xml');
        assert.equal(xml.slice(event.span.start, event.span.start + 6), '<Event');
        assert.equal(xml.slice(event.span.end - 8, event.span.end), '</Event>');
        assert.equal(xml.slice(event.anchor.start, event.anchor.start + 8), '<EventID');
        assert.ok(event.id !== undefined && event.provider !== undefined);
      }
    });
  }

  it('reads the eight SCM 7036 events for "Cryptographic Services" in python-evtx system.evtx as written', () => {
    const { xml } = exportXml(path.join(samples, 'williballenthin-python-evtx/tests/data/system.evtx'));
    const blocks = xml.split(/^(?=<Event[\s>])/m).filter((b) => b.includes('>7036</EventID>') && b.includes('<Data Name="param1">Cryptographic Services</Data>'));
    assert.equal(blocks.length, 8);
    const events = parseLog(xml).events.filter((e) => e.data.some((d) => d.name === 'param1' && d.value === 'Cryptographic Services'));
    assert.equal(events.length, 8);
    const states: string[] = [];
    for (const event of events) {
      assert.equal(event.provider?.value, 'Service Control Manager');
      assert.equal(xml.slice(event.provider?.start, event.provider?.end), 'Service Control Manager');
      assert.equal(event.eventId?.value, '7036');
      assert.equal(xml.slice(event.eventId?.start, event.eventId?.end), '7036');
      assert.equal(event.id, 7036);
      assert.equal(event.qualifiers?.value, '16384');
      const param1 = event.data[0];
      assert.equal(param1?.name, 'param1');
      assert.equal(xml.slice(param1?.start, param1?.end), 'Cryptographic Services');
      assert.match(event.binary?.value ?? '', /^430072007900700074005300760063002F00[0-9A-F]+$/);
      states.push(event.data[1]?.value ?? '');
    }
    assert.deepEqual([...new Set(states)].sort(), ['running', 'stopped']);
  });
});
