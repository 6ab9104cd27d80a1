import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createProgress, renderProgressBar } from '../../../server/src/cli/progress';

describe('progress', () => {
  it('renders a bar fitted to the terminal', () => {
    assert.equal(renderProgressBar(3, 12, 80), `[${'#'.repeat(10)}${'-'.repeat(30)}] 3/12 files`);
    assert.equal(renderProgressBar(12, 12, 30), `[${'#'.repeat(15)}] 12/12 files`);
    assert.equal(renderProgressBar(0, 5, 5), `[${'-'.repeat(10)}] 0/5 files`);
  });

  it('draws nothing on a quick run, then at most every 100 ms, and erases itself at the end', () => {
    let now = 1000;
    let written = '';
    const progress = createProgress(4, { write: (text) => (written += text), columns: 60 }, () => now);
    now = 1200;
    progress.tick(); // 200 ms in: too early
    assert.equal(written, '');
    now = 1600;
    progress.tick();
    assert.equal(written, `\r${renderProgressBar(2, 4, 60)}\x1b[K`);
    now = 1650;
    progress.tick(); // 50 ms after the last draw
    now = 1800;
    progress.tick();
    progress.finish();
    assert.equal(written, `\r${renderProgressBar(2, 4, 60)}\x1b[K\r${renderProgressBar(4, 4, 60)}\x1b[K\r\x1b[K`);
  });

  it('leaves a quick run\'s terminal untouched, and does nothing without a terminal', () => {
    let written = '';
    const quick = createProgress(2, { write: (text) => (written += text), columns: 60 }, () => 0);
    quick.tick();
    quick.tick();
    quick.finish();
    assert.equal(written, '');
    const none = createProgress(2, undefined);
    none.tick();
    none.finish();
  });
});
