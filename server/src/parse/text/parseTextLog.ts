import type { LogEvent, ParseProblem } from '../model';
import { decideDayMonthOrder, readDate, timeOf, type DateReading, type DayMonthOrder } from './dates';
import { isDetailsStart, tryParseDetailsBlock } from './detailsBlock';
import { isEventViewerHeader, parseEventViewerTable } from './eventViewerTable';
import { tryParseFormatList } from './formatList';
import { isFenceLine } from './labelLine';
import { isLegacyStart, tryParseLegacyBlock } from './legacyBlock';
import { scanLogLines } from './logLines';
import { tryParsePowerShellCsv } from './powershellCsv';
import { tryParsePowerShellTable } from './powershellTable';
import { EventStores } from '../eventStores';
import { SliceCache } from '../sliceCache';
import type { TextParseContext } from './textParseContext';
import { ForwardSearch, lineContentEnd, nextLineStart, skipBlanks, startsWithIgnoreCase } from './textCursor';
import { isWevtutilStart, tryParseWevtutilBlock } from './wevtutilBlock';

/** What the text parsers found in one region of a document. */
export interface TextParseResult {
  events: LogEvent[];
  problems: ParseProblem[];
}

/** The shape parsers, tried in order on each line; each returns the offset after what it read, or -1. */
const SHAPES: readonly ((ctx: TextParseContext, lineStart: number, contentEnd: number) => number)[] = [
  (ctx, s, e) => (isEventViewerHeader(ctx.text, s, e) ? parseEventViewerTable(ctx, s, e) : -1),
  tryParseWevtutilBlock,
  tryParseDetailsBlock,
  tryParseLegacyBlock,
  tryParsePowerShellCsv,
  tryParseFormatList,
  tryParsePowerShellTable,
];

/**
 * Parses the text export shapes (tab-delimited, CSV, wevtutil text, pasted details, legacy details,
 * PowerShell output, setup/update log lines) found in `text.slice(start, end)`; offsets stay absolute.
 * Returns no events when the region holds no text event log.
 *
 * The region is read line by line: a line that opens a shape hands over to that shape's parser, which
 * returns where the shape ends; the lines between shapes are searched for known log-line patterns.
 * Ambiguous day/month dates are resolved once over the whole region (see `dates.ts`).
 */
export function parseTextLog(fullText: string, start: number, end: number): TextParseResult {
  const limit = Math.min(end, fullText.length);
  // Searches (`indexOf` for a line break, a quote, a pattern) then stop at the region's end by themselves:
  // without this, every small region on one long line would scan the rest of the document. The prefix
  // keeps offsets absolute and costs no copy (V8 slices share the parent string).
  const text = limit < fullText.length ? fullText.slice(0, limit) : fullText;
  const pool = new SliceCache(text);
  const ctx: TextParseContext = {
    text,
    end: limit,
    events: [],
    problems: [],
    pool,
    // A table row takes 100 characters or more for its 6 fields; text events hold no data values.
    stores: new EventStores(text, pool, limit - start, 6 / 100, 0),
    carriageReturns: new ForwardSearch(text, '\r', limit),
    isShapeStart: (lineStart, contentEnd) => isShapeStart(text, lineStart, contentEnd),
  };
  let pos = Math.max(0, start);
  if (text.charCodeAt(pos) === 0xfeff) pos++;
  let gapStart = pos;
  while (pos < limit) {
    const contentEnd = lineContentEnd(text, pos, limit);
    const next = tryShapes(ctx, pos, contentEnd);
    if (next > pos) {
      scanLogLines(ctx, gapStart, pos);
      pos = next;
      gapStart = pos;
    } else {
      pos = nextLineStart(text, contentEnd, limit);
      if (pos === contentEnd) break;
    }
  }
  scanLogLines(ctx, gapStart, limit);
  if (!isSorted(ctx.events)) ctx.events.sort((a, b) => a.span.start - b.span.start);
  resolveTimes(ctx.events);
  return { events: ctx.events, problems: ctx.problems };
}

function tryShapes(ctx: TextParseContext, lineStart: number, contentEnd: number): number {
  if (!mayOpenShape(ctx.text.charCodeAt(skipBlanks(ctx.text, lineStart, contentEnd)))) return -1;
  for (const shape of SHAPES) {
    const next = shape(ctx, lineStart, contentEnd);
    if (next > lineStart) return next;
  }
  return -1;
}

/** The lines where a block's message stops: the start of another block, an export header or a code fence. */
function isShapeStart(text: string, lineStart: number, contentEnd: number): boolean {
  const first = skipBlanks(text, lineStart, contentEnd);
  if (!mayOpenShape(text.charCodeAt(first)) && text.charCodeAt(first) !== 96) return false;
  return (
    isWevtutilStart(text, lineStart, contentEnd) ||
    isFenceLine(text, lineStart, contentEnd) ||
    isDetailsStart(text, lineStart, contentEnd) ||
    isLegacyStart(text, lineStart, contentEnd) ||
    isEventViewerHeader(text, lineStart, contentEnd) ||
    startsWithIgnoreCase(text, first, '#type ')
  );
}

/**
 * Every shape opens with a letter, a quote, '#' or '>' (a Markdown quote): other lines are skipped cheaply.
 * `first` is NaN past the end of the text, which the shapes check for themselves.
 */
function mayOpenShape(first: number): boolean {
  if ((first >= 65 && first <= 90) || (first >= 97 && first <= 122)) return true;
  return first === 34 || first === 35 || first === 62 || first >= 128 || Number.isNaN(first);
}

function isSorted(events: LogEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    if ((events[i - 1]?.span.start ?? 0) > (events[i]?.span.start ?? 0)) return false;
  }
  return true;
}

/**
 * Sets `time` on every event whose date text can be read, resolving day/month order over the region.
 * Dates that fix their own order are timed at once; only the ambiguous ones wait for the region's order
 * (and are read again then), so no reading outlives its event's turn.
 */
function resolveTimes(events: LogEvent[]): void {
  const evidence: DateReading[] = [];
  const ambiguous: LogEvent[] = [];
  for (const event of events) {
    const text = event.timeCreated?.value;
    const reading = text === undefined ? undefined : readDate(text);
    if (reading === undefined) continue;
    // The region's order only depends on which orders the evidence shows, so one reading per order is enough.
    if (reading.evidence !== undefined && !evidence.some((r) => r.evidence === reading.evidence)) evidence.push(reading);
    if (reading.order === undefined) ambiguous.push(event);
    else setTime(event, reading, undefined);
  }
  const order = decideDayMonthOrder(evidence);
  if (order === undefined) return;
  for (const event of ambiguous) {
    const reading = readDate(event.timeCreated?.value ?? '');
    if (reading !== undefined) setTime(event, reading, order);
  }
}

function setTime(event: LogEvent, reading: DateReading, order: DayMonthOrder | undefined): void {
  const time = timeOf(reading, order);
  if (time !== undefined) event.time = time;
}
