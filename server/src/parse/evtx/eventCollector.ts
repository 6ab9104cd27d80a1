import { displayedEventId, type LogEvent, type SourceValue } from '../model';

/**
 * Fills a `LogEvent` while a record is rendered: the renderer reports every attribute and every
 * text-only element with its path, decoded value and span in the rendered XML.
 */
export class EventCollector {
  readonly event: LogEvent = { format: 'evtx', span: { start: 0, end: 0 }, anchor: { start: 0, end: 0 }, data: [] };
  private dataName: string | undefined;

  /** An element opens; `path` holds the names from `Event` down to it. */
  elementStart(_path: readonly string[]): void {
    this.dataName = undefined;
  }

  attribute(path: readonly string[], name: string, value: string, start: number, end: number): void {
    const e = this.event;
    const sv = (): SourceValue => ({ value: value.trim(), start, end });
    if (path.length === 3 && path[1] === 'System') {
      switch (path[2]) {
        case 'Provider':
          if (name === 'Name') e.provider = sv();
          else if (name === 'Guid') e.providerGuid = sv();
          else if (name === 'EventSourceName') e.eventSourceName = sv();
          return;
        case 'EventID':
          if (name === 'Qualifiers') e.qualifiers = sv();
          return;
        case 'TimeCreated':
          if (name === 'SystemTime') {
            e.timeCreated = sv();
            const time = isoMillis(value);
            if (time !== undefined) e.time = time;
          }
          return;
        case 'Execution':
          if (name === 'ProcessID') e.processId = sv();
          else if (name === 'ThreadID') e.threadId = sv();
          return;
        case 'Security':
          if (name === 'UserID') e.userId = sv();
          return;
      }
      return;
    }
    if (path.length === 3 && path[1] === 'EventData' && name === 'Name') this.dataName = value;
  }

  /** A leaf element (no child elements) with its text; empty elements report an empty value and span. */
  text(path: readonly string[], value: string, start: number, end: number): void {
    const e = this.event;
    const sv: SourceValue = { value: value.trim(), start, end };
    const section = path[1];
    if (path.length === 3 && section === 'System') {
      switch (path[2]) {
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
      return;
    }
    if (section === 'EventData' && path.length === 3) {
      const element = path[2] as string;
      if (element === 'Binary') e.binary = sv;
      else if (this.dataName !== undefined) e.data.push({ ...sv, name: this.dataName });
      else e.data.push(element === 'Data' ? sv : { ...sv, name: localName(element) });
      return;
    }
    if (section === 'UserData' && path.length >= 3) e.data.push({ ...sv, name: localName(path[path.length - 1] as string) });
  }

  elementEnd(path: readonly string[], start: number, end: number): void {
    if (path.length === 3 && path[1] === 'System' && path[2] === 'EventID') this.event.anchor = { start, end };
  }
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Milliseconds of `2016-06-29T15:24:34.346000000Z`-style text (fraction optional), or undefined. */
function isoMillis(text: string): number | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}.${(m[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
