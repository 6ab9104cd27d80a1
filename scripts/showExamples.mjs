// `npm run examples`: scans examples/ with the command-line scanner. Findings are the point here, so they do not
// fail the command (--fail-on never); a usage or read error still does.
import { spawnSync } from 'node:child_process';

const result = spawnSync(process.execPath, ['server/out/cli.js', 'scan', '--fail-on', 'never', 'examples'], { stdio: 'inherit' });
process.exit(result.status ?? 2);
