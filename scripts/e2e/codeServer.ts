// Starts and stops code-server (VS Code's server and web workbench) on loopback with a throw-away profile.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import type { E2ePaths } from './paths';

/** Settings that keep the workbench quiet and deterministic for tests. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'editor.minimap.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

export interface Profile {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own config file (kept in the profile, so ~/.config/code-server is never touched). */
  configFile: string;
}

export interface RunningCodeServer {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  logFile: string;
}

/** A profile under `root`: user data (with QUIET_SETTINGS plus `settings`) and an empty extensions folder. */
export function createProfile(root: string, settings: Record<string, unknown> = {}): Profile {
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2)}\n`);
  const configFile = path.join(root, 'code-server.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  return { root, userDataDir, extensionsDir, configFile };
}

export function installVsix(paths: E2ePaths, profile: Profile, vsix: string): string {
  return execFileSync(
    paths.node,
    [paths.codeServerEntry, '--config', profile.configFile, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force'],
    { encoding: 'utf8' },
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, deadlineMs: number): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with code ${child.exitCode} before answering`);
    try {
      const response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(2000) });
      if (response.status < 500) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${deadlineMs} ms (${last})`);
}

/**
 * Starts code-server for `folder` in its own process group (so stopping it ends its extension hosts too) and
 * resolves once it answers HTTP. Its output goes to `<profile.root>/code-server.log`.
 */
export async function startCodeServer(paths: E2ePaths, profile: Profile, folder: string, extraArgs: string[] = []): Promise<RunningCodeServer> {
  const port = await freePort();
  const logFile = path.join(profile.root, 'code-server.log');
  const log = openSync(logFile, 'a');
  const args = [
    paths.codeServerEntry,
    '--config', profile.configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', profile.userDataDir,
    '--extensions-dir', profile.extensionsDir,
    ...extraArgs,
    folder,
  ];
  const child = spawn(paths.node, args, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  if (child.pid === undefined) throw new Error(`code-server did not start (${paths.node})`);
  const server: RunningCodeServer = { child, pid: child.pid, port, url: `http://127.0.0.1:${port}`, logFile };
  try {
    await waitForHttp(`${server.url}/healthz`, child, 60_000);
  } catch (error) {
    await stopCodeServer(server);
    throw error;
  }
  return server;
}

/** Ends the process group startCodeServer created (by its pid) and waits for code-server to exit. */
export async function stopCodeServer(server: RunningCodeServer | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-server.pid, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
