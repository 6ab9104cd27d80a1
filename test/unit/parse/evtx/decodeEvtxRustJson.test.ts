/**
 * Corpus test: the sigma-regression samples against the `.json` written beside each `.evtx` by the Rust
 * `evtx` crate (`evtx_dump -o json`): one JSON document per record, `Event.System` and `Event.EventData`
 * (an object keyed by `Data/@Name`) or `Event.UserData`, numbers typed as JSON numbers.
 *
 * Where the two references disagree, evtxexport's text is the one we follow, because it is what Windows
 * writes:
 * - GUIDs: the Rust crate drops the braces (`5770385F-...`); Windows (Event Viewer, `wevtutil qe`) and
 *   evtxexport write `{5770385F-...}`. We compare without braces.
 * - FILETIME: the Rust crate truncates to microseconds (`...38.481829Z`); FILETIME holds 100 ns ticks and
 *   evtxexport prints all seven digits (`...38.481829700Z`), as Event Viewer does. We compare six digits
 *   (one JSON file, written by another tool or version, already has nine).
 * - Hex integers: the Rust crate writes `0x3144c` like Windows; evtxexport pads to `0x000000000003144c`.
 *   Windows is right for us (Sigma rules match `0x1fffff`), so the default style is Windows' and this
 *   test agrees with the JSON.
 * - A Data element with no value: JSON `null` (or `""`), empty text for us.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEvtxFile } from '../../../../server/src/parse/evtx/decodeEvtx';
import type { EvtxRecord } from '../../../../server/src/parse/evtx/types';
import { listEvtx, parseJsonStream, samplesRoot } from './samples';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A JSON scalar as the text we render: GUIDs without braces, times cut to microseconds. */
function comparable(text: string): string {
  const guid = /^\{([0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12})\}$/i.exec(text);
  if (guid) return guid[1] as string;
  const time = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6})\d{3}Z$/.exec(text);
  if (time) return `${time[1]}Z`;
  return text;
}

const scalar = (v: Json | undefined): string => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
const textOf = (v: Json | undefined): string => (isObject(v) ? scalar(v['#text']) : scalar(v));
const attributeOf = (v: Json | undefined, name: string): string | undefined => {
  const attributes = isObject(v) ? v['#attributes'] : undefined;
  return isObject(attributes) ? scalar(attributes[name]) : undefined;
};

/** Data values of the JSON record, as (name, value) pairs in our notation. */
function jsonData(event: JsonObject): { name?: string; value: string }[] {
  const out: { name?: string; value: string }[] = [];
  const eventData = event['EventData'];
  if (isObject(eventData)) {
    for (const [key, value] of Object.entries(eventData)) {
      if (key === '#attributes' || key === 'Binary') continue;
      if (key === 'Data' && isObject(value) && '#text' in value) {
        const items = value['#text'];
        for (const item of Array.isArray(items) ? items : [items]) out.push({ value: scalar(item ?? null) });
      } else {
        out.push({ name: key, value: scalar(value) });
      }
    }
  }
  const userData = event['UserData'];
  const walk = (node: Json, name: string): void => {
    if (isObject(node)) {
      const children = Object.entries(node).filter(([key]) => key !== '#attributes');
      if (children.length === 0) out.push({ name, value: '' });
      for (const [key, value] of children) walk(value, key === '#text' ? name : key);
    } else if (Array.isArray(node)) {
      for (const item of node) walk(item, name);
    } else {
      out.push({ name, value: scalar(node) });
    }
  };
  if (isObject(userData)) for (const [key, value] of Object.entries(userData)) if (key !== '#attributes') walk(value, key);
  return out;
}

function ourFields(record: EvtxRecord) {
  const e = record.event;
  return {
    recordId: e.recordId?.value,
    eventId: e.eventId?.value,
    provider: e.provider?.value,
    providerGuid: e.providerGuid ? comparable(e.providerGuid.value) : undefined,
    timeCreated: e.timeCreated ? comparable(e.timeCreated.value) : undefined,
    channel: e.channel?.value,
    computer: e.computer?.value,
    userId: e.userId?.value,
    data: e.data.map((d) => ({ ...(d.name === undefined ? {} : { name: d.name }), value: comparable(d.value) })),
  };
}

function referenceFields(document: JsonObject) {
  const event = document['Event'] as JsonObject;
  const system = event['System'] as JsonObject;
  const guid = attributeOf(system['Provider'], 'Guid');
  return {
    recordId: scalar(system['EventRecordID']),
    eventId: textOf(system['EventID']),
    provider: attributeOf(system['Provider'], 'Name'),
    providerGuid: guid === undefined ? undefined : comparable(guid),
    timeCreated: comparable(attributeOf(system['TimeCreated'], 'SystemTime') ?? ''),
    channel: scalar(system['Channel']),
    computer: scalar(system['Computer']),
    userId: attributeOf(system['Security'], 'UserID'),
    data: jsonData(event).map((d) => ({ ...d, value: comparable(d.value) })),
  };
}

/**
 * JSON values that do not match the bytes of their .evtx: the UTF-16 text in the file (and evtxexport)
 * reads `Explorer.EXE`, the JSON `Explorer.exe`; the JSON was evidently produced from another copy of the
 * event. The bytes win.
 */
const JSON_ERRATA: Record<string, { name: string; json: string; bytes: string }> = {
  'ad691d92-15f2-4181-9aa4-723c74f9ddc3.json': { name: 'ParentCommandLine', json: 'C:\\Windows\\Explorer.exe', bytes: 'C:\\Windows\\Explorer.EXE' },
};

function applyErrata(jsonFile: string, fields: ReturnType<typeof referenceFields>): void {
  const erratum = JSON_ERRATA[jsonFile.slice(jsonFile.lastIndexOf('/') + 1)];
  if (!erratum) return;
  const item = fields.data.find((d) => d.name === erratum.name);
  assert.equal(item?.value, erratum.json, 'the known JSON error is still there');
  item.value = erratum.bytes;
}

const files = listEvtx(`${samplesRoot}/sigma-regression`);

describe('sigma-regression samples against the Rust evtx JSON', () => {
  if (files.length === 0) {
    it('needs ../shared/samples/sigma-regression', (t) => t.skip(`no samples under ${samplesRoot}/sigma-regression`));
    return;
  }
  for (const file of files) {
    const jsonFile = file.replace(/\.evtx$/, '.json');
    it(relative(samplesRoot, file), (t) => {
      if (!existsSync(jsonFile)) {
        t.skip('no .json beside this sample');
        return;
      }
      const documents = parseJsonStream(readFileSync(jsonFile, 'utf8')) as JsonObject[];
      const { records } = decodeEvtxFile(readFileSync(file));
      const normal = records.filter((r) => !r.recovered);
      assert.equal(normal.length, documents.length, 'record count');
      documents.forEach((document, i) => {
        const expected = referenceFields(document);
        applyErrata(jsonFile, expected);
        assert.deepEqual(ourFields(normal[i] as EvtxRecord), expected, `record ${i}`);
      });
    });
  }
});
