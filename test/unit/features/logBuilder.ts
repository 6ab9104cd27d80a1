// Builds small XML exports together with the LogEvent objects a parser would produce for them (exact spans),
// so feature tests do not depend on the real parser.
import type { DataValue, LogEvent, ParsedLog, ParseProblem, SourceValue, TextSpan } from '../../../server/src/parse/model';

export interface EventSpec {
  provider?: string;
  id?: number;
  qualifiers?: string;
  level?: number;
  /** ISO time; omitted => no TimeCreated and no parsed time. */
  time?: string;
  record?: number;
  channel?: string;
  computer?: string;
  data?: Record<string, string>;
  message?: string;
}

export interface BuiltLog {
  text: string;
  parsed: ParsedLog;
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Appends text piece by piece, recording the span of the pieces that become values. */
class Writer {
  text = '';
  put(piece: string): TextSpan {
    const start = this.text.length;
    this.text += piece;
    return { start, end: this.text.length };
  }
  value(raw: string, decoded = raw): SourceValue {
    return { ...this.put(raw), value: decoded };
  }
}

function writeEvent(w: Writer, spec: EventSpec): LogEvent {
  const start = w.text.length;
  const event: Partial<LogEvent> & { data: DataValue[] } = { format: 'xml', data: [] };
  w.put("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>\n  <System>\n");
  if (spec.provider !== undefined) {
    w.put("    <Provider Name='");
    event.provider = w.value(xmlEscape(spec.provider), spec.provider);
    w.put("'/>\n");
  }
  w.put('    ');
  const anchorStart = w.text.length;
  if (spec.qualifiers !== undefined) {
    w.put("<EventID Qualifiers='");
    event.qualifiers = w.value(spec.qualifiers);
    w.put("'>");
  } else {
    w.put('<EventID>');
  }
  const id = spec.id ?? 0;
  event.eventId = w.value(String(id));
  event.id = id % 0x10000;
  w.put('</EventID>');
  event.anchor = { start: anchorStart, end: w.text.length };
  w.put('\n');
  if (spec.level !== undefined) {
    w.put('    <Level>');
    event.level = w.value(String(spec.level));
    event.levelNumber = spec.level;
    w.put('</Level>\n');
  }
  if (spec.time !== undefined) {
    w.put("    <TimeCreated SystemTime='");
    event.timeCreated = w.value(spec.time);
    const time = Date.parse(spec.time);
    if (!Number.isNaN(time)) event.time = time;
    w.put("'/>\n");
  }
  if (spec.record !== undefined) {
    w.put('    <EventRecordID>');
    event.recordId = w.value(String(spec.record));
    w.put('</EventRecordID>\n');
  }
  if (spec.channel !== undefined) {
    w.put('    <Channel>');
    event.channel = w.value(xmlEscape(spec.channel), spec.channel);
    w.put('</Channel>\n');
  }
  if (spec.computer !== undefined) {
    w.put('    <Computer>');
    event.computer = w.value(xmlEscape(spec.computer), spec.computer);
    w.put('</Computer>\n');
  }
  w.put('  </System>\n');
  if (spec.data !== undefined) {
    w.put('  <EventData>\n');
    for (const [name, value] of Object.entries(spec.data)) {
      w.put(`    <Data Name='${name}'>`);
      event.data.push({ ...w.value(xmlEscape(value), value), name });
      w.put('</Data>\n');
    }
    w.put('  </EventData>\n');
  }
  if (spec.message !== undefined) {
    w.put("  <RenderingInfo Culture='en-US'>\n    <Message>");
    event.message = w.value(xmlEscape(spec.message), spec.message);
    w.put('</Message>\n  </RenderingInfo>\n');
  }
  w.put('</Event>');
  event.span = { start, end: w.text.length };
  w.put('\n');
  return event as LogEvent;
}

/** `<Events>` + one event per spec (each on its own lines) + `</Events>`. */
export function buildLog(specs: readonly EventSpec[], problems: readonly ParseProblem[] = []): BuiltLog {
  const w = new Writer();
  w.put('<Events>\n');
  const events = specs.map((spec) => writeEvent(w, spec));
  w.put('</Events>\n');
  return { text: w.text, parsed: { kind: 'xml', events, problems: [...problems] } };
}
