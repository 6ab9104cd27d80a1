// Builds the production bundles and packs eventlog-doctor-<version>.vsix with @vscode/vsce, offline:
// no dependency listing (the bundles carry their dependencies) and nothing fetched from the marketplace.
// vsce refuses a manifest with both .vscodeignore and "files" (which lists what the npm package ships: the CLI), so
// the .vsix is packed from a staging folder holding exactly the files .vscodeignore lets through and the manifest
// without "files".
// Usage: node scripts/package.mjs [--out FILE] [--skip-build]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(repoRoot, outIndex > 0 ? process.argv[outIndex + 1] : `${manifest.name}-${manifest.version}.vsix`);

/** The `!path` and `!folder/**` lines of .vscodeignore: everything else is ignored. */
function shippedPaths() {
  const lines = readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split(/\r?\n/);
  return lines.filter((line) => line.startsWith('!')).map((line) => line.slice(1).replace(/\/\*\*$/, ''));
}

if (!process.argv.includes('--skip-build')) {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: 'inherit' });
}
const staging = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-vsix-'));
try {
  for (const relative of shippedPaths()) {
    if (relative === 'package.json') continue;
    mkdirSync(path.dirname(path.join(staging, relative)), { recursive: true });
    cpSync(path.join(repoRoot, relative), path.join(staging, relative), { recursive: true });
  }
  cpSync(path.join(repoRoot, '.vscodeignore'), path.join(staging, '.vscodeignore'));
  const { files: _npmFiles, ...extensionManifest } = manifest;
  writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify(extensionManifest, null, 2)}\n`);
  const { createVSIX } = await import('@vscode/vsce');
  await createVSIX({ cwd: staging, packagePath: out, dependencies: false });
} finally {
  rmSync(staging, { recursive: true, force: true });
}
console.log(`${path.relative(process.cwd(), out) || out}: ${(statSync(out).size / 1024).toFixed(1)} KB`);
