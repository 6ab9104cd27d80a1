import { displayedEventId, type LogEvent, type SourceValue } from '../model';

/** `value` trimmed, without a new string when there is nothing to trim (the usual case). */
function trimmed(value: string): string {
  const n = value.length;
  if (n === 0) return value;
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(n - 1);
  return first <= 32 || last <= 32 || first === 0xa0 || last === 0xa0 || first === 0xfeff ? value.trim() : value;
}

/**
 * Sets one event field from a value (trimmed, with its span) and the decoded text it came from. Events differ
 * in which fields they hold and in what order, so they come in many hidden classes: each field's store lives
 * in its own small setter, called through a table, so a new class costs at most that setter's optimized code
 * instead of deoptimizing the renderer around it.
 */
type Setter = (event: LogEvent, value: SourceValue, text: string) => void;

/** `System` leaf elements and the fields their text fills. */
const SYSTEM_TEXT = new Map<string, Setter>([
  [
    'EventID',
    (e, v) => {
      e.eventId = v;
      e.id = displayedEventId(v.value);
    },
  ],
  ['Version', (e, v) => (e.version = v)],
  [
    'Level',
    (e, v) => {
      e.level = v;
      const n = displayedEventId(v.value);
      if (n !== undefined) e.levelNumber = n;
    },
  ],
  ['Task', (e, v) => (e.task = v)],
  ['Opcode', (e, v) => (e.opcode = v)],
  ['Keywords', (e, v) => (e.keywords = v)],
  ['EventRecordID', (e, v) => (e.recordId = v)],
  ['Channel', (e, v) => (e.channel = v)],
  ['Computer', (e, v) => (e.computer = v)],
]);

const setProvider: Setter = (e, v) => (e.provider = v);
const setProviderGuid: Setter = (e, v) => (e.providerGuid = v);
const setEventSourceName: Setter = (e, v) => (e.eventSourceName = v);
const setQualifiers: Setter = (e, v) => (e.qualifiers = v);
const setProcessId: Setter = (e, v) => (e.processId = v);
const setThreadId: Setter = (e, v) => (e.threadId = v);
const setUserId: Setter = (e, v) => (e.userId = v);
const setBinary: Setter = (e, v) => (e.binary = v);
const setTimeCreated: Setter = (e, v, text) => {
  e.timeCreated = v;
  const time = isoMillis(text);
  if (time !== undefined) e.time = time;
};

/** The setter for attribute `name` of the `System` child `element`, or undefined. */
function systemAttribute(element: string | undefined, name: string): Setter | undefined {
  switch (element) {
    case 'Provider':
      return name === 'Name' ? setProvider : name === 'Guid' ? setProviderGuid : name === 'EventSourceName' ? setEventSourceName : undefined;
    case 'EventID':
      return name === 'Qualifiers' ? setQualifiers : undefined;
    case 'TimeCreated':
      return name === 'SystemTime' ? setTimeCreated : undefined;
    case 'Execution':
      return name === 'ProcessID' ? setProcessId : name === 'ThreadID' ? setThreadId : undefined;
    case 'Security':
      return name === 'UserID' ? setUserId : undefined;
  }
  return undefined;
}

/** Sets `span` or `anchor`, once per record: a store with a variable key stays generic (see `Setter`). */
function putSpan(event: LogEvent, key: 'span' | 'anchor', start: number, end: number): void {
  (event as unknown as Record<string, unknown>)[key] = { start, end };
}

/**
 * Fills a `LogEvent` while a record is rendered: the renderer reports every attribute and every
 * leaf element with its path (element names from `Event` down), decoded value and span in the XML.
 */
export class EventCollector {
  readonly event: LogEvent = { format: 'evtx', span: { start: 0, end: 0 }, anchor: { start: 0, end: 0 }, data: [] };
  /** `event.data`, held here: loading it from events of many shapes would be a polymorphic access per item. */
  private readonly data = this.event.data;
  private dataName: string | undefined;

  /** An element opens; its attributes and text follow. */
  elementStart(): void {
    this.dataName = undefined;
  }

  attribute(path: readonly string[], name: string, value: string, start: number, end: number): void {
    if (path.length !== 3) return;
    const section = path[1];
    if (section === 'EventData') {
      if (name === 'Name') this.dataName = value;
      return;
    }
    if (section !== 'System') return;
    const set = systemAttribute(path[2], name);
    if (set !== undefined) set(this.event, { value: trimmed(value), start, end }, value);
  }

  /** A leaf element (no child elements) with its text; empty elements report an empty value and span. */
  text(path: readonly string[], value: string, start: number, end: number): void {
    const depth = path.length;
    if (depth < 3) return;
    const section = path[1];
    const element = path[depth - 1] as string;
    if (section === 'System') {
      const set = depth === 3 ? SYSTEM_TEXT.get(element) : undefined;
      if (set !== undefined) set(this.event, { value: trimmed(value), start, end }, value);
    } else if (section === 'EventData') {
      if (depth !== 3) return;
      if (element === 'Binary') setBinary(this.event, { value: trimmed(value), start, end }, value);
      else if (this.dataName !== undefined) this.data.push({ value: trimmed(value), start, end, name: this.dataName });
      else if (element === 'Data') this.data.push({ value: trimmed(value), start, end });
      else this.data.push({ value: trimmed(value), start, end, name: localName(element) });
    } else if (section === 'UserData') {
      this.data.push({ value: trimmed(value), start, end, name: localName(element) });
    }
  }

  elementEnd(path: readonly string[], start: number, end: number): void {
    if (path.length === 3 && path[2] === 'EventID' && path[1] === 'System') putSpan(this.event, 'anchor', start, end);
  }

  /** The record's XML is `length` characters long: the event spans all of it. */
  finish(length: number): void {
    putSpan(this.event, 'span', 0, length);
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The field (year, month, day, hour, minute, second) of each character of `YYYY-MM-DDTHH:MM:SS`; -1 at separators. */
const FIELD_OF = [0, 0, 0, 0, -1, 1, 1, -1, 2, 2, -1, 3, 3, -1, 4, 4, -1, 5, 5];
/** Reused by every call: one loop over the text fills it, instead of a parse per field. */
const fields = [0, 0, 0, 0, 0, 0];

/** Milliseconds of `2016-06-29T15:24:34.346000000Z`-style text (fraction optional), or undefined. */
function isoMillis(text: string): number | undefined {
  if (text.length < 20 || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || !text.endsWith('Z')) return undefined;
  const f = fields;
  for (let i = 0; i < 6; i++) f[i] = 0;
  for (let i = 0; i < 19; i++) {
    const field = FIELD_OF[i] as number;
    if (field < 0) continue;
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    f[field] = (f[field] as number) * 10 + d;
  }
  let ms = 0;
  if (text[19] === '.') {
    // Every fraction digit must be a digit; the first three make the milliseconds, fewer are scaled up.
    const end = text.length - 1;
    if (end < 21) return undefined;
    for (let i = 20; i < end; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return undefined;
      if (i < 23) ms = ms * 10 + d;
    }
    for (let i = end; i < 23; i++) ms *= 10;
  } else if (text.length !== 20) {
    return undefined;
  }
  const time = Date.UTC(f[0] as number, (f[1] as number) - 1, f[2], f[3], f[4], f[5], ms);
  return Number.isNaN(time) ? undefined : time;
}
