import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { collectFiles } from '../../../server/src/cli/collectFiles';

describe('collectFiles', () => {
  let dir = '';
  const rel = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-collect-'));
    for (const folder of ['logs', 'logs/archive', 'node_modules/x']) mkdirSync(path.join(dir, folder), { recursive: true });
    for (const file of ['b.xml', 'a.EVTX', 'notes.md', 'logs/c.txt', 'logs/d.csv', 'logs/archive/e.xml', 'logs/archive/f.log', 'node_modules/x/g.xml']) {
      writeFileSync(path.join(dir, file), '');
    }
    symlinkSync(path.join(dir, 'logs'), path.join(dir, 'loop')); // a link to a folder: not followed
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders in name order for the log extensions, whatever their case', async () => {
    const { files, errors } = await collectFiles([dir]);
    assert.deepEqual(rel(files), ['a.EVTX', 'b.xml', 'logs/archive/e.xml', 'logs/archive/f.log', 'logs/c.txt', 'logs/d.csv', 'node_modules/x/g.xml']);
    assert.deepEqual(errors, []);
  });

  it('keeps only --include matches and prunes --exclude matches, names or paths', async () => {
    const { files } = await collectFiles([dir], { include: ['*.{xml,log}'], exclude: ['node_modules', 'logs/archive/*.log'] });
    assert.deepEqual(rel(files), ['b.xml', 'logs/archive/e.xml']);
    const below = await collectFiles([path.join(dir, 'logs')], { include: [], exclude: ['archive/'] });
    assert.deepEqual(rel(below.files), ['logs/c.txt', 'logs/d.csv']);
  });

  it('tries patterns against the path as printed too', async () => {
    const shown = path.join(dir, 'logs').split(path.sep).join('/');
    const { files } = await collectFiles([dir], { include: [`${shown}/**`], exclude: [] });
    assert.deepEqual(rel(files), ['logs/archive/e.xml', 'logs/archive/f.log', 'logs/c.txt', 'logs/d.csv']);
  });

  it('reads named files whatever the filters, once each, and reports missing ones', async () => {
    const missing = path.join(dir, 'missing.xml');
    const notes = path.join(dir, 'notes.md');
    const { files, errors } = await collectFiles([notes, notes, missing, path.join(dir, 'logs', 'c.txt')], { include: [], exclude: ['*.txt'] });
    assert.deepEqual(rel(files), ['notes.md', 'logs/c.txt']);
    assert.deepEqual(errors, [{ path: missing, message: 'no such file or folder' }]);
  });
});
