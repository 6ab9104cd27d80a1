// What a user does in the VS Code workbench, as Playwright steps with deadlines (no fixed sleeps).
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

const DEADLINE_MS = 30_000;

/** Polls `probe` until it returns a value that is not undefined, or fails with `what` and the last value seen. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, deadlineMs = DEADLINE_MS, state?: () => Promise<unknown>): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const detail = last instanceof Error ? `: ${last.message}` : '';
      const seen = state ? `\n  last seen: ${JSON.stringify(await state().catch((error: unknown) => String(error)), null, 2)}` : '';
      throw new Error(`timed out after ${deadlineMs} ms waiting for ${what}${detail}${seen}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Numbered screenshots of each step under `folder`; a failing step is saved with a FAILED suffix. */
export class StepRecorder {
  private count = 0;
  /** The first step that failed: the journey's later steps depend on it and are skipped. */
  failedStep: string | undefined;

  constructor(
    private readonly page: Page,
    readonly folder: string,
    private readonly logFile: string,
  ) {
    mkdirSync(folder, { recursive: true });
  }

  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    const file = `${String(++this.count).padStart(2, '0')}-${name}`;
    try {
      const result = await action();
      await this.page.screenshot({ path: path.join(this.folder, `${file}.png`) });
      return result;
    } catch (error) {
      this.failedStep ??= name;
      await this.page.screenshot({ path: path.join(this.folder, `${file}-FAILED.png`) }).catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`step "${name}" failed: ${message}\n  screenshots: ${this.folder}\n  code-server log: ${this.logFile}`, { cause: error });
    }
  }
}

export async function waitForWorkbench(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
}

/** Clicks the file's row in the Explorer and waits for its editor tab to be the active one. */
export async function openFromExplorer(page: Page, fileName: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row').getByText(fileName, { exact: true }).click();
  await activeTab(page, fileName);
}

export async function activeTab(page: Page, fileName: string): Promise<Locator> {
  const tab = page.locator('.tabs-container .tab.active').filter({ has: page.getByText(fileName, { exact: true }) });
  await tab.waitFor({ timeout: DEADLINE_MS });
  return tab;
}

/** The language name the status bar shows for the active editor, e.g. "Event Log (XML)". */
export async function statusBarLanguage(page: Page): Promise<string> {
  return (await page.locator('[id="status.editor.mode"]').innerText()).trim();
}

export async function showProblems(page: Page): Promise<void> {
  if (!(await page.locator('.markers-panel').isVisible())) await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: DEADLINE_MS });
}

/** The Problems panel's visible rows (file rows, problem rows, related information) as one line of text each. */
export async function problemRows(page: Page): Promise<string[]> {
  const texts = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
  return texts.map((text) => text.replace(/\s+/g, ' ').trim());
}

/** The text of the editor's visible lines, top to bottom. */
export async function visibleEditorLines(editor: Locator): Promise<string[]> {
  const lines = await editor.locator('.view-lines .view-line').evaluateAll((elements) =>
    elements
      .map((element) => ({ top: Number.parseFloat((element as unknown as { style: { top: string } }).style.top || '0'), text: (element.textContent ?? '').replace(/\u00a0/g, ' ') }))
      .sort((a, b) => a.top - b.top)
      .map((line) => line.text),
  );
  return lines;
}
