import type { LogEvent, ParseProblem, SourceValue, TextSpan } from '../model';
import { levelNumberOf } from './levels';
import type { EventStores } from '../eventStores';
import type { SliceCache } from '../sliceCache';
import type { ForwardSearch } from './textCursor';

/** The state the shape parsers share while reading one region of a document. */
export interface TextParseContext {
  readonly text: string;
  /** Absolute end of the region; no parser reads at or beyond it. */
  readonly end: number;
  readonly events: LogEvent[];
  readonly problems: ParseProblem[];
  /** Shares the strings of values that repeat from event to event (levels, providers, computer names). */
  readonly pool: SliceCache;
  /** Where the shapes that make most of a large export (table rows, wevtutil blocks) keep their events' values. */
  readonly stores: EventStores;
  /** Finds the CRs of the region in one forward pass, however many values ask (see `isUnchangedMultiLine`). */
  readonly carriageReturns: ForwardSearch;
  /** True when the line `[lineStart, contentEnd)` opens a text shape; multi-line messages stop there. */
  isShapeStart(lineStart: number, contentEnd: number): boolean;
}

/** Records one broken place. */
export function addProblem(ctx: TextParseContext, start: number, end: number, message: string): void {
  ctx.problems.push({ span: { start, end: Math.max(start, end) }, message });
}

/** The fields a text shape can fill, keyed by their `LogEvent` names. */
export type TextField =
  | 'provider'
  | 'providerGuid'
  | 'eventId'
  | 'qualifiers'
  | 'version'
  | 'level'
  | 'task'
  | 'opcode'
  | 'keywords'
  | 'timeCreated'
  | 'recordId'
  | 'processId'
  | 'threadId'
  | 'channel'
  | 'computer'
  | 'userId'
  | 'message';

export type TextFields = Partial<Record<TextField, SourceValue>>;

/** Builds a finished event: `id` and `levelNumber` derived, `anchor` on the Event ID, else the message, else `fallbackAnchor`. */
export function buildEvent(
  format: LogEvent['format'],
  eventSpan: TextSpan,
  fields: TextFields,
  fallbackAnchor: TextSpan,
  levelNumber?: number,
): LogEvent {
  const anchorSource = fields.eventId ?? fields.message;
  const anchor =
    anchorSource && anchorSource.start >= eventSpan.start && anchorSource.end <= eventSpan.end
      ? { start: anchorSource.start, end: anchorSource.end }
      : { start: fallbackAnchor.start, end: fallbackAnchor.end };
  const event: LogEvent = Object.assign({ format, span: eventSpan, anchor, data: [] }, fields);
  if (fields.eventId) {
    const id = displayedId(fields.eventId.value);
    if (id !== undefined) event.id = id;
  }
  const number = levelNumber ?? (fields.level ? levelNumberOf(fields.level.value) : undefined);
  if (number !== undefined) event.levelNumber = number;
  return event;
}

/** The low 16 bits of a decimal event id text; undefined when it is not a plain number. */
export function displayedId(text: string): number | undefined {
  if (text.length === 0 || text.length > 15) return undefined;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n % 0x10000;
}

/** Drops undefined entries so events carry only the fields their text has. */
export function withoutUndefined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const key in fields) {
    const value = fields[key];
    if (value !== undefined) out[key] = value;
  }
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
