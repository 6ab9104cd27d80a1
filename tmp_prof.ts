import { readFileSync } from 'node:fs';
import { parseTextLog } from './server/src/parse/text/parseTextLog';
const t = readFileSync('../shared/samples/real/rohitsharma1815-SecureMe_Phase_Rohit/step2_log_analysis/windows_logs.md', 'utf8');
const big = t.repeat(30);
for (let i = 0; i < 3; i++) {
const t0 = performance.now();
const r3 = parseTextLog(big, 0, big.length);
const ms = performance.now() - t0;
console.log(r3.events.length, (big.length / 1e6 / (ms / 1000)).toFixed(1), 'M chars/s');
}
