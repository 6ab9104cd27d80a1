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
 * Fills a `LogEvent` while a record is rendered: the renderer reports every attribute and every
 * leaf element with its path (element names from `Event` down), decoded value and span in the XML.
 */
export class EventCollector {
  readonly event: LogEvent = { format: 'evtx', span: { start: 0, end: 0 }, anchor: { start: 0, end: 0 }, data: [] };
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
    const e = this.event;
    switch (path[2]) {
      case 'Provider':
        if (name === 'Name') e.provider = { value: trimmed(value), start, end };
        else if (name === 'Guid') e.providerGuid = { value: trimmed(value), start, end };
        else if (name === 'EventSourceName') e.eventSourceName = { value: trimmed(value), start, end };
        return;
      case 'EventID':
        if (name === 'Qualifiers') e.qualifiers = { value: trimmed(value), start, end };
        return;
      case 'TimeCreated':
        if (name === 'SystemTime') {
          e.timeCreated = { value: trimmed(value), start, end };
          const time = isoMillis(value);
          if (time !== undefined) e.time = time;
        }
        return;
      case 'Execution':
        if (name === 'ProcessID') e.processId = { value: trimmed(value), start, end };
        else if (name === 'ThreadID') e.threadId = { value: trimmed(value), start, end };
        return;
      case 'Security':
        if (name === 'UserID') e.userId = { value: trimmed(value), start, end };
        return;
    }
  }

  /** A leaf element (no child elements) with its text; empty elements report an empty value and span. */
  text(path: readonly string[], value: string, start: number, end: number): void {
    const depth = path.length;
    if (depth < 3) return;
    const e = this.event;
    const section = path[1];
    const element = path[depth - 1] as string;
    if (section === 'System') {
      if (depth === 3) this.systemText(element, { value: trimmed(value), start, end });
    } else if (section === 'EventData') {
      if (depth !== 3) return;
      if (element === 'Binary') e.binary = { value: trimmed(value), start, end };
      else if (this.dataName !== undefined) e.data.push({ value: trimmed(value), start, end, name: this.dataName });
      else if (element === 'Data') e.data.push({ value: trimmed(value), start, end });
      else e.data.push({ value: trimmed(value), start, end, name: localName(element) });
    } else if (section === 'UserData') {
      e.data.push({ value: trimmed(value), start, end, name: localName(element) });
    }
  }

  private systemText(element: string, sv: SourceValue): void {
    const e = this.event;
    switch (element) {
      case 'EventID':
        e.eventId = sv;
        e.id = displayedEventId(sv.value);
        break;
      case 'Version':
        e.version = sv;
        break;
      case 'Level': {
        e.level = sv;
        const n = displayedEventId(sv.value);
        if (n !== undefined) e.levelNumber = n;
        break;
      }
      case 'Task':
        e.task = sv;
        break;
      case 'Opcode':
        e.opcode = sv;
        break;
      case 'Keywords':
        e.keywords = sv;
        break;
      case 'EventRecordID':
        e.recordId = sv;
        break;
      case 'Channel':
        e.channel = sv;
        break;
      case 'Computer':
        e.computer = sv;
        break;
    }
  }

  elementEnd(path: readonly string[], start: number, end: number): void {
    if (path.length === 3 && path[2] === 'EventID' && path[1] === 'System') this.event.anchor = { start, end };
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
