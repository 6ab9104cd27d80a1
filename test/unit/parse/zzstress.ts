import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { reparseAfterChange } from '/work/main/server/src/parse/incremental';
import { parseLog } from '/work/main/server/src/parse/parseLog';
const fixtures = '/work/main/test/fixtures';
const docs = [...readdirSync(path.join(fixtures, 'rules')).flatMap((rule) => ['hit.xml', 'miss.xml'].map((name) => readFileSync(path.join(fixtures, 'rules', rule, name), 'utf8'))), ...readdirSync(fixtures + '/xml').map(f => readFileSync(fixtures + '/xml/' + f, 'utf8'))];
function random(seed: number) { let state = seed >>> 0; return () => { state = (state * 1664525 + 1013904223) >>> 0; return state / 0x100000000; }; }
const ALPHABET = ['x', '7', ' ', '\n', '<', '>', '/', '&', '"', "'", '=', ';', '<Data>', '</Data>', '</Event>', '<Event>', '&amp;', '<!--', '-->', ']]>', '<![CDATA[', '?>', '<?x', '<Events>', '</Events>', '<System>', '</System>', '<EventID>', '-', ']', '?', '!'];
let inc = 0, total = 0;
for (let seed = 1; seed <= 600; seed++) {
  const next = random(seed * 31 + 5);
  let text = docs[seed % docs.length]!; let parsed = parseLog(text);
  for (let step = 0; step < 60; step++) {
    const start = Math.floor(next() * (text.length + 1)); const end = Math.min(text.length, start + (next() < 0.5 ? 0 : Math.floor(next() * 6)));
    const ins = next() < 0.3 ? '' : ALPHABET[Math.floor(next() * ALPHABET.length)]!;
    text = text.slice(0, start) + ins + text.slice(end);
    const r = reparseAfterChange(parsed, text, { start, end, length: ins.length }); parsed = r.parsed; total++; if (r.reparsedEvent !== undefined) inc++;
    if (!isDeepStrictEqual(parsed, parseLog(text))) { console.log('FAIL seed', seed, 'step', step, { start, end, ins }); process.exit(1); }
  }
}
console.log('ok', inc, total);
