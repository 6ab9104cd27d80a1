// Bundles the in-editor mocha suite (test/vscode/suite) into .tools/vscode-suite/ (git-ignored): one file per
// *.test.ts plus index.js, the entry VS Code's extension host calls. `vscode` and `mocha` stay external.
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const suiteOut = path.join(repoRoot, '.tools', 'vscode-suite');

export async function buildVscodeSuite() {
  const suiteDir = path.join(repoRoot, 'test', 'vscode', 'suite');
  const entries = readdirSync(suiteDir).filter((name) => name === 'index.ts' || name.endsWith('.test.ts'));
  rmSync(suiteOut, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries.map((name) => path.join(suiteDir, name)),
    outdir: suiteOut,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(suiteOut, 'index.js');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await buildVscodeSuite());
