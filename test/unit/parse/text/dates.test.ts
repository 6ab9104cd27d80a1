import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decideDayMonthOrder, parseDateTime, readDate, timeOf } from '../../../../server/src/parse/text/dates';

const utc = (iso: string): number => Date.parse(iso);

describe('dates', () => {
  it('reads US month-first dates with AM/PM', () => {
    assert.equal(parseDateTime('1/15/2024 10:12:01 AM'), utc('2024-01-15T10:12:01Z'));
    assert.equal(parseDateTime('1/15/2024 12:05:00 AM'), utc('2024-01-15T00:05:00Z'));
    assert.equal(parseDateTime('1/15/2024 12:05:00 PM'), utc('2024-01-15T12:05:00Z'));
    assert.equal(parseDateTime('1/15/2024 9:00:00 pm'), utc('2024-01-15T21:00:00Z'));
  });

  it('reads day-first dashed and dotted 24-hour dates', () => {
    assert.equal(parseDateTime('27-06-2025 22:12:09'), utc('2025-06-27T22:12:09Z'));
    assert.equal(parseDateTime('01.07.2025 17:53:27'), utc('2025-07-01T17:53:27Z'), 'dotted dates are always day-first');
  });

  it('reads ISO times with Z and seven fraction digits, and offsets', () => {
    assert.equal(parseDateTime('2021-12-25T07:33:18.1520000Z'), utc('2021-12-25T07:33:18.152Z'));
    assert.equal(parseDateTime('2021-12-25T07:33:18+02:00'), utc('2021-12-25T05:33:18Z'));
  });

  it('reads year-first log timestamps as UTC-naive wall clock', () => {
    assert.equal(parseDateTime('2024-01-15 10:12:01'), utc('2024-01-15T10:12:01Z'));
    assert.equal(parseDateTime('2024/01/15 10:12:01.1234567'), utc('2024-01-15T10:12:01.123Z'));
    assert.equal(parseDateTime('2024-01-15\t10:12:01:123'), utc('2024-01-15T10:12:01.123Z'));
  });

  it('strips left-to-right and right-to-left marks', () => {
    assert.equal(parseDateTime('\u200e2025\u200e-\u200e06\u200e-\u200e27T17:42:09.500Z'), utc('2025-06-27T17:42:09.5Z'));
    assert.equal(parseDateTime('\u200f27\u200f-06-2025 22:12:09'), utc('2025-06-27T22:12:09Z'));
  });

  it('leaves ambiguous day/month dates unread on their own', () => {
    assert.equal(parseDateTime('03-04-2025 10:00:00'), undefined);
    assert.equal(parseDateTime('3/4/2025 10:00:00 AM'), undefined);
    assert.equal(parseDateTime('4/4/2025 10:00:00 AM'), utc('2025-04-04T10:00:00Z'), 'equal parts read the same either way');
  });

  it('resolves ambiguous dates with the order another row of the export shows', () => {
    const ambiguous = readDate('03-04-2025 10:00:00');
    assert.ok(ambiguous);
    const dayFirst = decideDayMonthOrder([ambiguous, readDate('13-04-2025 10:00:00')!]);
    assert.equal(dayFirst, 'day-first');
    assert.equal(timeOf(ambiguous, dayFirst), utc('2025-04-03T10:00:00Z'));
    const monthFirst = decideDayMonthOrder([ambiguous, readDate('03/14/2025 10:00:00')!]);
    assert.equal(timeOf(ambiguous, monthFirst), utc('2025-03-04T10:00:00Z'));
    assert.equal(decideDayMonthOrder([readDate('13-04-2025 10:00:00')!, readDate('03/14/2025 10:00:00')!]), undefined, 'conflicting rows decide nothing');
    assert.equal(decideDayMonthOrder([readDate('2025-04-13 10:00:00')!]), undefined, 'year-first dates say nothing about the locale');
  });

  it('never invents a date', () => {
    for (const text of ['', 'N/A', '<DateTime>', 'Jan 15 10:12', '3/15/2010', '2/30/2024 10:00:00 AM', '13/13/2024 10:00:00',
      '1/15/2024 13:00:00 PM', '2024-01-15 25:00:00', '1/15/2024 10:12:01 AM trailing', '99999999999']) {
      assert.equal(parseDateTime(text), undefined, text);
    }
    assert.equal(parseDateTime('2/29/2024 10:00:00 AM'), utc('2024-02-29T10:00:00Z'));
    assert.equal(parseDateTime('2/29/2023 10:00:00 AM'), undefined);
  });
});
