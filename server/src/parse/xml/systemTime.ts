/**
 * Reads a `TimeCreated/@SystemTime` value as milliseconds since the Unix epoch, or undefined when it is not
 * an unambiguous ISO 8601 date-time. Accepts `2012-03-14T04:17:43.354562700Z` (Windows writes 7 fraction
 * digits, libevtx 9), a space for `T` and no zone (python-evtx writes `2012-03-14 04:17:43.354563`: SystemTime
 * is UTC by definition, so no zone still means UTC) and `+hh:mm` / `-hh:mm` offsets. Fractions are truncated
 * to milliseconds.
 */
export function parseSystemTime(value: string): number | undefined {
  const n = value.length;
  if (n < 19) return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const sep = value.charCodeAt(10);
  if (
    value.charCodeAt(4) !== 0x2d || value.charCodeAt(7) !== 0x2d || (sep !== 0x54 && sep !== 0x20 && sep !== 0x74) ||
    value.charCodeAt(13) !== 0x3a || value.charCodeAt(16) !== 0x3a
  ) {
    return undefined;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  let i = 19;
  let ms = 0;
  if (value.charCodeAt(i) === 0x2e) {
    const fractionStart = ++i;
    while (i < n && isDigit(value.charCodeAt(i))) i++;
    if (i === fractionStart) return undefined;
    ms = fractionMs(value, fractionStart, i);
  }
  let offsetMinutes = 0;
  if (i < n) {
    const zone = value.charCodeAt(i);
    if ((zone === 0x5a || zone === 0x7a) && i + 1 === n) {
      offsetMinutes = 0;
    } else if ((zone === 0x2b || zone === 0x2d) && i + 6 === n && value.charCodeAt(i + 3) === 0x3a) {
      const h = digits(value, i + 1, 2);
      const m = digits(value, i + 4, 2);
      if (h > 23 || m > 59) return undefined;
      offsetMinutes = (zone === 0x2b ? 1 : -1) * (h * 60 + m);
    } else {
      return undefined;
    }
  }
  // Date.UTC maps years 0-99 to 1900-1999; Windows times start in 1601 anyway.
  if (Number.isNaN(year + month + day + hour + minute + second) || year < 1000) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The first three fraction digits `value[start, end)` as milliseconds (`.5` is 500, `.3541` is 354). */
function fractionMs(value: string, start: number, end: number): number {
  let ms = 0;
  for (let k = 0; k < 3; k++) ms = ms * 10 + (start + k < end ? value.charCodeAt(start + k) - 0x30 : 0);
  return ms;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** The decimal number in `value[start, start + count)`, or NaN when any character there is not a digit. */
function digits(value: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const c = value.charCodeAt(i);
    if (!isDigit(c)) return NaN;
    n = n * 10 + (c - 0x30);
  }
  return n;
}
