// Packs the .vsix the way `npm run package` does and checks what ships: exactly the bundles, grammars, language
// configuration, manifest, README, CHANGELOG, LICENSE and icon, under 1 MB. Reads the zip's central directory.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const MAX_BYTES = 1024 * 1024;

/** The names in a zip file's central directory (no compression support needed: names are stored plainly). */
function zipEntryNames(zip: Buffer): string[] {
  const endSignature = 0x06054b50;
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === endSignature) {
      end = i;
      break;
    }
  }
  assert.ok(end >= 0, 'not a zip file: no end of central directory record');
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, `central directory entry ${n} is damaged`);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    names.push(zip.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names.sort();
}

describe('the packaged .vsix', { timeout: 60_000 }, () => {
  it('ships exactly the bundles, grammars, manifest, docs and icon, under 1 MB', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-vsix-'));
    try {
      const vsix = path.join(dir, 'test.vsix');
      execFileSync(process.execPath, ['scripts/package.mjs', '--out', vsix], { cwd: repoRoot, stdio: 'pipe' });
      const zip = readFileSync(vsix);
      assert.deepEqual(zipEntryNames(zip), [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/changelog.md',
        'extension/client/out/extension.js',
        'extension/icon.png',
        'extension/package.json',
        'extension/readme.md',
        'extension/server/out/analyzeWorker.js',
        'extension/server/out/evtxWorker.js',
        'extension/server/out/server.js',
        'extension/syntaxes/eventlog-text.tmLanguage.json',
        'extension/syntaxes/eventlog-xml.tmLanguage.json',
        'extension/syntaxes/language-configuration.json',
      ]);
      assert.ok(zip.length < MAX_BYTES, `the .vsix is ${zip.length} bytes, over 1 MB`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares every file the manifest points at, and the gallery fields', () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(manifest.icon, 'icon.png');
    const icon = readFileSync(path.join(repoRoot, 'icon.png'));
    assert.equal(icon.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([icon.readUInt32BE(16), icon.readUInt32BE(20)], [128, 128]);
    const capabilities = manifest.capabilities as Record<string, { supported: unknown }>;
    assert.equal(capabilities.untrustedWorkspaces?.supported, 'limited');
    assert.equal(capabilities.virtualWorkspaces?.supported, 'limited');
    assert.ok(Array.isArray(manifest.keywords) && manifest.keywords.length > 0 && manifest.keywords.length <= 30);
  });
});
