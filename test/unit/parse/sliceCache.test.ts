import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SliceCache } from '../../../server/src/parse/sliceCache';

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

  // The text exports' cases (tab cells, labels), from when they had a pool of their own.
  it('returns the text of the range for repeated cells and a prefix of one', () => {
    const text = 'Error\tEventLog\tError\tEventLog\tEventLo';
    const cache = new SliceCache(text);
    assert.equal(cache.slice(0, 5), 'Error');
    assert.equal(cache.slice(6, 14), 'EventLog');
    assert.equal(cache.slice(15, 20), 'Error');
    assert.equal(cache.slice(21, 29), 'EventLog');
    // A prefix of a shared value is its own value.
    assert.equal(cache.slice(30, 37), 'EventLo');
  });

  it('gives empty and long values, long ones never shared', () => {
    const long = 'x'.repeat(100);
    const cache = new SliceCache(`${long}|${long}`);
    assert.equal(cache.slice(3, 3), '');
    assert.equal(cache.slice(0, 100), long);
    assert.equal(cache.slice(101, 201), long);
  });

  it('keeps values apart that share a length and their first, middle and last characters', () => {
    const values = ['a1b2c', 'a9b8c', 'a3b4c', 'a5b6c', 'a7b0c', 'a2b1c'];
    const text = [...values, ...values].join(' ');
    const cache = new SliceCache(text);
    values.concat(values).forEach((value, i) => assert.equal(cache.slice(i * 6, i * 6 + 5), value));
  });

  it('stays correct with more distinct values than slots', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `v${i}`);
    const text = values.join(',');
    const cache = new SliceCache(text);
    for (let pass = 0; pass < 2; pass++) {
      let start = 0;
      for (const value of values) {
        assert.equal(cache.slice(start, start + value.length), value);
        start += value.length + 1;
      }
    }
  });
});
