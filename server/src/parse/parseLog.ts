import type { LogEvent, LogKind, ParsedLog, ParseProblem } from './model';
import { sniffXmlEvents } from './sniff';
import { parseTextLog } from './text/parseTextLog';
import { mergeDetailsIntoXml } from './xml/mergeDetailsIntoXml';
import { parseXmlEvents } from './xml/parseXmlEvents';

export { mergeDetailsIntoXml } from './xml/mergeDetailsIntoXml';

/**
 * Parses a whole document into events, sniffing its content (never its file name). A document holding
 * Windows event XML (see `sniffXmlEvents`) is read with the XML scanner and every non-blank region between its events (a pasted details header before
 * `Event Xml:`, a text export pasted after the XML) goes to the text parsers; any other document goes to the
 * text parsers whole. Offsets index `text` as given, a leading BOM included. Never throws.
 */
export function parseLog(text: string): ParsedLog {
  const sniffed = sniffXmlEvents(text);
  const xml = sniffed === undefined ? undefined : parseXmlEvents(text, 0, text.length);
  // Event XML quoted in prose (a README showing `<Event xmlns=...>...`) is not a log unless a real event comes out.
  if (xml === undefined || (sniffed === 'embedded' && xml.events.length === 0)) {
    const { events, problems } = parseTextLog(text, 0, text.length);
    return { kind: kindOf(events, problems, false), events, problems };
  }
  const textEvents: LogEvent[] = [];
  const textProblems: ParseProblem[] = [];
  let gapStart = 0;
  for (const event of xml.events) {
    parseGap(text, gapStart, event.span.start, textEvents, textProblems);
    gapStart = event.span.end;
  }
  parseGap(text, gapStart, text.length, textEvents, textProblems);
  const events = mergeDetailsIntoXml(text, textEvents, xml.events);
  const problems = mergeByStart(xml.problems, textProblems);
  return { kind: kindOf(events, problems, true), events, problems };
}

function parseGap(text: string, start: number, end: number, events: LogEvent[], problems: ParseProblem[]): void {
  if (!hasText(text, start, end)) return;
  const result = parseTextLog(text, start, end);
  events.push(...result.events);
  problems.push(...result.problems);
}

/** 'xml', 'text' or 'mixed' by the formats of the events; a recognized XML log with only problems is 'xml'. */
function kindOf(events: readonly LogEvent[], problems: readonly ParseProblem[], xmlLog: boolean): LogKind | undefined {
  let xml = false;
  let other = false;
  for (const event of events) {
    if (event.format === 'xml') xml = true;
    else other = true;
  }
  if (xml && other) return 'mixed';
  if (xml) return 'xml';
  if (other) return 'text';
  if (problems.length === 0) return undefined;
  return xmlLog ? 'xml' : 'text';
}

function mergeByStart(a: readonly ParseProblem[], b: readonly ParseProblem[]): ParseProblem[] {
  if (b.length === 0) return [...a];
  return [...a, ...b].sort((p, q) => p.span.start - q.span.start);
}

function hasText(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0xfeff) return true;
  }
  return false;
}
