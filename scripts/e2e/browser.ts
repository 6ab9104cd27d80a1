// Launches Debian's Chromium with the playwright-core installed in .tools/e2e (not the extension's dependencies).
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import type { E2ePaths } from './paths';

export async function launchChromium(paths: E2ePaths): Promise<Browser> {
  const { chromium } = createRequire(__filename)(paths.playwrightCore) as typeof import('playwright-core');
  return chromium.launch({
    executablePath: paths.chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
