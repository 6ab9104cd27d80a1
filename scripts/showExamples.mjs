// `npm run examples`: scans examples/ with the command-line scanner. Findings make the scanner exit 1, which is
// the expected outcome here, so only a usage or read error (exit 2) fails this script.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['server/out/cli.js', 'scan', 'examples'], { stdio: 'inherit' });
process.exit(result.status === 0 || result.status === 1 ? 0 : (result.status ?? 2));
