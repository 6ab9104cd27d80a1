import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseSystemTime } from '../../../../server/src/parse/xml/systemTime';

describe('parseSystemTime', () => {
  it('reads Windows 7-digit, libevtx 9-digit and short fractions, truncating to milliseconds', () => {
    assert.equal(parseSystemTime('2025-03-14T10:02:11.4841234Z'), Date.UTC(2025, 2, 14, 10, 2, 11, 484));
    assert.equal(parseSystemTime('2012-03-14T04:17:43.354562700Z'), Date.UTC(2012, 2, 14, 4, 17, 43, 354));
    assert.equal(parseSystemTime('2012-03-14T04:17:43.5Z'), Date.UTC(2012, 2, 14, 4, 17, 43, 500));
    assert.equal(parseSystemTime('2012-03-14T04:17:43Z'), Date.UTC(2012, 2, 14, 4, 17, 43, 0));
  });

  it('reads python-evtx times (space, no zone) as UTC and applies explicit offsets', () => {
    assert.equal(parseSystemTime('2012-03-14 04:17:43.354563'), Date.UTC(2012, 2, 14, 4, 17, 43, 354));
    assert.equal(parseSystemTime('2012-03-14T06:17:43+02:00'), Date.UTC(2012, 2, 14, 4, 17, 43, 0));
    assert.equal(parseSystemTime('2012-03-14T01:47:43-02:30'), Date.UTC(2012, 2, 14, 4, 17, 43, 0));
  });

  it('accepts 29 February in leap years only', () => {
    assert.equal(parseSystemTime('2024-02-29T00:00:00Z'), Date.UTC(2024, 1, 29));
    assert.equal(parseSystemTime('2023-02-29T00:00:00Z'), undefined);
    assert.equal(parseSystemTime('2000-02-29T00:00:00Z'), Date.UTC(2000, 1, 29));
    assert.equal(parseSystemTime('1900-02-29T00:00:00Z'), undefined);
  });

  it('invents nothing for text that is not an unambiguous date-time', () => {
    for (const bad of ['', 'yesterday', '2025-03-14', '2025-13-01T00:00:00Z', '2025-04-31T00:00:00Z', '2025-03-14T24:00:00Z',
      '2025-03-14T10:02:11.Z', '2025-03-14T10:02:11.48Zjunk', '14/03/2025 10:02:11', '2025-03-14T10:02:11+2', '0099-01-01T00:00:00Z']) {
      assert.equal(parseSystemTime(bad), undefined, bad);
    }
  });
});
