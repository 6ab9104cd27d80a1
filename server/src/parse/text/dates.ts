/**
 * Date and time texts of the text exports, read without guessing.
 *
 * Text exports write local wall-clock time without a zone. Such times are read as if they were UTC
 * ("UTC-naive"): `time` then orders events and shows the same wall-clock time the export shows, but it
 * is not the true instant. Only ISO times with `Z` or an offset are true instants.
 *
 * Year-first dates are unambiguous, dotted dates (`dd.MM.yyyy`) are day-first in every locale that
 * writes them, and a slash or dash date is day-first or month-first depending on the machine's locale:
 * it is read only when a component above 12, or the same order resolved elsewhere in the export
 * (`decideDayMonthOrder`), tells which. Anything else (month names, no year, no time) gives no time.
 */

export type DayMonthOrder = 'day-first' | 'month-first';

/** What a date text says, before the day/month order of the export is known. */
export interface DateReading {
  year: number;
  /** The first and second components of a day/month date (already month, day for year-first dates). */
  first: number;
  second: number;
  msOfDay: number;
  /** Minutes east of UTC when the text carries a zone (`Z` is 0); undefined for wall-clock times. */
  offsetMinutes?: number;
  /** The order the text itself fixes, or undefined when both orders are possible. */
  order?: DayMonthOrder;
  /** Set when this text shows the locale's order for the whole export (a slash or dash date with a part above 12). */
  evidence?: DayMonthOrder;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

class DateScanner {
  pos = 0;
  s = '';

  /** Starts over on `s`; one scanner serves every call (parsers read a date per event, and never reentrantly). */
  reset(s: string): this {
    this.s = s;
    this.pos = 0;
    return this;
  }

  digits(min: number, max: number): number | undefined {
    const start = this.pos;
    let n = 0;
    while (this.pos < this.s.length && this.pos - start < max) {
      const c = this.s.charCodeAt(this.pos) - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
      this.pos++;
    }
    return this.pos - start >= min ? n : undefined;
  }

  /** Reads a fraction of a second (any number of digits) as milliseconds. */
  fractionMs(): number {
    let ms = 0;
    let scale = 100;
    while (this.pos < this.s.length) {
      const c = this.s.charCodeAt(this.pos) - 48;
      if (c < 0 || c > 9) break;
      ms += c * scale;
      scale /= 10;
      this.pos++;
    }
    return Math.floor(ms);
  }

  peek(): number {
    return this.pos < this.s.length ? this.s.charCodeAt(this.pos) : -1;
  }

  accept(code: number): boolean {
    if (this.peek() !== code) return false;
    this.pos++;
    return true;
  }

  blanks(): number {
    const start = this.pos;
    while (this.peek() === 32 || this.peek() === 9) this.pos++;
    return this.pos - start;
  }
}

const SCANNER = new DateScanner();

/** Removes the bidirectional marks (U+200E, U+200F) real exports put around date parts. */
export function stripDirectionMarks(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x200e || c === 0x200f) return text.replace(/[\u200e\u200f]/g, '');
  }
  return text;
}

/** Reads a date-and-time text; undefined when it is not one of the known unambiguous-or-resolvable shapes. */
export function readDate(raw: string): DateReading | undefined {
  const sc = SCANNER.reset(stripDirectionMarks(raw).trim());
  const n1Start = sc.pos;
  const n1 = sc.digits(1, 4);
  if (n1 === undefined) return undefined;
  const n1Digits = sc.pos - n1Start;
  const sep = sc.peek();
  if (sep !== 45 && sep !== 47 && sep !== 46) return undefined; // - / .
  sc.pos++;
  let reading: DateReading;
  if (n1Digits === 4) {
    const month = sc.digits(1, 2);
    if (month === undefined || !sc.accept(sep)) return undefined;
    const day = sc.digits(1, 2);
    if (day === undefined) return undefined;
    reading = { year: n1, first: month, second: day, msOfDay: 0, order: 'month-first' };
  } else if (n1Digits <= 2) {
    const n2 = sc.digits(1, 2);
    if (n2 === undefined || !sc.accept(sep)) return undefined;
    const year = sc.digits(4, 4);
    if (year === undefined) return undefined;
    const order = intrinsicOrder(sep, n1, n2);
    reading = { year, first: n1, second: n2, msOfDay: 0, order };
    if (sep !== 46 && n1 !== n2 && order !== undefined) reading.evidence = order;
  } else {
    return undefined;
  }
  if (!sc.accept(84) && sc.blanks() === 0) return undefined; // 'T' or blanks before the time
  const msOfDay = readTimeOfDay(sc, reading);
  if (msOfDay === undefined) return undefined;
  reading.msOfDay = msOfDay;
  return sc.pos === sc.s.length && isValidReading(reading) ? reading : undefined;
}

function intrinsicOrder(sep: number, n1: number, n2: number): DayMonthOrder | undefined {
  if (sep === 46 || n1 > 12) return 'day-first';
  if (n2 > 12) return 'month-first';
  return n1 === n2 ? 'day-first' : undefined;
}

function readTimeOfDay(sc: DateScanner, reading: DateReading): number | undefined {
  let hour = sc.digits(1, 2);
  if (hour === undefined || !sc.accept(58)) return undefined;
  const minute = sc.digits(2, 2);
  if (minute === undefined) return undefined;
  let second = 0;
  let ms = 0;
  if (sc.accept(58)) {
    const s = sc.digits(2, 2);
    if (s === undefined) return undefined;
    second = s;
    // `.fffffff`, `,fff` and the old WindowsUpdate.log `:mmm` all carry a fraction.
    if (sc.peek() === 46 || sc.peek() === 44 || sc.peek() === 58) {
      sc.pos++;
      ms = sc.fractionMs();
    }
  }
  const blanksBefore = sc.blanks();
  const meridiem = readMeridiem(sc);
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  } else if (blanksBefore === 0) {
    const offset = readZone(sc);
    if (offset === null) return undefined;
    if (offset !== undefined) reading.offsetMinutes = offset;
  }
  sc.blanks();
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  return ((hour * 60 + minute) * 60 + second) * 1000 + ms;
}

function readMeridiem(sc: DateScanner): 'am' | 'pm' | undefined {
  const c = sc.peek() | 32;
  if ((c !== 97 && c !== 112) || ((sc.s.charCodeAt(sc.pos + 1) | 32) !== 109)) return undefined;
  sc.pos += 2;
  return c === 97 ? 'am' : 'pm';
}

/** `Z` gives 0, `+hh:mm`/`-hh:mm` the offset, nothing gives undefined, a broken zone null. */
function readZone(sc: DateScanner): number | undefined | null {
  if (sc.accept(90)) return 0;
  const sign = sc.peek();
  if (sign !== 43 && sign !== 45) return undefined;
  sc.pos++;
  const h = sc.digits(2, 2);
  sc.accept(58);
  const m = sc.digits(2, 2);
  if (h === undefined || m === undefined) return null;
  return (sign === 43 ? 1 : -1) * (h * 60 + m);
}

function isValidReading(r: DateReading): boolean {
  return r.year >= 1601 && r.first >= 1 && r.second >= 1 && r.first <= 31 && r.second <= 31;
}

/**
 * The day/month order of one export, from the readings that fix it; undefined when none does or when
 * they disagree (the export then mixes locales and ambiguous dates stay unread).
 */
export function decideDayMonthOrder(readings: Iterable<DateReading>): DayMonthOrder | undefined {
  let order: DayMonthOrder | undefined;
  for (const r of readings) {
    if (r.evidence === undefined) continue;
    if (order === undefined) order = r.evidence;
    else if (order !== r.evidence) return undefined;
  }
  return order;
}

/** Milliseconds since the epoch for a reading, using `documentOrder` when the reading alone is ambiguous. */
export function timeOf(reading: DateReading, documentOrder: DayMonthOrder | undefined): number | undefined {
  const order = reading.order ?? documentOrder;
  if (order === undefined) return undefined;
  const month = order === 'month-first' ? reading.first : reading.second;
  const day = order === 'month-first' ? reading.second : reading.first;
  if (month < 1 || month > 12 || day < 1) return undefined;
  const leap = reading.year % 4 === 0 && (reading.year % 100 !== 0 || reading.year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (day > maxDay) return undefined;
  const wallClock = Date.UTC(reading.year, month - 1, day) + reading.msOfDay;
  return wallClock - (reading.offsetMinutes ?? 0) * 60000;
}

/** Reads a date text that must be unambiguous on its own (no document context). */
export function parseDateTime(raw: string): number | undefined {
  const reading = readDate(raw);
  return reading === undefined ? undefined : timeOf(reading, undefined);
}
