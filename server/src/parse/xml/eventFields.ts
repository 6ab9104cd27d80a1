import { displayedEventId, type DataValue, type LogEvent, type ParseProblem, type SourceValue } from '../model';
import { Role } from './eventRoles';
import type { StartTagReader } from './startTag';
import { parseSystemTime } from './systemTime';
import { XmlValueReader } from './xmlText';

/** The Windows event schema namespace every `<Event>` written by Windows carries. */
export const WINDOWS_EVENT_NAMESPACE = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** An open element inside an event; the scanner reuses these from event to event. */
export interface Frame {
  role: Role;
  /** Offset of the `<` of the start tag. */
  tagStart: number;
  /** The qualified name `[nameStart, nameEnd)` and where its local part starts. */
  nameStart: number;
  nameEnd: number;
  localStart: number;
  /** Just after the start tag's `>` (for `<X/>`, the offset of the `/`). */
  contentStart: number;
  hasChild: boolean;
  /** False once a comment, CDATA section or processing instruction was seen in the content. */
  plain: boolean;
  /** The decoded `Name` attribute of `<Data>`. */
  dataName: string | undefined;
}

/**
 * Fills `LogEvent` fields from the attributes and text of the elements the scanner finds. The first
 * occurrence of a field wins; a later duplicate is ignored.
 */
export class EventFields {
  private readonly values: XmlValueReader;

  constructor(
    private readonly text: string,
    private readonly problems: ParseProblem[],
  ) {
    this.values = new XmlValueReader(text, problems);
  }

  /** Reads what the model keeps from the attributes of a start tag just read into `attrs`. */
  applyAttributes(ev: LogEvent, frame: Frame, attrs: StartTagReader): void {
    if (attrs.count === 0) return;
    switch (frame.role) {
      case Role.Event: {
        const i = attrs.find('xmlns');
        if (i === -1) return;
        const start = attrs.valueStart[i] ?? 0;
        const end = attrs.valueEnd[i] ?? 0;
        // Every event carries it: compare in place rather than build the string each time.
        if (end - start === WINDOWS_EVENT_NAMESPACE.length && this.text.startsWith(WINDOWS_EVENT_NAMESPACE, start)) return;
        const ns = this.attribute(attrs, i);
        if (ns.value !== WINDOWS_EVENT_NAMESPACE) {
          this.problems.push({
            span: { start: ns.start, end: ns.end },
            message: `Unexpected namespace '${ns.value}' on <Event>: expected '${WINDOWS_EVENT_NAMESPACE}'`,
          });
        }
        return;
      }
      case Role.Provider:
        ev.provider ??= this.named(attrs, 'Name');
        ev.providerGuid ??= this.named(attrs, 'Guid');
        ev.eventSourceName ??= this.named(attrs, 'EventSourceName');
        return;
      case Role.EventId:
        ev.qualifiers ??= this.named(attrs, 'Qualifiers');
        return;
      case Role.TimeCreated: {
        if (ev.timeCreated !== undefined) return;
        ev.timeCreated = this.named(attrs, 'SystemTime');
        // Numeric fields are set only when known, so an unknown stays an absent key, not `undefined`.
        const time = ev.timeCreated === undefined ? undefined : parseSystemTime(ev.timeCreated.value);
        if (time !== undefined) ev.time = time;
        return;
      }
      case Role.Execution:
        ev.processId ??= this.named(attrs, 'ProcessID');
        ev.threadId ??= this.named(attrs, 'ThreadID');
        return;
      case Role.Security:
        ev.userId ??= this.named(attrs, 'UserID');
        return;
      case Role.Data: {
        const i = attrs.find('Name');
        if (i !== -1) frame.dataName = this.values.readString(attrs.valueStart[i] ?? 0, attrs.valueEnd[i] ?? 0, true);
        return;
      }
      default:
        return;
    }
  }

  /** Reads the text of an element closed with its content ending at `contentEnd`, the element at `elementEnd`. */
  applyContent(ev: LogEvent, frame: Frame, contentEnd: number, elementEnd: number): void {
    switch (frame.role) {
      case Role.EventId: {
        if (ev.eventId !== undefined) return;
        ev.eventId = this.content(frame, contentEnd);
        const id = displayedEventId(ev.eventId.value);
        if (id !== undefined) ev.id = id;
        ev.anchor.start = frame.tagStart;
        ev.anchor.end = elementEnd;
        return;
      }
      case Role.Version:
        ev.version ??= this.content(frame, contentEnd);
        return;
      case Role.Level: {
        if (ev.level !== undefined) return;
        ev.level = this.content(frame, contentEnd);
        const level = levelNumber(ev.level.value);
        if (level !== undefined) ev.levelNumber = level;
        return;
      }
      case Role.Task:
        ev.task ??= this.content(frame, contentEnd);
        return;
      case Role.Opcode:
        ev.opcode ??= this.content(frame, contentEnd);
        return;
      case Role.Keywords:
        ev.keywords ??= this.content(frame, contentEnd);
        return;
      case Role.RecordId:
        ev.recordId ??= this.content(frame, contentEnd);
        return;
      case Role.Channel:
        ev.channel ??= this.content(frame, contentEnd);
        return;
      case Role.Computer:
        ev.computer ??= this.content(frame, contentEnd);
        return;
      case Role.Data:
        ev.data.push(this.content(frame, contentEnd, frame.dataName));
        return;
      case Role.Binary:
        ev.binary ??= this.content(frame, contentEnd);
        return;
      case Role.UserNode:
        if (frame.hasChild) return;
        ev.data.push(this.content(frame, contentEnd, this.text.slice(frame.localStart, frame.nameEnd)));
        return;
      case Role.RenderedMessage:
        ev.message ??= this.content(frame, contentEnd);
        return;
      case Role.RenderedLevel:
        ev.renderedLevel ??= this.content(frame, contentEnd);
        return;
      case Role.RenderedTask:
        ev.renderedTask ??= this.content(frame, contentEnd);
        return;
      case Role.RenderedChannel:
        ev.renderedChannel ??= this.content(frame, contentEnd);
        return;
      case Role.RenderedProvider:
        ev.renderedProvider ??= this.content(frame, contentEnd);
        return;
      default:
        return;
    }
  }

  /** The element's text; a `DataValue` named `name` when a name is given. */
  private content(frame: Frame, contentEnd: number, name?: string): DataValue {
    const start = frame.contentStart;
    return name === undefined
      ? this.values.read(start, contentEnd, frame.plain)
      : this.values.readNamed(start, contentEnd, frame.plain, name);
  }

  private named(attrs: StartTagReader, name: string): SourceValue | undefined {
    const i = attrs.find(name);
    return i === -1 ? undefined : this.attribute(attrs, i);
  }

  private attribute(attrs: StartTagReader, i: number): SourceValue {
    return this.values.read(attrs.valueStart[i] ?? 0, attrs.valueEnd[i] ?? 0, true);
  }
}

/** `<Level>` as a number: levels are small integers (0-5 predefined, providers may define up to 255). */
function levelNumber(value: string): number | undefined {
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 255 ? n : undefined;
}
