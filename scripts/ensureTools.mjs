// Installs the Debian tools the corpus tests use as oracles (evtxexport, evtx_dump.py) when they are missing.
// Runs before `npm test`; without root (and without passwordless sudo) it says what to install and the corpus
// tests skip with a message instead.
import { spawnSync } from 'node:child_process';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = ['evtxexport', 'evtx_dump.py'].filter((cmd) => !has(cmd));
if (missing.length === 0) process.exit(0);

const packages = 'libevtx-utils python3-evtx';
const asRoot = process.getuid?.() === 0;
const sudo = !asRoot && has('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!asRoot && !sudo) {
  console.warn(`ensureTools: ${missing.join(', ')} missing; install with: sudo apt-get install -y ${packages} (corpus tests will skip)`);
  process.exit(0);
}
const prefix = asRoot ? '' : 'sudo -n ';
console.log(`ensureTools: installing ${packages} for the corpus tests`);
const result = spawnSync('sh', ['-c', `${prefix}apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${prefix}apt-get install -y -qq ${packages}`], { stdio: 'inherit' });
if (result.status !== 0) console.warn('ensureTools: apt-get failed; corpus tests will skip');
