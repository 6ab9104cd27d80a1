import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StringPool } from '../../../../server/src/parse/text/stringPool';

describe('StringPool', () => {
  it('returns the text of the range, the same string for a value seen before', () => {
    const text = 'Error\tEventLog\tError\tEventLog\tEventLo';
    const pool = new StringPool(text);
    const first = pool.slice(0, 5);
    const provider = pool.slice(6, 14);
    assert.equal(first, 'Error');
    assert.equal(provider, 'EventLog');
    assert.equal(pool.slice(15, 20), 'Error');
    assert.equal(pool.slice(21, 29), 'EventLog');
    // A prefix of a pooled value is its own value.
    assert.equal(pool.slice(30, 37), 'EventLo');
  });

  it('gives empty and long values without pooling them', () => {
    const long = 'x'.repeat(100);
    const pool = new StringPool(`${long}|${long}`);
    assert.equal(pool.slice(3, 3), '');
    assert.equal(pool.slice(0, 100), long);
    assert.equal(pool.slice(101, 201), long);
  });

  it('keeps values apart that share a length and their first, middle and last characters', () => {
    const values = ['a1b2c', 'a9b8c', 'a3b4c', 'a5b6c', 'a7b0c', 'a2b1c'];
    const text = [...values, ...values].join(' ');
    const pool = new StringPool(text);
    values.concat(values).forEach((value, i) => assert.equal(pool.slice(i * 6, i * 6 + 5), value));
  });

  it('stays correct once it is full of distinct values', () => {
    const values = Array.from({ length: 5000 }, (_, i) => `v${i}`);
    const text = values.join(',');
    const pool = new StringPool(text);
    for (let pass = 0; pass < 2; pass++) {
      let start = 0;
      for (const value of values) {
        assert.equal(pool.slice(start, start + value.length), value);
        start += value.length + 1;
      }
    }
  });
});
