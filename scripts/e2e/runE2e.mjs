// `npm run test:e2e`: sets up .tools/e2e (Node 24, code-server, playwright-core, Debian's chromium; cached),
// packs the .vsix, and runs test/e2e/*.test.ts with node's test runner. Each test starts and stops its own
// code-server. Prints how long each phase took.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const timings = [];

function phase(name, args) {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
  timings.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (result.status !== 0) {
    console.error(`test:e2e: ${name} failed (${timings.join(', ')})`);
    process.exit(result.status ?? 1);
  }
}

phase('setup', ['--import', 'tsx', 'scripts/e2e/setup.ts']);
phase('package', ['scripts/package.mjs']);
phase('in-editor suite build', ['scripts/e2e/buildVscodeSuite.mjs']);
const tests = readdirSync(path.join(repoRoot, 'test', 'e2e'))
  .filter((name) => name.endsWith('.test.ts'))
  .sort()
  .map((name) => path.join('test', 'e2e', name));
phase('tests', ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...tests]);
console.log(`test:e2e: passed (${timings.join(', ')})`);
