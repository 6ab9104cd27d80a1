import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SliceCache } from '../../../../server/src/parse/xml/sliceCache';

describe('SliceCache', () => {
  it('returns the slice for repeated, near-equal and empty ranges', () => {
    const text = 'System|System|Systen|Syst';
    const cache = new SliceCache(text);
    const first = cache.slice(0, 6);
    assert.equal(first, 'System');
    assert.equal(cache.slice(7, 13), 'System');
    assert.equal(cache.slice(14, 20), 'Systen');
    assert.equal(cache.slice(21, 25), 'Syst');
    assert.equal(cache.slice(0, 0), '');
  });

  it('never hands out a different string that lands in the same slot', () => {
    // Same length and same characters where the slot is computed from: only the second tells them apart.
    const words = ['aXbYc', 'aZbYc', 'aWbYc', 'aXbYc'];
    const text = words.join(' ');
    const cache = new SliceCache(text);
    let at = 0;
    for (const word of words) {
      assert.equal(cache.slice(at, at + word.length), word);
      at += word.length + 1;
    }
  });

  it('slices long ranges and ranges of any characters exactly', () => {
    const long = 'x'.repeat(100);
    const text = `${long}|\u00e9\u{1F600}|${long}`;
    const cache = new SliceCache(text);
    assert.equal(cache.slice(0, 100), long);
    assert.equal(cache.slice(101, 104), '\u00e9\u{1F600}');
    assert.equal(cache.slice(105, 205), long);
  });
});
