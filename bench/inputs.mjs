// Builds the benchmark inputs under bench/.cache/inputs/: the real .evtx samples converted to XML
// (evtxexport -f xml, evtx_dump.py when evtxexport cannot read a file), replicated with fresh record ids and
// times to each size, with one Crypt32/CryptSvc event (from the rule fixtures) in every 500, written as an
// XML export, an Event Viewer "Save as Text" (tab-delimited) export and a `wevtutil qe /f:text` export.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { cacheDir } from './bundle.mjs';

const repoRoot = resolve(cacheDir, '../..');
const samplesRoot = resolve(repoRoot, '../shared/samples/real');
const fixturesRoot = join(repoRoot, 'test/fixtures/rules');
const inputsDir = join(cacheDir, 'inputs');
/** Bumped when the generated shape changes, so stale inputs are rebuilt. */
const GENERATOR_VERSION = 3;
const MB = 1024 * 1024;
const CRYPTO_EVERY = 500;
const FIRST_TIME = Date.UTC(2024, 0, 1);
const STEP_MS = 1370;

export const SHAPES = ['xml', 'tab-text', 'wevtutil-text'];

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : name.endsWith('.evtx') ? [path] : [];
  });
}

/** `<Event ...>...</Event>` blocks of an XML text. */
function splitEvents(xml) {
  const events = [];
  let at = xml.indexOf('<Event ');
  while (at !== -1) {
    const close = xml.indexOf('</Event>', at);
    if (close === -1) break;
    events.push(xml.slice(at, close + 8));
    at = xml.indexOf('<Event ', close);
  }
  return events;
}

/** One sample as XML events, converted once and cached. */
function convert(file) {
  const converted = join(cacheDir, 'converted');
  mkdirSync(converted, { recursive: true });
  const out = join(converted, `${basename(file, '.evtx').replace(/[^\w.-]/g, '_')}.xml`);
  if (existsSync(out)) return splitEvents(readFileSync(out, 'utf8'));
  let events = [];
  for (const [tool, args] of [['evtxexport', ['-f', 'xml', file]], ['evtx_dump.py', [file]]]) {
    const run = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 512 * MB, timeout: 120_000 });
    events = splitEvents(run.stdout ?? '');
    if (events.length > 0) break;
  }
  writeFileSync(out, events.join('\n'));
  return events;
}

/** The crypto events of the rule fixtures (hit files): what the rules are for. */
function cryptoEvents() {
  if (!existsSync(fixturesRoot)) return [];
  return readdirSync(fixturesRoot).sort().flatMap((rule) => {
    const hit = join(fixturesRoot, rule, 'hit.xml');
    return existsSync(hit) ? splitEvents(readFileSync(hit, 'utf8')) : [];
  });
}

const LEVEL_WORDS = ['Information', 'Critical', 'Error', 'Warning', 'Information', 'Verbose'];

/**
 * A replicable event: its XML split around the time and record id, and the fields the text shapes show,
 * read with our own parser.
 */
function template(xml, parseLog) {
  const event = parseLog(xml).events[0];
  if (!event) return undefined;
  const t = event.timeCreated;
  const r = event.recordId;
  const parts = t && r && t.end <= r.start ? [xml.slice(0, t.start), xml.slice(t.end, r.start), xml.slice(r.end)] : [xml];
  const message = event.message?.value ?? event.data.map((d) => d.value).filter((v) => v !== '').join(', ');
  return {
    parts,
    level: LEVEL_WORDS[event.levelNumber ?? 4] ?? 'Information',
    provider: event.provider?.value ?? '',
    id: String(event.id ?? ''),
    task: event.task?.value && event.task.value !== '0' ? `(${event.task.value})` : 'None',
    channel: event.channel?.value ?? 'System',
    computer: event.computer?.value ?? '',
    message,
  };
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

function isoTime(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}0000Z`;
}

function eventViewerTime(ms) {
  const d = new Date(ms);
  const h = d.getUTCHours();
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${h < 12 ? 'AM' : 'PM'}`;
}

const WRITERS = {
  xml: {
    header: '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<Events>\n',
    footer: '</Events>\n',
    event(t, ms, record) {
      const [a, b, c] = t.parts;
      return b === undefined ? `${a}\n` : `${a}${isoTime(ms)}${b}${record}${c}\n`;
    },
  },
  'tab-text': {
    header: 'Level\tDate and Time\tSource\tEvent ID\tTask Category\n',
    footer: '',
    event(t, ms) {
      const m = /[\t\n"]/.test(t.message) ? `"${t.message.replace(/"/g, '""')}"` : t.message;
      return `${t.level}\t${eventViewerTime(ms)}\t${t.provider}\t${t.id}\t${t.task}\t${m}\n`;
    },
  },
  'wevtutil-text': {
    header: '',
    footer: '',
    event(t, ms, record, n) {
      return `Event[${n}]:\n  Log Name: ${t.channel}\n  Source: ${t.provider}\n  Date: ${isoTime(ms)}\n  Event ID: ${t.id}\n  Task: N/A\n  Level: ${t.level}\n  Opcode: N/A\n  Keyword: Classic\n  User: N/A\n  User Name: N/A\n  Computer: ${t.computer}\n  Description: \n${t.message}\n\n`;
    },
  },
};

function fileName(shape, mb) {
  return join(inputsDir, `${shape}-${mb}mb.${shape === 'xml' ? 'xml' : 'txt'}`);
}

function generate(shape, mb, pool, crypto) {
  const writer = WRITERS[shape];
  const target = mb * MB;
  const fd = openSync(fileName(shape, mb), 'w');
  let bytes = 0;
  let events = 0;
  let cryptoCount = 0;
  let batch = [writer.header];
  let batchBytes = writer.header.length;
  const flush = () => {
    const text = batch.join('');
    writeSync(fd, text);
    bytes += Buffer.byteLength(text);
    batch = [];
    batchBytes = 0;
  };
  while (bytes + batchBytes < target - writer.footer.length) {
    const isCrypto = crypto.length > 0 && events % CRYPTO_EVERY === CRYPTO_EVERY - 1;
    const t = isCrypto ? crypto[cryptoCount++ % crypto.length] : pool[events % pool.length];
    const text = writer.event(t, FIRST_TIME + events * STEP_MS, 100_000 + events, events);
    batch.push(text);
    batchBytes += text.length;
    events++;
    if (batchBytes > MB) flush();
  }
  batch.push(writer.footer);
  flush();
  closeSync(fd);
  return { shape, mb, file: fileName(shape, mb), bytes, events, cryptoEvents: cryptoCount };
}

/**
 * Makes sure every (shape, size) input exists and returns their descriptions `{ shape, mb, file, bytes, events,
 * cryptoEvents }`. Inputs already built by this generator version are reused.
 */
export async function ensureInputs(sizes, analysisModule) {
  mkdirSync(inputsDir, { recursive: true });
  const manifestFile = join(inputsDir, 'manifest.json');
  const manifest = existsSync(manifestFile) ? JSON.parse(readFileSync(manifestFile, 'utf8')) : {};
  const fresh = manifest.version === GENERATOR_VERSION ? manifest.inputs ?? {} : {};
  const wanted = sizes.flatMap((mb) => SHAPES.map((shape) => ({ shape, mb, key: `${shape}-${mb}` })));
  const missing = wanted.filter((w) => !fresh[w.key] || !existsSync(fresh[w.key].file));
  if (missing.length > 0) {
    const samples = walk(samplesRoot);
    if (samples.length === 0) throw new Error(`no .evtx samples under ${samplesRoot}: the bench builds its inputs from them`);
    const { parseLog } = await import(analysisModule);
    const pool = samples.flatMap(convert).map((xml) => template(xml, parseLog)).filter((t) => t !== undefined);
    const crypto = cryptoEvents().map((xml) => template(xml, parseLog)).filter((t) => t !== undefined);
    console.log(`bench inputs: ${pool.length} sample events from ${samples.length} files, ${crypto.length} crypto events`);
    for (const w of missing) {
      const started = performance.now();
      fresh[w.key] = generate(w.shape, w.mb, pool, crypto);
      console.log(`  built ${basename(fresh[w.key].file)} (${fresh[w.key].events} events) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    writeFileSync(manifestFile, JSON.stringify({ version: GENERATOR_VERSION, inputs: fresh }, null, 2));
  }
  return wanted.map((w) => fresh[w.key]);
}
