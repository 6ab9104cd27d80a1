/** Date formatting for FILETIME and SYSTEMTIME values, as evtxexport prints them. */

/** Seconds between 1601-01-01 and 1970-01-01. */
const EPOCH_DELTA_SECONDS = 11644473600;

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0'.repeat(width - s.length) + s;
}

/** `00` to `99`: hours, minutes, seconds, days and months without a conversion each. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + i);
const pad2 = (n: number): string => (n < 100 ? (TWO_DIGITS[n] as string) : String(n));

/** Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian). */
function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** The 7-digit fraction (100 ns ticks) left by the last `fileTimeSeconds` call: no tuple allocated per value. */
let fractionTicks = 0;

/** Whole seconds since 1601 of a FILETIME given as two 32-bit halves; the fraction goes to `fractionTicks`. */
function fileTimeSeconds(lo: number, hi: number): number {
  if (hi < 0x40000000) {
    // hi * 2^32 = hi * 429 * 10^7 + hi * 4967296; the second term stays exact in a double here.
    const rest = hi * 4967296 + lo;
    fractionTicks = rest % 1e7;
    return hi * 429 + Math.floor(rest / 1e7);
  }
  const ticks = (BigInt(hi) << 32n) | BigInt(lo);
  fractionTicks = Number(ticks % 10000000n);
  return Number(ticks / 10000000n);
}

/** The last whole second formatted: records written close together share it, so most times skip the date math. */
let lastSeconds = NaN;
let lastSecondsText = '';

/** `2016-06-29T15:24:34.346000000Z`: seven digits of 100 ns ticks padded to nine, as evtxexport writes. */
export function formatFileTime(lo: number, hi: number): string {
  const seconds = fileTimeSeconds(lo, hi);
  if (seconds !== lastSeconds) {
    lastSecondsText = formatSeconds(seconds - EPOCH_DELTA_SECONDS);
    lastSeconds = seconds;
  }
  // 1e7 + ticks has eight digits: dropping the leading 1 pads the fraction to seven.
  return lastSecondsText + '.' + String(1e7 + fractionTicks).slice(1) + '00Z';
}

/** Milliseconds since the Unix epoch of a FILETIME, or undefined when it is 0 or out of Date's range. */
export function fileTimeToMillis(lo: number, hi: number): number | undefined {
  if (lo === 0 && hi === 0) return undefined;
  const seconds = fileTimeSeconds(lo, hi);
  const ms = (seconds - EPOCH_DELTA_SECONDS) * 1000 + Math.floor(fractionTicks / 10000);
  return Math.abs(ms) <= 8.64e15 ? ms : undefined;
}

/** `YYYY-MM-DDTHH:MM:SS` of whole seconds since the Unix epoch. */
export function formatSeconds(unixSeconds: number): string {
  const days = Math.floor(unixSeconds / 86400);
  let rem = unixSeconds - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(rem / 3600);
  rem -= hh * 3600;
  const mm = Math.floor(rem / 60);
  const ss = rem - mm * 60;
  return `${pad(y, 4)}-${pad2(m)}-${pad2(d)}T${pad2(hh)}:${pad2(mm)}:${pad2(ss)}`;
}

/** SYSTEMTIME (year, month, weekday, day, hour, minute, second, milliseconds as 16-bit words). */
export function formatSystemTime(words: readonly number[]): string {
  const [year = 0, month = 0, , day = 0, hour = 0, minute = 0, second = 0, ms = 0] = words;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${pad(ms, 3)}000000Z`;
}
