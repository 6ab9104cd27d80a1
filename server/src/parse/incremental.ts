/**
 * Re-parsing after an edit without reading the whole document again: when the edit falls inside one XML event,
 * only that event is read again and the events after it are moved by the length difference. Anything the
 * event scanner could read differently in context (an edit between events, at an event's edges, one that breaks
 * the event's markup, a document that is not a pure XML export) falls back to a full `parseLog`, so the result is
 * always what `parseLog(newText)` returns.
 */
import type { DataValue, LogEvent, ParsedLog, ParseProblem, SourceValue, TextSpan } from './model';
import { parseLog } from './parseLog';
import { sniffXmlEvents } from './sniff';
import { StoredEvent } from './storedEvent';
import { parseXmlEvents } from './xml/parseXmlEvents';

/**
 * The edited document, read without building its whole text where possible: a large export is kept in pieces,
 * and joining them copies megabytes (see `PieceTextDocument`). A plain string is wrapped by `editedText`.
 */
export interface EditedText {
  slice(start: number, end: number): string;
  /** The whole text, for a full parse. */
  getText(): string;
}

/** `text` as an `EditedText`. */
export function editedText(text: string): EditedText {
  return { slice: (start, end) => text.slice(start, end), getText: () => text };
}

/** How much of the document's start is enough to tell it is still an XML export (see `stillXml`). */
const SNIFF_PREFIX = 64 * 1024;

/** One edit: the old text's `[start, end)` replaced by `length` characters. */
export interface TextChange {
  start: number;
  end: number;
  length: number;
}

/** The parse after an edit, and whether it was incremental. */
export interface Reparse {
  parsed: ParsedLog;
  /** The index of the one event read again, or undefined after a full parse. */
  reparsedEvent: number | undefined;
}

/**
 * The single edit equal to applying `first` and then `second` (whose offsets index the text after `first`):
 * the smallest old range covering both, and the length that range has afterwards.
 */
export function composeChanges(first: TextChange, second: TextChange): TextChange {
  const delta = first.length - (first.end - first.start);
  const firstNewEnd = first.start + first.length;
  const toOld = (offset: number, side: 'start' | 'end'): number => {
    if (offset <= first.start) return offset;
    if (offset >= firstNewEnd) return offset - delta;
    return side === 'start' ? first.start : first.end;
  };
  const start = Math.min(first.start, toOld(second.start, 'start'));
  const end = Math.max(first.end, toOld(second.end, 'end'));
  const secondDelta = second.length - (second.end - second.start);
  return { start, end, length: end - start + delta + secondDelta };
}

/**
 * Parses `newText`, the text `previous` was parsed from with `change` applied, reusing `previous` when the
 * change lies strictly inside one XML event: then only that event's text is read. `previous` is consumed: its
 * events after the change are moved in place, so it must not be used afterwards. The result equals
 * `parseLog(newText.getText())`.
 */
export function reparseAfterChange(previous: ParsedLog, newText: EditedText, change: TextChange): Reparse {
  const index = editableEvent(previous, change);
  if (index !== undefined && !makesTerminator(newText, change) && stillXml(newText, change)) {
    const parsed = replaceEvent(previous, newText, change, index);
    if (parsed) return { parsed, reparsedEvent: index };
  }
  return { parsed: parseLog(newText.getText()), reparsedEvent: undefined };
}

/**
 * Whether the content sniffing still finds event XML. The text before the edit did not change, and when a
 * prefix of it already decides 'document' the rest cannot undo that, so the whole text is sniffed only when it
 * does not (the root is far down, or the edit is near the start).
 */
function stillXml(newText: EditedText, change: TextChange): boolean {
  if (sniffXmlEvents(newText.slice(0, Math.min(change.start, SNIFF_PREFIX))) === 'document') return true;
  return sniffXmlEvents(newText.getText()) !== undefined;
}

/** The index of the XML event whose inside holds the whole change, when the rest of the parse cannot depend on it. */
function editableEvent(previous: ParsedLog, change: TextChange): number | undefined {
  if (previous.kind !== 'xml' || change.start > change.end) return undefined;
  const { events, problems } = previous;
  const index = lastStartingBefore(events, change.start);
  const event = events[index];
  if (event === undefined || event.format !== 'xml') return undefined;
  // Strictly inside: `<Event` and `</Event>` themselves stay as they were.
  if (!(event.span.start < change.start && change.end < event.span.end)) return undefined;
  for (const other of events) if (other.format !== 'xml') return undefined;
  // A problem before the event may be an opener (`<!--`) still looking for its end, which the edit could supply.
  for (const problem of problems) if (problem.span.start <= event.span.end) return undefined;
  return index;
}

/** Terminators an unclosed comment, CDATA section or processing instruction before the edit would stop at. */
const TERMINATORS = ['-->', ']]>', '?>'];

/**
 * Whether the edit may have made a terminator: outside an `<Events>` root an unclosed `<!--` is no problem to
 * report, yet a `-->` typed later ends it, so the text from there on reads differently.
 */
function makesTerminator(newText: EditedText, change: TextChange): boolean {
  const window = newText.slice(Math.max(0, change.start - 2), change.start + change.length + 2);
  return TERMINATORS.some((t) => window.includes(t));
}

/** The index of the last event starting before `offset` (events are in document order), or -1. */
function lastStartingBefore(events: readonly LogEvent[], offset: number): number {
  let lo = 0;
  let hi = events.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const event = events[mid];
    if (event !== undefined && event.span.start < offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/**
 * Reads the edited event again, from its own text (the scanner never looks outside the range it is given);
 * undefined when it does not come out as one clean event with the same extent.
 */
function replaceEvent(previous: ParsedLog, newText: EditedText, change: TextChange, index: number): ParsedLog | undefined {
  const old = previous.events[index];
  if (old === undefined) return undefined;
  const delta = change.length - (change.end - change.start);
  const start = old.span.start;
  const end = old.span.end + delta;
  const eventText = newText.slice(start, end);
  const region = parseXmlEvents(eventText, 0, eventText.length);
  const event = region.events[0];
  if (region.problems.length > 0 || region.events.length !== 1 || event === undefined || event.span.start !== 0 || event.span.end !== eventText.length) {
    return undefined;
  }
  shiftEvent(event, start);
  const events = previous.events;
  events[index] = event;
  if (delta !== 0) {
    for (let i = index + 1; i < events.length; i++) {
      const later = events[i];
      if (later !== undefined) shiftEvent(later, delta);
    }
    for (const problem of previous.problems) if (problem.span.start >= old.span.end) shiftSpan(problem.span, delta);
  }
  return { kind: previous.kind, events, problems: previous.problems as ParseProblem[] };
}

/**
 * Moves every span of `event` by `delta`: a stored event (XML) in one step, any other field by field. Written
 * out: an edit near the top of a large export moves tens of thousands of events, and named property reads are
 * several times faster than looping over keys.
 */
function shiftEvent(event: LogEvent, delta: number): void {
  if (event instanceof StoredEvent) {
    event.moveBy(delta);
    return;
  }
  shiftSpan(event.span, delta);
  if (event.anchor !== event.span) shiftSpan(event.anchor, delta);
  shiftValue(event.provider, delta);
  shiftValue(event.providerGuid, delta);
  shiftValue(event.eventSourceName, delta);
  shiftValue(event.eventId, delta);
  shiftValue(event.qualifiers, delta);
  shiftValue(event.version, delta);
  shiftValue(event.level, delta);
  shiftValue(event.task, delta);
  shiftValue(event.opcode, delta);
  shiftValue(event.keywords, delta);
  shiftValue(event.timeCreated, delta);
  shiftValue(event.recordId, delta);
  shiftValue(event.processId, delta);
  shiftValue(event.threadId, delta);
  shiftValue(event.channel, delta);
  shiftValue(event.computer, delta);
  shiftValue(event.userId, delta);
  shiftValue(event.binary, delta);
  shiftValue(event.message, delta);
  shiftValue(event.renderedLevel, delta);
  shiftValue(event.renderedProvider, delta);
  shiftValue(event.renderedTask, delta);
  shiftValue(event.renderedChannel, delta);
  const data: DataValue[] = event.data;
  for (let i = 0; i < data.length; i++) shiftValue(data[i], delta);
}

function shiftValue(value: SourceValue | undefined, delta: number): void {
  if (value !== undefined) shiftSpan(value, delta);
}

function shiftSpan(span: TextSpan, delta: number): void {
  span.start += delta;
  span.end += delta;
}
