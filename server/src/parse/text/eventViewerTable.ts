import type { EventStores } from '../eventStores';
import type { LogEvent, SourceValue } from '../model';
import { Field, FieldLayout, type StoredEvent } from '../storedEvent';
import { isLevelWord, levelNumberOf } from './levels';
import { isRawCell, readDelimitedRow, rowReaderOptions, type DelimitedRow } from './delimitedRow';
import { addProblem, displayedId, type TextParseContext } from './textParseContext';
import { isBlankLine, lineContentEnd, nextLineStart, skipBlanks, startsWithIgnoreCase } from './textCursor';
import { VOCABULARIES } from './vocabulary';

const TAB = 9;
const COMMA = 44;
const COLUMNS = 6;
const MAX_HEADER_LENGTH = 400;
/** Level, source, event id and task category repeat from row to row; the date and description do not. */
const POOLED_COLUMNS = 0b11101;
/** Longer than any level word of any language. */
const MAX_LEVEL_CELL = 40;

/** Each language's header, normalized: lower case, one space between words. */
const NORMALIZED_HEADERS: ReadonlySet<string> = new Set(VOCABULARIES.map((v) => v.tableHeader.join(' ').toLowerCase()));
const FIRST_HEADER_WORDS: readonly string[] = VOCABULARIES.map((v) => v.tableHeader[0].toLowerCase());

/**
 * True when the line is the column header of an Event Viewer "Save as Text" or CSV export, in any known
 * language; tabs, commas, quotes and runs of blanks (hand padding) all count as separators.
 */
export function isEventViewerHeader(text: string, lineStart: number, contentEnd: number): boolean {
  const p = skipBlanks(text, lineStart, contentEnd);
  if (contentEnd - p > MAX_HEADER_LENGTH) return false;
  const q = text.charCodeAt(p) === 34 ? p + 1 : p;
  if (!FIRST_HEADER_WORDS.some((w) => startsWithIgnoreCase(text, q, w))) return false;
  const normalized = text
    .slice(p, contentEnd)
    .toLowerCase()
    .replace(/[\s",\u00a0\ufeff]+/g, ' ')
    .trim();
  return NORMALIZED_HEADERS.has(normalized) || NORMALIZED_HEADERS.has(normalized.replace(/ description$/, ''));
}

/**
 * Parses the rows below an Event Viewer export header (`Level, Date and Time, Source, Event ID,
 * Task Category` plus the unnamed description column). Returns the offset after the export.
 */
export function parseEventViewerTable(ctx: TextParseContext, headerStart: number, headerEnd: number): number {
  const { text, end } = ctx;
  let pos = nextLineStart(text, headerEnd, end);
  const delimiter = chooseDelimiter(text, headerStart, headerEnd, pos, end);
  const format = delimiter === TAB ? 'tab-text' : 'csv';
  const isRowStart = (lineStart: number): boolean => startsWithLevelCell(text, lineStart, end, delimiter);
  const options = rowReaderOptions(text, delimiter, end, isRowStart);
  options.pool = ctx.pool;
  options.pooledColumns = POOLED_COLUMNS;
  let row: DelimitedRow | undefined;
  while (pos < end) {
    const contentEnd = lineContentEnd(text, pos, end);
    if (isBlankLine(text, pos, contentEnd)) break;
    if (!lineHas(text, delimiter, pos, contentEnd)) {
      const next = nextLineStart(text, contentEnd, end);
      if (contentEnd - pos <= MAX_LEVEL_CELL && isLevelWord(text.slice(pos, contentEnd).trim())) {
        addProblem(ctx, pos, contentEnd, `Event Viewer ${format} row has 1 of ${COLUMNS} columns`);
      } else if (!isRowStart(next)) {
        break;
      } else {
        addProblem(ctx, pos, contentEnd, `Line inside an Event Viewer ${format} export is not a row`);
      }
      pos = next;
      continue;
    }
    row = readDelimitedRow(text, pos, options, row);
    if (row.unterminatedQuoteAt !== undefined) {
      addProblem(ctx, row.unterminatedQuoteAt, row.end, 'Quoted description has no closing quote; it is read up to the end of its line');
    }
    if (row.values.length < COLUMNS - 1) {
      addProblem(ctx, pos, row.end, `Event Viewer ${format} row has ${row.values.length} of ${COLUMNS} columns`);
    } else {
      ctx.events.push(buildRowEvent(ctx, format, pos, row));
    }
    pos = row.unterminatedQuoteAt === undefined ? row.next : skipBrokenDescription(text, row.next, end, isRowStart);
    // A quote that ran to the end of the region leaves no row start to resume at: read the rest line by line.
    if (row.unterminatedQuoteAt !== undefined && pos >= end && row.next < end) {
      options.multiLine = false;
      pos = row.next;
    }
  }
  return pos;
}

/** The columns of a row, as fields. */
const ROW_FIELDS = new FieldLayout([Field.Level, Field.TimeCreated, Field.Provider, Field.EventId, Field.Task, Field.Message]);

/** A row's event; rows are the bulk of such an export, so it keeps its values in the context's stores. */
function buildRowEvent(ctx: TextParseContext, format: 'tab-text' | 'csv', start: number, row: DelimitedRow): LogEvent {
  const { stores } = ctx;
  const cells = row.values;
  const eventId = cells[3];
  const message = descriptionOf(ctx.text, row);
  const anchorSource = eventId ?? message;
  const anchor = anchorSource ? { start: anchorSource.start, end: anchorSource.end } : { start, end: row.end };
  const event = stores.open(format, ROW_FIELDS, { start, end: row.end }, anchor);
  const level = cells[0];
  if (level) {
    keepCell(stores, event, row, Field.Level, 0);
    const n = levelNumberOf(level.value);
    if (n !== undefined) event.levelNumber = n;
  }
  keepCell(stores, event, row, Field.TimeCreated, 1);
  keepCell(stores, event, row, Field.Provider, 2);
  if (eventId) {
    keepCell(stores, event, row, Field.EventId, 3);
    const id = displayedId(eventId.value);
    if (id !== undefined) event.id = id;
  }
  keepCell(stores, event, row, Field.Task, 4);
  // A description that ran on over several cells is a fresh slice of the row: the text of its span.
  if (message !== undefined && message !== cells[COLUMNS - 1]) stores.keepRaw(event, Field.Message, message);
  else keepCell(stores, event, row, Field.Message, COLUMNS - 1);
  return event;
}

/** Keeps cell `cell` of `row` as `field`: most cells are the text of their span, and keep just the span unread. */
function keepCell(stores: EventStores, event: StoredEvent, row: DelimitedRow, field: Field, cell: number): void {
  const value = row.values[cell];
  if (value === undefined) return;
  if (isRawCell(row, cell)) stores.keepRaw(event, field, value);
  else stores.keep(event, field, value);
}

/** The sixth column; an unquoted description holding the delimiter keeps the rest of the row. */
function descriptionOf(text: string, row: DelimitedRow): SourceValue | undefined {
  const first = row.values[COLUMNS - 1];
  const cellStart = row.cellStarts[COLUMNS - 1];
  if (row.values.length <= COLUMNS || cellStart === undefined || first === undefined) return first;
  if (text.charCodeAt(skipBlanks(text, cellStart, first.start)) === 34) return first;
  let last: SourceValue | undefined;
  for (let i = row.values.length - 1; i >= COLUMNS; i--) {
    last = row.values[i];
    if (last) break;
  }
  if (!last) return first;
  return { start: first.start, end: last.end, value: text.slice(first.start, last.end) };
}

/** The lines of a description whose quote never closed (covered by that problem) up to the next row. */
function skipBrokenDescription(text: string, from: number, end: number, isRowStart: (lineStart: number) => boolean): number {
  let p = from;
  while (p < end && !isRowStart(p)) p = nextLineStart(text, lineContentEnd(text, p, end), end);
  return p;
}

function chooseDelimiter(text: string, headerStart: number, headerEnd: number, firstRow: number, end: number): number {
  const rowEnd = lineContentEnd(text, firstRow, end);
  const tab = text.indexOf('\t', firstRow);
  if (tab >= 0 && tab < rowEnd) return TAB;
  const comma = text.indexOf(',', firstRow);
  if (comma >= 0 && comma < rowEnd) return COMMA;
  const headerTab = text.indexOf('\t', headerStart);
  return headerTab >= 0 && headerTab < headerEnd ? TAB : COMMA;
}

/** True when the line starts with a level word directly followed by the delimiter (a new row). */
function startsWithLevelCell(text: string, lineStart: number, end: number, delimiter: number): boolean {
  const limit = Math.min(end, lineStart + MAX_LEVEL_CELL);
  for (let p = lineStart; p < limit; p++) {
    const c = text.charCodeAt(p);
    if (c === delimiter) return isLevelWord(text.slice(lineStart, p).trim());
    if (c === 10 || c === 13) return false;
  }
  return false;
}

/** True when `code` occurs in `[from, to)`; scans only the line, never past it. */
function lineHas(text: string, code: number, from: number, to: number): boolean {
  for (let p = from; p < to; p++) if (text.charCodeAt(p) === code) return true;
  return false;
}
