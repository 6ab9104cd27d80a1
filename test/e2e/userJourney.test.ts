// As a user: code-server with the packaged .vsix installed, driven by Playwright in Debian's Chromium.
// Opens an XML and a text export from the Explorer, reads the Problems panel, hovers the flagged event, applies a
// quick fix and checks the script it wrote; a pom.xml gets no problems. Screenshots: test-results/e2e/.
// Run with `npm run test:e2e` (sets up .tools/e2e and builds the .vsix first).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createProfile, installVsix, startCodeServer, stopCodeServer, type RunningCodeServer } from '../../scripts/e2e/codeServer';
import { launchChromium } from '../../scripts/e2e/browser';
import { e2ePaths, repoRoot } from '../../scripts/e2e/paths';
import { loadBuiltinRules } from '../../server/src/rules/catalog';
import { planRemediationInsert } from '../../server/src/service';
import {
  activeTab,
  openFromExplorer,
  problemRows,
  showProblems,
  statusBarLanguage,
  StepRecorder,
  visibleEditorLines,
  waitFor,
  waitForWorkbench,
} from './workbench';

const XML_LOG = 'Application-crypt32.xml';
const TEXT_LOG = 'saveAsText.txt';
const POM = 'pom.xml';
const EXTRACT_FAILED = 'crypt32.root-list-extract-failed';
const SEQUENCE_UNREACHABLE = 'crypt32.root-list-sequence-unreachable';
const REMEDIATION = 'clear-cryptnet-cache';
const screenshots = path.join(repoRoot, 'test-results', 'e2e');

function manifestVsix(): string {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return process.env.EVENTLOG_DOCTOR_VSIX ?? path.join(repoRoot, `${manifest.name}-${manifest.version}.vsix`);
}

function count(rows: string[], text: string): number {
  return rows.filter((row) => row.includes(text)).length;
}

describe('a user with the .vsix installed in code-server', { timeout: 240_000 }, () => {
  const paths = e2ePaths();
  let dir = '';
  let workspace = '';
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let steps: StepRecorder;
  /** The language the status bar showed for each opened log (checked last, so the journey goes on without it). */
  const languages = new Map<string, string>();

  before(async () => {
    assert.ok(existsSync(paths.codeServerEntry), `code-server is not installed in ${paths.root}: run npm run test:e2e (it sets it up)`);
    const vsix = manifestVsix();
    assert.ok(existsSync(vsix), `${vsix} is missing: run npm run package (npm run test:e2e does)`);
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-e2e-'));
    workspace = path.join(dir, 'workspace');
    mkdirSync(workspace);
    copyFileSync(path.join(repoRoot, 'examples', XML_LOG), path.join(workspace, XML_LOG));
    copyFileSync(path.join(repoRoot, 'test/fixtures/text', TEXT_LOG), path.join(workspace, TEXT_LOG));
    copyFileSync(path.join(repoRoot, 'test/fixtures/protocol', POM), path.join(workspace, POM));
    const profile = createProfile(path.join(dir, 'profile'));
    installVsix(paths, profile, vsix);
    server = await startCodeServer(paths, profile, workspace);

    browser = await launchChromium(paths);
    page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    rmSync(screenshots, { recursive: true, force: true });
    steps = new StepRecorder(page, screenshots, server.logFile);
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await steps.step('workbench', () => waitForWorkbench(page));
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await stopCodeServer(server);
    // A failed journey keeps its workspace and code-server log for a look.
    if (dir && !steps?.failedStep) rmSync(dir, { recursive: true, force: true });
  });

  it('flags the XML export in the Problems panel', async (t) => {
    if (steps.failedStep) return t.skip(`step "${steps.failedStep}" failed`);
    await steps.step('open-xml-export', async () => {
      await openFromExplorer(page, XML_LOG);
    });
    const rows = await steps.step('problems-xml', async () => {
      await showProblems(page);
      return waitFor('the XML export problems', async () => {
        const labels = await problemRows(page);
        return count(labels, EXTRACT_FAILED) === 1 && count(labels, SEQUENCE_UNREACHABLE) > 0 ? labels : undefined;
      }, undefined, () => problemRows(page));
    });
    languages.set(XML_LOG, await statusBarLanguage(page));
    assert.ok(rows.includes(`${XML_LOG} 13`), `no file row "${XML_LOG} 13" in ${JSON.stringify(rows, null, 2)}`);
    const first = rows.find((row) => row.includes(EXTRACT_FAILED)) ?? '';
    assert.match(first, /Windows could not extract the trusted root list from the downloaded authrootstl\.cab: the signing certificate is outside its validity period/);
    assert.match(first, /\[Ln 2, Col 1286\]$/);
  });

  it('explains the flagged event in the hover', async (t) => {
    if (steps.failedStep) return t.skip(`step "${steps.failedStep}" failed`);
    await steps.step('hover-flagged-event', async () => {
      const warningRow = page.locator('.markers-panel .monaco-list-row', { hasText: EXTRACT_FAILED }).first();
      await warningRow.click();
      const squiggle = page.locator('.editor-instance .view-overlays .squiggly-warning').first();
      await squiggle.waitFor({ timeout: 30_000 });
      const box = await squiggle.boundingBox();
      assert.ok(box, 'the warning squiggle has no position on screen');
      await page.mouse.move(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2);
      const hover = await waitFor('the hover with the explanation', async () => {
        const text = await page.locator('.monaco-hover').filter({ hasText: 'Automatic Root Certificates Update' }).first().innerText({ timeout: 500 });
        return text;
      });
      assert.match(hover, /Windows could not extract the trusted root list from the downloaded authrootstl\.cab: the signing certificate is outside its validity period/);
      assert.match(hover, /It can be\./);
      assert.match(hover, /as seen from this machine's clock/);
      assert.match(hover, /Resolution options/);
    });
  });

  it('offers the remediations on Ctrl+. and writes the chosen script beside the log', async (t) => {
    if (steps.failedStep) return t.skip(`step "${steps.failedStep}" failed`);
    const rule = loadBuiltinRules().find((r) => r.doc.id === EXTRACT_FAILED);
    assert.ok(rule, `${EXTRACT_FAILED} is not in the catalog`);
    const remediation = rule.doc.remediations.find((r) => r.id === REMEDIATION);
    assert.ok(remediation, `${EXTRACT_FAILED} has no remediation ${REMEDIATION}`);
    const planned = planRemediationInsert(undefined, rule, REMEDIATION, XML_LOG);
    assert.ok('text' in planned, 'the remediation plan has no text');
    const scriptName = 'Application-crypt32.remediation.ps1';
    const scriptFile = path.join(workspace, scriptName);

    const offered = await steps.step('quick-fix-menu', async () => {
      const squiggle = page.locator('.editor-instance .view-overlays .squiggly-warning').first();
      const box = await squiggle.boundingBox();
      assert.ok(box, 'the warning squiggle has no position on screen');
      await page.mouse.click(box.x + Math.min(box.width / 2, 20), box.y + box.height / 2);
      // Away from the squiggle, so its hover does not come back over the menu.
      await page.mouse.move(box.x, box.y + 300);
      await page.keyboard.press('Escape');
      let pressedAt = 0;
      return waitFor('the quick fix menu', async () => {
        const items = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
        if (items.some((item) => item.includes('Insert remediation script'))) return items.map((item) => item.trim());
        // A key press that lands while the hover closes is lost; a user would press again.
        if (Date.now() - pressedAt > 3000) {
          pressedAt = Date.now();
          await page.keyboard.press('Control+.');
        }
        return undefined;
      }, undefined, () => page.locator('.action-widget .monaco-list-row').allInnerTexts());
    });
    const scriptTitles = rule.doc.remediations.filter((r) => r.kind === 'script').map((r) => `Insert remediation script: ${r.title}`);
    for (const title of [...scriptTitles, `Mark as benign: turn ${EXTRACT_FAILED} off in this workspace`]) {
      assert.ok(offered.some((item) => item.includes(title)), `"${title}" is not offered; offered: ${JSON.stringify(offered)}`);
    }

    await steps.step('script-written', async () => {
      await page.locator('.action-widget .monaco-list-row', { hasText: `Insert remediation script: ${remediation.title}` }).first().click();
      await activeTab(page, scriptName);
      const editor = page.locator('.editor-instance .monaco-editor').first();
      const expectedLines = planned.text.split('\n');
      const shown = await waitFor('the script text in the editor', async () => {
        const lines = await visibleEditorLines(editor);
        return lines.length > 3 && lines[0] === expectedLines[0] ? lines : undefined;
      });
      assert.deepEqual(shown.slice(0, 5), expectedLines.slice(0, 5));
      assert.ok(existsSync(scriptFile), `${scriptFile} was not created on disk`);
    });

    await steps.step('script-saved', async () => {
      await page.keyboard.press('Control+S');
      await waitFor('the script on disk', async () => (readFileSync(scriptFile, 'utf8') === planned.text ? true : undefined));
      assert.equal(readFileSync(path.join(workspace, XML_LOG), 'utf8'), readFileSync(path.join(repoRoot, 'examples', XML_LOG), 'utf8'), 'the log was changed');
    });
  });

  it('flags the text export and leaves a pom.xml alone', async (t) => {
    if (steps.failedStep) return t.skip(`step "${steps.failedStep}" failed`);
    await steps.step('open-pom', () => openFromExplorer(page, POM));
    await steps.step('open-text-export', async () => {
      await openFromExplorer(page, TEXT_LOG);
    });
    const rows = await steps.step('problems-text', async () => {
      await showProblems(page);
      return waitFor('the text export problems', async () => {
        const labels = await problemRows(page);
        return labels.some((row) => row.includes(TEXT_LOG)) && count(labels, 'cryptsvc.service-crashed') === 1 ? labels : undefined;
      }, undefined, () => problemRows(page));
    });
    languages.set(TEXT_LOG, await statusBarLanguage(page));
    assert.ok(!rows.some((row) => row.includes(POM)), `pom.xml has problems: ${JSON.stringify(rows)}`);
    for (const [rule, line, column] of [
      ['cryptsvc.service-failed', 4, 52],
      ['cryptsvc.service-crashed', 6, 52],
      [EXTRACT_FAILED, 2, 53],
      [SEQUENCE_UNREACHABLE, 3, 37],
    ] as const) {
      const row = rows.find((r) => r.endsWith(`${rule} [Ln ${line}, Col ${column}]`));
      assert.ok(row, `no ${rule} problem at line ${line} column ${column} in ${JSON.stringify(rows)}`);
    }
  });

  it('shows the logs in their own languages', (t) => {
    if (languages.size < 2) return t.skip('the logs were not both opened');
    assert.deepEqual(Object.fromEntries(languages), { [XML_LOG]: 'Event Log (XML)', [TEXT_LOG]: 'Event Log (Text)' });
  });
});
