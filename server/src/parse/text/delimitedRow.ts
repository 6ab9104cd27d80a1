import type { SourceValue } from '../model';
import type { SliceCache } from '../sliceCache';
import { ForwardSearch, lineContentEnd, nextLineStart, trimmedValue } from './textCursor';

const QUOTE = 34;
const CR = 13;
const LF = 10;
const SPACE = 32;

/**
 * One delimited row. The arrays are reused from row to row by `readDelimitedRow` (one reader per
 * export), so callers copy out what they keep; the SourceValues themselves are fresh per row.
 */
export interface DelimitedRow {
  /** Field values, undefined for an empty field. */
  values: (SourceValue | undefined)[];
  /** Where each field's cell starts (its first character, or the opening quote). */
  cellStarts: number[];
  /** End of the row's last content character (before the line break). */
  end: number;
  /** Start of the line after the row. */
  next: number;
  /** Set when a quoted field had no closing quote; the field then ends with its first line. */
  unterminatedQuoteAt?: number;
  /** Bit i is set when field i's value is not the text of its span (quotes or line breaks undone); see `isRawCell`. */
  decoded: number;
}

/** Whether field `i` of `row` is the text of its span, unchanged. Fields past the 31st are never taken to be. */
export function isRawCell(row: DelimitedRow, i: number): boolean {
  return i < 31 && ((row.decoded >> i) & 1) === 0;
}

export interface RowReaderOptions {
  delimiter: number;
  /** Region end. */
  limit: number;
  /** A quoted field never runs into a line this accepts (it is a new row): the quote is then unterminated. */
  isRowStart?: (lineStart: number) => boolean;
  /** When false, quoted fields end at their line's end (used after an unterminated quote ran to the region end). */
  multiLine: boolean;
  /** Searches shared by every row of one export, so finding quotes and delimiters stays linear. */
  quotes: ForwardSearch;
  delimiters: ForwardSearch;
  /** Shares the strings of the cells in `pooledColumns` (bit i for column i): the columns whose values repeat. */
  pool?: SliceCache;
  pooledColumns: number;
}

/** The options for reading the rows of one export in `[.., limit)`. */
export function rowReaderOptions(text: string, delimiter: number, limit: number, isRowStart?: (lineStart: number) => boolean): RowReaderOptions {
  return {
    delimiter,
    limit,
    isRowStart,
    multiLine: true,
    pooledColumns: 0,
    quotes: new ForwardSearch(text, '"', limit),
    delimiters: new ForwardSearch(text, String.fromCharCode(delimiter), limit),
  };
}

/**
 * Reads one delimited row (tab or comma) starting at `pos`: quoted fields may span lines and escape
 * quotes as `""`. A quoted field's span is its content inside the quotes, blanks and line breaks trimmed.
 */
export function readDelimitedRow(text: string, pos: number, options: RowReaderOptions, reuse?: DelimitedRow): DelimitedRow {
  const row: DelimitedRow = reuse ?? { values: [], cellStarts: [], end: pos, next: pos, decoded: 0 };
  row.values.length = 0;
  row.cellStarts.length = 0;
  row.unterminatedQuoteAt = undefined;
  row.decoded = 0;
  const { values, cellStarts } = row;
  const { delimiter, limit, delimiters } = options;
  let p = pos;
  let lineEnd = lineContentEnd(text, p, limit);
  for (;;) {
    const cellStart = p;
    let q = p;
    while (q < lineEnd && text.charCodeAt(q) === SPACE) q++;
    if (q < lineEnd && text.charCodeAt(q) === QUOTE) {
      const close = findClosingQuote(text, q + 1, options);
      const pool = isPooled(options, cellStarts.length) ? options.pool : undefined;
      cellStarts.push(cellStart);
      if (close < 0) {
        row.unterminatedQuoteAt = q;
        values.push(trimmedValue(text, q + 1, lineEnd));
        return finish(row, text, lineEnd, limit);
      }
      values.push(quotedValue(text, q + 1, close, pool, row));
      if (close >= lineEnd) lineEnd = lineContentEnd(text, close, limit);
      // Text between the closing quote and the delimiter is malformed but harmless: skip it.
      p = delimiters.next(close + 1);
      if (p < 0 || p > lineEnd) p = lineEnd;
    } else {
      let e = delimiters.next(q);
      if (e < 0 || e > lineEnd) e = lineEnd;
      const pool = isPooled(options, cellStarts.length) ? options.pool : undefined;
      cellStarts.push(cellStart);
      values.push(trimmedValue(text, q, e, pool));
      p = e;
    }
    if (p < lineEnd && text.charCodeAt(p) === delimiter) {
      p++;
      continue;
    }
    return finish(row, text, p, limit);
  }
}

function isPooled(options: RowReaderOptions, column: number): boolean {
  return column < 31 && ((options.pooledColumns >> column) & 1) === 1;
}

function finish(row: DelimitedRow, text: string, end: number, limit: number): DelimitedRow {
  row.end = end;
  row.next = nextLineStart(text, end, limit);
  return row;
}

/** Offset of the quote closing a field whose content starts at `from`, or -1 when it is unterminated. */
function findClosingQuote(text: string, from: number, options: RowReaderOptions): number {
  const { limit } = options;
  let p = from;
  let nextNewline = text.indexOf('\n', from);
  if (nextNewline >= limit) nextNewline = -1;
  for (;;) {
    const quote = options.quotes.next(p);
    // Check every line the quoted text would run into before the candidate quote.
    while (nextNewline >= 0 && (quote < 0 || nextNewline < quote)) {
      if (!options.multiLine) return -1;
      const lineStart = nextNewline + 1;
      if (options.isRowStart?.(lineStart)) return -1;
      nextNewline = text.indexOf('\n', lineStart);
      if (nextNewline >= limit) nextNewline = -1;
    }
    if (quote < 0) return -1;
    if (quote + 1 < limit && text.charCodeAt(quote + 1) === QUOTE) {
      p = quote + 2;
      continue;
    }
    return quote;
  }
}

/** The value of a quoted field; marks it in `row.decoded` (as the row's next field) when it is not its span's text. */
function quotedValue(text: string, start: number, end: number, pool: SliceCache | undefined, row: DelimitedRow): SourceValue | undefined {
  let s = start;
  let e = end;
  while (s < e && isSpaceOrBreak(text.charCodeAt(s))) s++;
  while (e > s && isSpaceOrBreak(text.charCodeAt(e - 1))) e--;
  if (s === e) return undefined;
  let value = pool === undefined ? text.slice(s, e) : pool.slice(s, e);
  const quotes = value.indexOf('"') >= 0;
  if (quotes) value = value.replace(/""/g, '"');
  const breaks = value.indexOf('\r') >= 0;
  if (breaks) value = value.replace(/\r\n?/g, '\n');
  if ((quotes || breaks) && row.values.length < 31) row.decoded |= 1 << row.values.length;
  return { start: s, end: e, value };
}

function isSpaceOrBreak(c: number): boolean {
  return c === SPACE || c === 9 || c === LF || c === CR || c === 0xa0;
}
