/**
 * Corpus test: every .evtx sample decodes to exactly what `evtxexport -f xml` (libevtx) prints, record by
 * record, and the event model carries the same ids, providers, times, channels, computers and data values.
 *
 * Where we differ from evtxexport, on purpose:
 * - After a corrupt record inside a chunk's allocated area (a zero or mismatched size), evtxexport stops
 *   and lists the rest of the chunk only under `-m recovered`. We scan on to the next consistent record
 *   and decode the rest too, marked `recovered`; those records must equal evtxexport's recovered output.
 * - On two CAPI2 logs evtxexport aborts ("unsupported type: 0x49"): it cannot read an entity reference
 *   token in an attribute, which [MS-EVEN6] allows (AttributeCharData includes EntityRef). We decode
 *   every record; the records evtxexport did print must match exactly.
 * - evtxexport's slack recovery (`-m recovered`) is not the default; `recover: true` scans free space
 *   with its own, looser rules and is not compared here.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEvtxFile } from '../../../../server/src/parse/evtx/decodeEvtx';
import type { EvtxRecord } from '../../../../server/src/parse/evtx/types';
import { listEvtx, referenceFields, runEvtxexport, samplesRoot, splitEvents } from './samples';

const files = [...listEvtx(`${samplesRoot}/real`), ...listEvtx(`${samplesRoot}/sigma-regression`)];

function modelFields(record: EvtxRecord) {
  const e = record.event;
  return {
    recordId: e.recordId?.value,
    eventId: e.eventId?.value,
    provider: e.provider?.value,
    timeCreated: e.timeCreated?.value,
    channel: e.channel?.value,
    computer: e.computer?.value,
    data: e.data.map((d) => (d.name === undefined ? { value: d.value } : { name: d.name, value: d.value })),
  };
}

describe('evtx samples against evtxexport -f xml', () => {
  if (files.length === 0) {
    it('needs ../shared/samples', (t) => t.skip(`no .evtx samples under ${samplesRoot}`));
    return;
  }
  for (const file of files) {
    const name = relative(samplesRoot, file);
    it(name, (t) => {
      const reference = runEvtxexport(file);
      if (!reference) {
        t.skip('evtxexport is not installed (Debian package libevtx-utils)');
        return;
      }
      const { records, issues } = decodeEvtxFile(readFileSync(file), { style: 'evtxexport' });
      const expected = splitEvents(reference.stdout);
      const normal = records.filter((r) => !r.recovered);
      if (reference.complete) assert.equal(normal.length, expected.length, 'record count');
      else assert.ok(normal.length > expected.length, 'we decode past the point where evtxexport aborts');

      expected.forEach((block, i) => {
        const record = normal[i] as EvtxRecord;
        assert.equal(record.xml, block, `record ${i} XML`);
        const fields = referenceFields(block);
        assert.deepEqual(modelFields(record), fields, `record ${i} event model`);
        const e = record.event;
        assert.equal(record.xml.slice(e.anchor.start, e.anchor.end), `<EventID>${fields.eventId}</EventID>`.replace(/^<EventID>/, e.qualifiers ? `<EventID Qualifiers="${e.qualifiers.value}">` : '<EventID>'));
        if (e.timeCreated) assert.equal(e.time, Date.parse(e.timeCreated.value.slice(0, 23) + 'Z'));
      });
      for (const record of normal) assert.equal(record.event.format, 'evtx');

      const recovered = records.filter((r) => r.recovered);
      if (recovered.length > 0) {
        const recoveredReference = runEvtxexport(file, 'recovered');
        assert.ok(recoveredReference);
        const known = new Set(splitEvents(recoveredReference.stdout));
        for (const record of recovered) assert.ok(known.has(record.xml), `recovered record ${record.recordId} is one evtxexport recovers too`);
        assert.ok(issues.some((issue) => /scanning for the next record/.test(issue.message)), 'the corrupt record is reported');
      }
    });
  }
});
