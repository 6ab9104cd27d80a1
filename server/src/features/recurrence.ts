import { formatUtcClock, formatUtcDate, formatUtcMinute, hasTime } from './timeFormat';

/** How often one rule fired in a document. */
export interface Recurrence {
  /** Findings in the group. */
  count: number;
  /** Findings whose event time was parsed. */
  timedCount: number;
  /** Earliest parsed time (ms since the epoch, UTC). */
  first?: number;
  /** Latest parsed time. */
  last?: number;
  /** The median gap between consecutive parsed times, when there are at least two. */
  typicalIntervalMs?: number;
  /** True when most gaps (at least three quarters) lie within ±25% of the median gap; needs two gaps or more. */
  regular: boolean;
}

/** Share of gaps that must sit near the median for the events to count as recurring regularly. */
const REGULAR_SHARE = 0.75;
const REGULAR_TOLERANCE = 0.25;

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The recurrence of `count` findings whose parsed times (in any order, unusable values ignored) are `times`. */
export function computeRecurrence(count: number, times: readonly (number | undefined)[]): Recurrence {
  const sorted = times.filter(hasTime).sort((a, b) => a - b);
  const recurrence: Recurrence = { count: Math.max(count, sorted.length), timedCount: sorted.length, regular: false };
  if (sorted.length === 0) return recurrence;
  recurrence.first = sorted[0];
  recurrence.last = sorted[sorted.length - 1];
  if (sorted.length < 2) return recurrence;
  const gaps: number[] = [];
  for (let i = 1; i < sorted.length; i++) gaps.push(sorted[i]! - sorted[i - 1]!);
  gaps.sort((a, b) => a - b);
  const typical = median(gaps);
  recurrence.typicalIntervalMs = typical;
  if (gaps.length >= 2 && typical > 0) {
    const low = typical * (1 - REGULAR_TOLERANCE);
    const high = typical * (1 + REGULAR_TOLERANCE);
    const near = gaps.filter((g) => g >= low && g <= high).length;
    recurrence.regular = near >= gaps.length * REGULAR_SHARE;
  }
  return recurrence;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "every 10 minutes", "every minute", "every 2 hours": seconds under a minute, minutes under two hours, hours under two days. */
export function describeInterval(ms: number): string {
  const [size, unit] =
    ms < MINUTE ? [SECOND, 'second'] : ms < 2 * HOUR ? [MINUTE, 'minute'] : ms < 2 * DAY ? [HOUR, 'hour'] : [DAY, 'day'];
  const n = Math.max(1, Math.round(ms / size));
  return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

/**
 * The recurrence in words: `12 times between 2025-03-15 10:00 and 11:50 UTC, about every 10 minutes`,
 * `once, at 2025-03-15 10:00 UTC`, `3 times; time not parsed`.
 */
export function summarizeRecurrence(r: Recurrence): string {
  if (r.timedCount === 0 || r.first === undefined || r.last === undefined) return `${times(r.count)}; time not parsed`;
  const untimed = r.count - r.timedCount;
  const untimedTail = untimed > 0 ? `; time not parsed for ${untimed}` : '';
  if (r.count === 1) return `once, at ${formatUtcMinute(r.first)} UTC`;
  const from = formatUtcMinute(r.first);
  if (from === formatUtcMinute(r.last)) return `${times(r.count)}, at ${from} UTC${untimedTail}`;
  const to = formatUtcDate(r.first) === formatUtcDate(r.last) ? formatUtcClock(r.last) : formatUtcMinute(r.last);
  let text = `${times(r.count)} between ${from} and ${to} UTC`;
  if (r.timedCount >= 3 && r.typicalIntervalMs !== undefined) {
    text += r.regular ? `, about ${describeInterval(r.typicalIntervalMs)}` : ', irregularly';
  }
  return text + untimedTail;
}

/** The recurrence as the diagnostic message's tail: {@link summarizeRecurrence} in parentheses. */
export function describeRecurrence(r: Recurrence): string {
  return `(${summarizeRecurrence(r)})`;
}
