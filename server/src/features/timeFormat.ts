function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function isTime(ms: number | undefined): ms is number {
  return typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) <= 8.64e15;
}

/** `2025-03-15`, the UTC date of a Unix-epoch millisecond time. */
export function formatUtcDate(ms: number): string {
  if (!isTime(ms)) return '?';
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `10:00`, the UTC time of day to the minute. */
export function formatUtcClock(ms: number): string {
  if (!isTime(ms)) return '?';
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** `2025-03-15 10:00`, UTC, to the minute (no zone suffix). */
export function formatUtcMinute(ms: number): string {
  return `${formatUtcDate(ms)} ${formatUtcClock(ms)}`;
}

/** `2025-03-15 10:00:05 UTC`, to the second. */
export function formatUtcSecond(ms: number): string {
  if (!isTime(ms)) return '?';
  return `${formatUtcMinute(ms)}:${pad(new Date(ms).getUTCSeconds())} UTC`;
}

/** True for a usable event time (finite and within the range `Date` can show). */
export function hasTime(ms: number | undefined): ms is number {
  return isTime(ms);
}
