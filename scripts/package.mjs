// Builds the production bundles and packs eventlog-doctor-<version>.vsix with @vscode/vsce, offline:
// no dependency listing (the bundles carry their dependencies) and nothing fetched from the marketplace.
// Usage: node scripts/package.mjs [--out FILE] [--skip-build]
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const out = path.resolve(repoRoot, outIndex > 0 ? process.argv[outIndex + 1] : `${manifest.name}-${manifest.version}.vsix`);

if (!process.argv.includes('--skip-build')) {
  execFileSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: repoRoot, stdio: 'inherit' });
}
const { createVSIX } = await import('@vscode/vsce');
await createVSIX({ cwd: repoRoot, packagePath: out, dependencies: false, allowStarActivation: false, skipLicense: false });
console.log(`${path.relative(process.cwd(), out) || out}: ${(statSync(out).size / 1024).toFixed(1)} KB`);
