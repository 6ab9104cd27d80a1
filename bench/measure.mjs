// One measurement in a fresh process, so its peak memory is its own:
//   node bench/measure.mjs <ours|fast-xml-parser|sax> <file> <repetitions> <analysis bundle>
// Prints one JSON line: the best wall and CPU time of the repetitions, events, findings and maxRSS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [mode, file, repsText, bundle] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const reps = Math.max(1, Number(repsText) || 1);

function runners() {
  if (mode === 'ours') {
    const { parseLog, analyze, createRuleEngine, benchRules, defaultSettings } = require(bundle);
    const engine = createRuleEngine(benchRules());
    return (text) => {
      const parsed = parseLog(text);
      const analysis = analyze(parsed, text, engine, defaultSettings);
      return { events: parsed.events.length, findings: analysis.findings.length, problems: parsed.problems.length };
    };
  }
  if (mode === 'fast-xml-parser') {
    const { XMLParser } = require('fast-xml-parser');
    const parser = new XMLParser({ ignoreAttributes: false });
    return (text) => {
      const doc = parser.parse(text);
      const events = doc?.Events?.Event;
      return { events: Array.isArray(events) ? events.length : events ? 1 : 0 };
    };
  }
  if (mode === 'sax') {
    const sax = require('sax');
    return (text) => {
      const parser = sax.parser(true);
      let events = 0;
      parser.onopentag = (tag) => {
        if (tag.name === 'Event') events++;
      };
      parser.write(text).close();
      return { events };
    };
  }
  throw new Error(`unknown mode ${mode}`);
}

const run = runners();
const readStart = performance.now();
const text = readFileSync(file, 'utf8');
const readMs = performance.now() - readStart;
let best;
for (let i = 0; i < reps; i++) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = run(text);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  if (!best || cpuMs < best.cpuMs) best = { ...result, wallMs, cpuMs };
}
process.stdout.write(`${JSON.stringify({ mode, file, readMs, reps, ...best, maxRssKb: process.resourceUsage().maxRSS })}\n`);
