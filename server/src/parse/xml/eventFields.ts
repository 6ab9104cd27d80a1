import { displayedEventId, type DataValue, type LogEvent, type ParseProblem, type SourceValue } from '../model';
import { Role } from './eventRoles';
import type { StartTagReader } from './startTag';
import { parseSystemTime } from './systemTime';
import { ForwardFinder } from './xmlChars';
import { readXmlValue } from './xmlText';

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
  private readonly amp: ForwardFinder;

  constructor(
    private readonly text: string,
    private readonly problems: ParseProblem[],
  ) {
    this.amp = new ForwardFinder(text, '&');
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
      case Role.TimeCreated:
        if (ev.timeCreated !== undefined) return;
        ev.timeCreated = this.named(attrs, 'SystemTime');
        if (ev.timeCreated !== undefined) setIfDefined(ev, 'time', parseSystemTime(ev.timeCreated.value));
        return;
      case Role.Execution:
        ev.processId ??= this.named(attrs, 'ProcessID');
        ev.threadId ??= this.named(attrs, 'ThreadID');
        return;
      case Role.Security:
        ev.userId ??= this.named(attrs, 'UserID');
        return;
      case Role.Data:
        frame.dataName = this.named(attrs, 'Name')?.value;
        return;
      default:
        return;
    }
  }

  /** Reads the text of an element closed with its content ending at `contentEnd`, the element at `elementEnd`. */
  applyContent(ev: LogEvent, frame: Frame, contentEnd: number, elementEnd: number): void {
    switch (frame.role) {
      case Role.EventId:
        if (ev.eventId !== undefined) return;
        ev.eventId = this.content(frame, contentEnd);
        setIfDefined(ev, 'id', displayedEventId(ev.eventId.value));
        ev.anchor = { start: frame.tagStart, end: elementEnd };
        return;
      case Role.Version:
        ev.version ??= this.content(frame, contentEnd);
        return;
      case Role.Level:
        if (ev.level !== undefined) return;
        ev.level = this.content(frame, contentEnd);
        setIfDefined(ev, 'levelNumber', levelNumber(ev.level.value));
        return;
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
    const plain = frame.plain && this.amp.next(start, contentEnd) === -1;
    return name === undefined
      ? readXmlValue(this.text, start, contentEnd, plain, this.problems)
      : readXmlValue(this.text, start, contentEnd, plain, this.problems, name);
  }

  private named(attrs: StartTagReader, name: string): SourceValue | undefined {
    const i = attrs.find(name);
    return i === -1 ? undefined : this.attribute(attrs, i);
  }

  private attribute(attrs: StartTagReader, i: number): SourceValue {
    const start = attrs.valueStart[i] ?? 0;
    const end = attrs.valueEnd[i] ?? 0;
    return readXmlValue(this.text, start, end, this.amp.next(start, end) === -1, this.problems);
  }
}

/** Sets an optional numeric field only when it has a value, so an unknown stays an absent key, not `undefined`. */
function setIfDefined(ev: LogEvent, key: 'id' | 'levelNumber' | 'time', value: number | undefined): void {
  if (value !== undefined) ev[key] = value;
}

/** `<Level>` as a number: levels are small integers (0-5 predefined, providers may define up to 255). */
function levelNumber(value: string): number | undefined {
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 255 ? n : undefined;
}
