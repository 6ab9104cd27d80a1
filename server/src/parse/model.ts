/**
 * The one event model every parser produces (XML, text, .evtx) and every rule and feature reads.
 *
 * Offsets are UTF-16 code unit offsets into the document text the parser was given, so a feature can
 * turn them into LSP positions with the document's `positionAt`. A parser that has no source text
 * (the .evtx decoder when it streams straight to the CLI) uses empty spans at 0.
 */

/** A half-open range `[start, end)` of UTF-16 offsets into the document text. */
export interface TextSpan {
  start: number;
  end: number;
}

/** A value read from the log: the decoded text (entities resolved, trimmed) and where its raw text sits. */
export interface SourceValue extends TextSpan {
  value: string;
}

/** One payload value: `EventData/Data` (named or unnamed) or a leaf element below `UserData`. */
export interface DataValue extends SourceValue {
  /**
   * The `Name` attribute of `<Data Name='x'>`; for `UserData` the leaf element's local name
   * (`<UserData><LogFileCleared><SubjectUserName>` gives `SubjectUserName`); undefined for unnamed `<Data>`.
   */
  name?: string;
}

/** Which export shape an event was read from. */
export type EventFormat =
  | 'xml'
  | 'evtx'
  | 'tab-text'
  | 'csv'
  | 'wevtutil-text'
  | 'details-text'
  | 'legacy-text'
  | 'powershell-table'
  | 'powershell-list'
  | 'powershell-csv'
  | 'log-line';

/** Windows event levels (System/Level). 0 is LogAlways. */
export const enum EventLevel {
  LogAlways = 0,
  Critical = 1,
  Error = 2,
  Warning = 3,
  Information = 4,
  Verbose = 5,
}

export interface LogEvent {
  format: EventFormat;
  /** The whole event in the document (for XML: `<Event` to `</Event>`). */
  span: TextSpan;
  /**
   * The event's identifying part, where a diagnostic is drawn: the `<EventID>` element for XML,
   * the id cell or the message line for text shapes. Always inside `span`.
   */
  anchor: TextSpan;

  /** Provider `Name` (text exports: Source / ProviderName). */
  provider?: SourceValue;
  providerGuid?: SourceValue;
  eventSourceName?: SourceValue;
  /** `<EventID>` text exactly as written, e.g. `7036` or `3221232472`. */
  eventId?: SourceValue;
  /** The displayed event id: the low 16 bits of `eventId` (classic providers put qualifiers in the high bits). */
  id?: number;
  qualifiers?: SourceValue;
  version?: SourceValue;
  /** `<Level>` as written (a number in XML, a possibly localized word in text exports). */
  level?: SourceValue;
  /** The numeric level when known (see `EventLevel`). */
  levelNumber?: number;
  task?: SourceValue;
  opcode?: SourceValue;
  keywords?: SourceValue;
  /** `TimeCreated/@SystemTime` or the date (and time) text of a text export. */
  timeCreated?: SourceValue;
  /** Milliseconds since the Unix epoch (UTC) when the time could be read unambiguously; never invented. */
  time?: number;
  recordId?: SourceValue;
  processId?: SourceValue;
  threadId?: SourceValue;
  channel?: SourceValue;
  computer?: SourceValue;
  /** `Security/@UserID` (a SID) or the User of a text export. */
  userId?: SourceValue;
  /** `EventData/Data` values in document order, then `UserData` leaves. */
  data: DataValue[];
  /** `EventData/Binary` hex text. */
  binary?: SourceValue;
  /** The rendered message: `RenderingInfo/Message`, or the description of a text export. */
  message?: SourceValue;
  renderedLevel?: SourceValue;
  renderedProvider?: SourceValue;
  renderedTask?: SourceValue;
  renderedChannel?: SourceValue;
}

/** A place where the input is broken; reported as one Information diagnostic `eventlog.parse-error`. */
export interface ParseProblem {
  span: TextSpan;
  message: string;
}

/** The kind of log a document holds, as sniffed from its content (not its file name). */
export type LogKind = 'xml' | 'text' | 'mixed' | 'evtx';

export interface ParsedLog {
  /** Undefined when the content is not an event log at all: such documents get no diagnostics. */
  kind: LogKind | undefined;
  events: LogEvent[];
  problems: ParseProblem[];
}

/** The displayed id of an `<EventID>` text: the low 16 bits, or undefined when the text is not a number. */
export function displayedEventId(text: string): number | undefined {
  if (!/^\s*\d+\s*$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n % 0x10000 : undefined;
}
