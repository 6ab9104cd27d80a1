import { readFileSync } from 'node:fs';
import { parseTextLog } from './server/src/parse/text/parseTextLog';
const t = readFileSync('../shared/samples/real/rohitsharma1815-SecureMe_Phase_Rohit/step2_log_analysis/windows_logs.md', 'utf8').repeat(30);
let best = Infinity;
for (let i = 0; i < 8; i++) {
  const t0 = performance.now();
  const r = parseTextLog(t, 0, t.length);
  best = Math.min(best, performance.now() - t0);
  if (r.events.length !== 3723 * 30) throw new Error('count');
}
console.log('best', best.toFixed(0), 'ms', (t.length * 2 / 1e6 / (best / 1000)).toFixed(0), 'MB/s as UTF-16', (t.length / 1e6 / (best / 1000)).toFixed(0), 'Mchar/s');
