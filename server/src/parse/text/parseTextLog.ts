import type { LogEvent, ParseProblem } from '../model';
import { decideDayMonthOrder, readDate, timeOf, type DateReading } from './dates';
import { isDetailsStart, tryParseDetailsBlock } from './detailsBlock';
import { isEventViewerHeader, parseEventViewerTable } from './eventViewerTable';
import { tryParseFormatList } from './formatList';
import { isFenceLine } from './labelLine';
import { isLegacyStart, tryParseLegacyBlock } from './legacyBlock';
import { scanLogLines } from './logLines';
import { tryParsePowerShellCsv } from './powershellCsv';
import { tryParsePowerShellTable } from './powershellTable';
import type { TextParseContext } from './textParseContext';
import { lineContentEnd, nextLineStart, skipBlanks, startsWithIgnoreCase } from './textCursor';
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
  const ctx: TextParseContext = {
    text,
    end: limit,
    events: [],
    problems: [],
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
  const first = ctx.text.charCodeAt(skipBlanks(ctx.text, lineStart, contentEnd));
  // Every shape opens with a letter, a quote, '#' or '>' (a Markdown quote); skip other lines cheaply.
  if (!(first >= 65 && first <= 90) && !(first >= 97 && first <= 122) && first !== 34 && first !== 35 && first !== 62 && first < 128) {
    return -1;
  }
  for (const shape of SHAPES) {
    const next = shape(ctx, lineStart, contentEnd);
    if (next > lineStart) return next;
  }
  return -1;
}

/** The lines where a block's message stops: the start of another block, an export header or a code fence. */
function isShapeStart(text: string, lineStart: number, contentEnd: number): boolean {
  return (
    isWevtutilStart(text, lineStart, contentEnd) ||
    isFenceLine(text, lineStart, contentEnd) ||
    isDetailsStart(text, lineStart, contentEnd) ||
    isLegacyStart(text, lineStart, contentEnd) ||
    isEventViewerHeader(text, lineStart, contentEnd) ||
    startsWithIgnoreCase(text, skipBlanks(text, lineStart, contentEnd), '#type ')
  );
}

function isSorted(events: LogEvent[]): boolean {
  for (let i = 1; i < events.length; i++) {
    if ((events[i - 1]?.span.start ?? 0) > (events[i]?.span.start ?? 0)) return false;
  }
  return true;
}

/** Sets `time` on every event whose date text can be read, resolving day/month order over the region. */
function resolveTimes(events: LogEvent[]): void {
  const readings: (DateReading | undefined)[] = new Array<DateReading | undefined>(events.length);
  const known: DateReading[] = [];
  for (let i = 0; i < events.length; i++) {
    const text = events[i]?.timeCreated?.value;
    const reading = text === undefined ? undefined : readDate(text);
    readings[i] = reading;
    if (reading?.evidence) known.push(reading);
  }
  const order = decideDayMonthOrder(known);
  for (let i = 0; i < events.length; i++) {
    const reading = readings[i];
    const event = events[i];
    if (!reading || !event) continue;
    const time = timeOf(reading, order);
    if (time !== undefined) event.time = time;
  }
}
