import { readFileSync } from 'node:fs';
import { parseTextLog } from './server/src/parse/text/parseTextLog';
const t = readFileSync('../shared/samples/real/rohitsharma1815-SecureMe_Phase_Rohit/step2_log_analysis/windows_logs.md', 'utf8').repeat(15);
function base() { const keep = []; for (let p = 0; ;) { const q = t.indexOf('\n', p); if (q < 0) break; const parts = t.slice(p, q).split('\t'); keep.push({ a: parts[0], b: parts[1], s: { start: p, end: q } }); p = q + 1; } return keep.length; }
for (let i = 0; i < 5; i++) {
  let t0 = performance.now(); base(); const b = performance.now() - t0;
  t0 = performance.now(); parseTextLog(t, 0, t.length); const p = performance.now() - t0;
  console.log('baseline', b.toFixed(0), 'parse', p.toFixed(0), 'ratio', (p / b).toFixed(2));
}
