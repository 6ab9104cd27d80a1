import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultSettings } from '../../../server/src/features/settings';
import { parseLog } from '../../../server/src/parse/parseLog';
import type { Rule } from '../../../server/src/rules/schema';
import { openEvtxFile } from '../../../server/src/evtx/evtxFileSource';
import { renderEvtxForEditor, type EditorRenderOptions } from '../../../server/src/evtx/renderForEditor';
import { cryptSvcRule, fakeEngine } from '../features/fakeRules';
import { BAD_CHUNK_EVTX, realSample, SYSTEM_EVTX } from './samples';

/** Fires on Service Control Manager's 7045 (a service was installed): 57 of system.evtx's 1881 records. */
const serviceInstalled: Rule = { ...cryptSvcRule, sigma: { ...cryptSvcRule.sigma, detection: { selection: { EventID: 7045 }, condition: 'selection' } } };

function renderFile(file: string, options: Partial<EditorRenderOptions> = {}) {
  const evtx = openEvtxFile(file);
  try {
    return renderEvtxForEditor(evtx.source, { fileName: path.basename(file), engine: fakeEngine([serviceInstalled]), settings: defaultSettings, ...options });
  } finally {
    evtx.close();
  }
}

describe('renderEvtxForEditor', () => {
  const system = realSample(SYSTEM_EVTX);
  const badChunk = realSample(BAD_CHUNK_EVTX);
  const skip = !system && `${SYSTEM_EVTX} is not in ../shared/samples`;

  it('renders every event when the XML fits, and reports progress per chunk', { skip }, () => {
    const progress: number[] = [];
    const rendering = renderFile(system!, { onProgress: (p) => progress.push(p.chunks * 100 + p.totalChunks) });
    assert.ok(rendering);
    assert.equal(rendering.summary, false);
    assert.equal(rendering.records, 1881);
    assert.deepEqual(rendering.issues, []);
    assert.ok(rendering.text.startsWith('<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<Events>\n<Event xmlns='));
    const parsed = parseLog(rendering.text);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.events.length, 1881);
    // 17 chunks after the file header, the last one unused: the last report says all 17 were read.
    assert.equal(progress.at(-1), 17 * 100 + 17);
    assert.deepEqual(progress, [...progress].sort((a, b) => a - b));
  });

  it('renders the findings-first summary when the XML would be longer than maxLength', { skip }, () => {
    const rendering = renderFile(system!, { maxLength: 200_000 });
    assert.ok(rendering);
    assert.equal(rendering.summary, true);
    assert.equal(rendering.records, 1881);
    const text = rendering.text;
    assert.ok(text.length < 200_000, `${text.length} characters`);
    assert.match(text, /^<\?xml [^>]*\?>\n<!--\n {2}Event Log Doctor: a findings-first summary of system\.evtx, not every event\.\n/);
    assert.match(text, /\n {2}Shown in full below: 57 events with findings\. Counted at the end by provider and event id: 1824 events\.\n/);
    const parsed = parseLog(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(new Set(parsed.events.map((e) => `${e.provider?.value} ${e.eventId?.value}`)), new Set(['Service Control Manager 7045']));
    assert.equal(parsed.events.length, 57);
    const counted = [...text.matchAll(/^ {2}( *\d+) {2}( *\d+) {2}(\S.*?) {2,}\d{4}-/gm)].map((m) => Number(m[1]));
    assert.equal(counted.reduce((a, b) => a + b, 0), 1824);
    assert.match(text, /\n {4}394 {8}16 {2}Microsoft-Windows-Kernel-General {13}2017-07-12T07:18:29\.463Z {2}2018-03-06T08:13:36\.154Z\n/);
  });

  it('shows no event in full when the rule is turned off', { skip }, () => {
    const rendering = renderFile(system!, { maxLength: 200_000, settings: { ...defaultSettings, rules: { [serviceInstalled.doc.id]: 'off' } } });
    assert.equal(parseLog(rendering!.text).events.length, 0);
    assert.match(rendering!.text, /Shown in full below: 0 events with findings\. Counted at the end by provider and event id: 1881 events\./);
  });

  it('lists what the decoder skipped at the top of the document', { skip: !badChunk && `${BAD_CHUNK_EVTX} is not in ../shared/samples` }, () => {
    const rendering = renderFile(badChunk!);
    assert.ok(rendering);
    assert.equal(rendering.records, 298);
    assert.ok(rendering.issues.includes('bad chunk signature; chunk skipped (byte 397312, chunk 6)'));
    assert.match(rendering.text, /^<\?xml [^>]*\?>\n<!--\n {2}Event Log Doctor decoded 298 records from sample_with_a_bad_chunk_magic\.evtx; damaged parts of the file were skipped:\n/);
    assert.match(rendering.text, /\n {2}bad chunk signature; chunk skipped \(byte 397312, chunk 6\)\n/);
    const parsed = parseLog(rendering.text);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.events.length, 298);
  });

  it('stops and returns nothing when cancelled', { skip }, () => {
    let checks = 0;
    const progress: number[] = [];
    const rendering = renderFile(system!, { isCancelled: () => ++checks >= 2, onProgress: (p) => progress.push(p.chunks) });
    assert.equal(rendering, undefined);
    assert.equal(progress.length, 2);
  });
});
