import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildCliBundle } from './cliBundle';

const repoRoot = path.resolve(__dirname, '../../..');
const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function check(result: SpawnSyncReturns<string>, what: string): string {
  assert.equal(result.status, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/**
 * The npm package as users get it: the CLI bundle built the way esbuild.mjs builds it, packed with the manifest's
 * `files`, installed from the tarball into an empty project, and run with `npx eventlog-doctor`.
 */
describe('the packed npm package', () => {
  let dir = '';
  let app = '';
  const run = (args: string[]) => spawnSync(npx, ['--offline', 'eventlog-doctor', ...args], { cwd: app, encoding: 'utf8', shell: process.platform === 'win32' });

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-pack-'));
    const pkg = path.join(dir, 'pkg');
    mkdirSync(pkg);
    for (const file of ['package.json', 'README.md', 'LICENSE']) copyFileSync(path.join(repoRoot, file), path.join(pkg, file));
    await buildCliBundle(path.join(pkg, 'server/out/cli.js'));
    check(spawnSync(npm, ['pack', '--ignore-scripts', '--pack-destination', dir], { cwd: pkg, encoding: 'utf8', shell: process.platform === 'win32' }), 'npm pack');
    app = path.join(dir, 'app');
    mkdirSync(app);
    writeFileSync(path.join(app, 'package.json'), '{ "name": "app", "version": "1.0.0", "private": true }\n');
    const tarball = path.join(dir, `eventlog-doctor-${version}.tgz`);
    check(spawnSync(npm, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: app, encoding: 'utf8', shell: process.platform === 'win32' }), 'npm install');
    mkdirSync(path.join(app, 'logs'));
    const fixture = readFileSync(path.join(repoRoot, 'test/fixtures/protocol/crypt32-and-cryptsvc.xml'), 'utf8');
    for (const name of ['a.xml', 'b.xml', 'c.xml']) writeFileSync(path.join(app, 'logs', name), fixture);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds only the CLI bundle, the manifest, the README and the license', () => {
    const listing = spawnSync('tar', ['-tzf', path.join(dir, `eventlog-doctor-${version}.tgz`)], { encoding: 'utf8' });
    assert.deepEqual(check(listing, 'tar').trim().split('\n').sort(), ['package/LICENSE', 'package/README.md', 'package/package.json', 'package/server/out/cli.js']);
  });

  it('runs as npx eventlog-doctor, scanning on worker threads from the same bundle', () => {
    assert.equal(check(run(['--version']), 'eventlog-doctor --version'), `${version}\n`);
    const scan = run(['scan', '--jobs', '2', '--format', 'json', 'logs']);
    assert.equal(scan.status, 1, scan.stderr);
    const report = JSON.parse(scan.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    assert.deepEqual(
      report.files.map((f) => [f.path, f.findings.map((x) => x.ruleId)]),
      ['a.xml', 'b.xml', 'c.xml'].map((name) => [path.join('logs', name), ['crypt32.root-list-sequence-unreachable', 'cryptsvc.service-failed']]),
    );
  });

  it('exports the Sigma rules', () => {
    assert.match(check(run(['export-sigma', '--strict', 'sigma']), 'export-sigma'), /^Wrote \d+ Sigma rules to sigma\.\n$/);
  });
});
