/** Sigma's time modifiers: one numeric part of a date value, read as written (no time zone conversion). */
import type { TimePart } from './modifiers';

/** `2024-03-05T07:08:09.123Z`, `2024-03-05 07:08:09` (Sysmon's UtcTime) or a bare date. */
const DATE = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/;

/** ISO 8601 week number (1-53) of a calendar date. */
function isoWeek(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  return Math.ceil((date.getTime() - yearStart) / 86400000 / 7 + 1 / 7);
}

/** The part of a date text, or NaN when the text is not a date (or has no time for `hour`/`minute`). */
export function timePartOf(text: string, part: TimePart): number {
  const m = DATE.exec(text);
  if (!m) return NaN;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  switch (part) {
    case 'year':
      return year;
    case 'month':
      return month;
    case 'day':
      return day;
    case 'week':
      return isoWeek(year, month, day);
    case 'hour':
      return m[4] === undefined ? NaN : Number(m[4]);
    case 'minute':
      return m[5] === undefined ? NaN : Number(m[5]);
  }
}
