// `npm run test:vscode`: the in-editor suite in a real VS Code downloaded by @vscode/test-electron, for the minimum
// version in engines.vscode and for stable. Machines without internet cannot download VS Code: this fails fast
// with a message then (unless VSCODE_EXECUTABLE names a local VS Code binary); `npm run test:e2e` covers them.
/* global fetch, AbortSignal */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildVscodeSuite, repoRoot } from './buildVscodeSuite.mjs';

const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const minimum = manifest.engines.vscode.replace(/^[^\d]*/, '');
const cachePath = path.join(repoRoot, '.tools', 'vscode-test');
const localExecutable = process.env.VSCODE_EXECUTABLE;

async function canDownloadVsCode() {
  try {
    const response = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(8000) });
    return response.ok ? '' : `HTTP ${response.status}`;
  } catch (error) {
    return error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  }
}

/** A throw-away workspace with copies of the logs the suite opens (the suite writes scripts beside them). */
function createWorkspace() {
  const dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-vscode-'));
  copyFileSync(path.join(repoRoot, 'examples/Application-crypt32.xml'), path.join(dir, 'Application-crypt32.xml'));
  copyFileSync(path.join(repoRoot, 'test/fixtures/text/saveAsText.txt'), path.join(dir, 'saveAsText.txt'));
  copyFileSync(path.join(repoRoot, 'test/fixtures/protocol/pom.xml'), path.join(dir, 'pom.xml'));
  return dir;
}

if (!localExecutable) {
  const problem = await canDownloadVsCode();
  if (problem) {
    console.error(
      `test:vscode: cannot reach update.code.visualstudio.com (${problem}), so @vscode/test-electron cannot download VS Code.\n` +
        '  Run it on a machine with internet access, or set VSCODE_EXECUTABLE to a local VS Code binary.\n' +
        '  Here, `npm run test:e2e` runs the extension in code-server instead.',
    );
    process.exit(1);
  }
}

execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
const extensionTestsPath = await buildVscodeSuite();
const { runTests } = await import('@vscode/test-electron');
const targets = localExecutable ? [{ vscodeExecutablePath: localExecutable }] : [{ version: minimum }, { version: 'stable' }];
let failed = false;
for (const target of targets) {
  const workspace = createWorkspace();
  const label = target.version ?? target.vscodeExecutablePath;
  console.log(`test:vscode: VS Code ${label}`);
  try {
    await runTests({
      ...target,
      cachePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } catch (error) {
    failed = true;
    console.error(`test:vscode: VS Code ${label} failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    if (existsSync(workspace)) rmSync(workspace, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);
