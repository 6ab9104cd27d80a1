import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { computeRecurrence, describeInterval, describeRecurrence, summarizeRecurrence } from '../../../server/src/features/recurrence';

const at = (iso: string) => Date.parse(iso);
const minutes = (n: number) => n * 60_000;

describe('computeRecurrence', () => {
  it('takes the median gap of the sorted times and calls evenly spaced events regular', () => {
    const start = at('2025-03-15T10:00:00Z');
    const times = [30, 0, 10, 20, 40].map((m) => start + minutes(m));
    assert.deepEqual(computeRecurrence(5, times), {
      count: 5,
      timedCount: 5,
      first: start,
      last: start + minutes(40),
      typicalIntervalMs: minutes(10),
      regular: true,
    });
  });

  it('calls scattered gaps irregular', () => {
    const start = at('2025-03-15T10:00:00Z');
    const r = computeRecurrence(4, [0, 1, 30, 120].map((m) => start + minutes(m)));
    assert.equal(r.typicalIntervalMs, minutes(29));
    assert.equal(r.regular, false);
  });

  it('tolerates a quarter of the gaps off the median', () => {
    const start = at('2025-03-15T10:00:00Z');
    // Gaps 10, 10, 10, 40: three of four within ±25% of the median (10).
    assert.equal(computeRecurrence(5, [0, 10, 20, 30, 70].map((m) => start + minutes(m))).regular, true);
    // Gaps 10, 10, 40, 40: only half.
    assert.equal(computeRecurrence(5, [0, 10, 20, 60, 100].map((m) => start + minutes(m))).regular, false);
  });

  it('ignores missing and unusable times but counts their findings', () => {
    assert.deepEqual(computeRecurrence(3, [undefined, Number.NaN, Infinity]), { count: 3, timedCount: 0, regular: false });
    const r = computeRecurrence(3, [undefined, at('2025-03-15T10:00:00Z')]);
    assert.deepEqual(r, { count: 3, timedCount: 1, first: at('2025-03-15T10:00:00Z'), last: at('2025-03-15T10:00:00Z'), regular: false });
  });
});

describe('describeRecurrence', () => {
  const start = at('2025-03-15T10:00:00Z');
  const series = (gapsInMinutes: number[]) => {
    const times = [start];
    for (const g of gapsInMinutes) times.push(times[times.length - 1]! + minutes(g));
    return computeRecurrence(times.length, times);
  };

  it('words a regular series with the day once when first and last share it', () => {
    assert.equal(
      describeRecurrence(series(Array.from({ length: 11 }, () => 10))),
      '(12 times between 2025-03-15 10:00 and 11:50 UTC, about every 10 minutes)',
    );
  });

  it('repeats the day when the series crosses midnight', () => {
    const r = computeRecurrence(3, [at('2025-03-15T23:50:00Z'), at('2025-03-16T00:00:00Z'), at('2025-03-16T00:10:00Z')]);
    assert.equal(describeRecurrence(r), '(3 times between 2025-03-15 23:50 and 2025-03-16 00:10 UTC, about every 10 minutes)');
  });

  it('says irregularly when the gaps vary', () => {
    assert.equal(describeRecurrence(series([1, 29, 90])), '(4 times between 2025-03-15 10:00 and 12:00 UTC, irregularly)');
  });

  it('gives no rhythm for two events', () => {
    assert.equal(describeRecurrence(series([5])), '(2 times between 2025-03-15 10:00 and 10:05 UTC)');
  });

  it('words a single event and events without times', () => {
    assert.equal(describeRecurrence(series([])), '(once, at 2025-03-15 10:00 UTC)');
    assert.equal(describeRecurrence(computeRecurrence(3, [])), '(3 times; time not parsed)');
    assert.equal(describeRecurrence(computeRecurrence(1, [])), '(once; time not parsed)');
  });

  it('words events within one minute and partly untimed series', () => {
    assert.equal(describeRecurrence(computeRecurrence(2, [start, start + 5_000])), '(2 times, at 2025-03-15 10:00 UTC)');
    const r = computeRecurrence(5, [start, start + minutes(10), start + minutes(20)]);
    assert.equal(summarizeRecurrence(r), '5 times between 2025-03-15 10:00 and 10:20 UTC, about every 10 minutes; time not parsed for 2');
  });
});

describe('describeInterval', () => {
  it('uses seconds under a minute, minutes under two hours, hours under two days, then days', () => {
    assert.equal(describeInterval(30_000), 'every 30 seconds');
    assert.equal(describeInterval(1_000), 'every second');
    assert.equal(describeInterval(59_000), 'every 59 seconds');
    assert.equal(describeInterval(minutes(1)), 'every minute');
    assert.equal(describeInterval(90_000), 'every 2 minutes');
    assert.equal(describeInterval(minutes(2)), 'every 2 minutes');
    assert.equal(describeInterval(minutes(90)), 'every 90 minutes');
    assert.equal(describeInterval(minutes(120)), 'every 2 hours');
    assert.equal(describeInterval(minutes(60 * 24)), 'every 24 hours');
    assert.equal(describeInterval(minutes(60 * 72)), 'every 3 days');
    assert.equal(describeInterval(0.2), 'every second');
  });
});
