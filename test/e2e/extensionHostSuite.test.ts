// The in-editor mocha suite (test/vscode/suite, bundled into .tools/vscode-suite by npm run test:e2e) run inside
// code-server's extension host against the installed .vsix: the workbench URL's payload names the installed
// extension as the development extension and the bundle as the tests; the suite writes a JSON summary to the file
// named by EVENTLOG_DOCTOR_TEST_RESULTS, which the extension host inherits from code-server.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { createProfile, installVsix, startCodeServer, stopCodeServer, type RunningCodeServer } from '../../scripts/e2e/codeServer';
import { launchChromium } from '../../scripts/e2e/browser';
import { e2ePaths, repoRoot } from '../../scripts/e2e/paths';
import { waitFor } from './workbench';

interface Summary {
  passed: string[];
  failed: { title: string; error: string }[];
}

const suiteEntry = path.join(repoRoot, '.tools', 'vscode-suite', 'index.js');
const screenshots = path.join(repoRoot, 'test-results', 'extension-host');

function manifestVsix(): string {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return process.env.EVENTLOG_DOCTOR_VSIX ?? path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
}

describe('the in-editor suite in code-server against the installed .vsix', { timeout: 240_000 }, () => {
  const paths = e2ePaths();
  let dir = '';
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;

  before(() => {
    assert.ok(existsSync(paths.codeServerEntry), `code-server is not installed in ${paths.root}: run npm run test:e2e (it sets it up)`);
    assert.ok(existsSync(suiteEntry), `${suiteEntry} is missing: run node scripts/e2e/buildVscodeSuite.mjs (npm run test:e2e does)`);
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-exthost-'));
    rmSync(screenshots, { recursive: true, force: true });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await stopCodeServer(server);
    if (dir && !process.env.EVENTLOG_DOCTOR_KEEP_E2E) rmSync(dir, { recursive: true, force: true });
  });

  it('passes', async () => {
    const vsix = manifestVsix();
    assert.ok(existsSync(vsix), `${vsix} is missing: run npm run package (npm run test:e2e does)`);
    const workspace = path.join(dir, 'workspace');
    mkdirSync(workspace);
    copyFileSync(path.join(repoRoot, 'examples/Application-crypt32.xml'), path.join(workspace, 'Application-crypt32.xml'));
    copyFileSync(path.join(repoRoot, 'test/fixtures/text/saveAsText.txt'), path.join(workspace, 'saveAsText.txt'));
    copyFileSync(path.join(repoRoot, 'test/fixtures/protocol/pom.xml'), path.join(workspace, 'pom.xml'));
    const profile = createProfile(path.join(dir, 'profile'));
    installVsix(paths, profile, vsix);
    const installed = readdirSync(profile.extensionsDir).find((name) => name.startsWith('eventlog-doctor.eventlog-doctor-'));
    assert.ok(installed, `the .vsix did not install into ${profile.extensionsDir}`);
    const resultsFile = path.join(dir, 'results.json');
    process.env.EVENTLOG_DOCTOR_TEST_RESULTS = resultsFile;
    server = await startCodeServer(paths, profile, workspace);
    delete process.env.EVENTLOG_DOCTOR_TEST_RESULTS;

    const remote = (file: string) => `vscode-remote://127.0.0.1:${server?.port}${pathToFileURL(file).pathname}`;
    const payload = [
      ['extensionDevelopmentPath', remote(path.join(profile.extensionsDir, installed))],
      ['extensionTestsPath', remote(suiteEntry)],
      ['skipWelcome', 'true'],
    ];
    browser = await launchChromium(paths);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // A built workbench honours the payload's development options only with the smoke-test driver enabled, a
    // VS Code server flag code-server does not accept: turn it on in the page's embedded configuration instead.
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));
    // Chromium's local network checks block the workbench's WebSocket when the page is fulfilled by a route, so the
    // embedded configuration is patched as the workbench reads it.
    await page.addInitScript(`{
      const original = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name) {
        const value = original.call(this, name);
        if (this.id !== 'vscode-workbench-web-configuration' || name !== 'data-settings' || !value) return value;
        const config = JSON.parse(value);
        config.developmentOptions = { ...config.developmentOptions, enableSmokeTestDriver: true };
        return JSON.stringify(config);
      };
    }`);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    let summary: Summary;
    try {
      summary = await waitFor(
        `the suite's results in ${resultsFile}`,
        async () => (existsSync(resultsFile) ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Summary) : undefined),
        180_000,
      );
    } catch (error) {
      mkdirSync(screenshots, { recursive: true });
      writeFileSync(path.join(screenshots, 'browser-console.log'), `${consoleLines.join('\n')}\n`);
      await page.screenshot({ path: path.join(screenshots, 'no-results.png') }).catch(() => undefined);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n  screenshot: ${screenshots}\n  code-server log: ${server.logFile}`);
    }
    mkdirSync(screenshots, { recursive: true });
    writeFileSync(path.join(screenshots, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    assert.deepEqual(summary.failed, [], `in-editor failures:\n${summary.failed.map((f) => `${f.title}\n${f.error}`).join('\n\n')}`);
    assert.ok(summary.passed.length >= 6, `only ${summary.passed.length} tests ran: ${JSON.stringify(summary.passed)}`);
  });
});
