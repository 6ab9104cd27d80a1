import { displayedEventId, type ParseProblem } from '../model';
import { SliceCache } from '../sliceCache';
import { ALL_FIELDS, Field, type StoredEvent } from '../storedEvent';
import type { ValueStore } from '../valueStore';
import { EventStores } from '../eventStores';
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
 * Fills an event's fields from the attributes and text of the elements the scanner finds. The first
 * occurrence of a field wins; a later duplicate is ignored.
 */
export class EventFields {
  private readonly values: XmlValueReader;
  /** Every event's fields and data values, in the order the scanner finds them. */
  readonly stores: EventStores;
  private readonly fieldStore: ValueStore;
  private readonly dataStore: ValueStore;

  /** `length`: how much text will be scanned, to size the stores. */
  constructor(
    private readonly text: string,
    private readonly problems: ParseProblem[],
    length: number,
  ) {
    const slices = new SliceCache(text);
    this.values = new XmlValueReader(text, problems, slices);
    // Real events take 500 to 4,000 characters for their 23 field slots, with up to 10 data values or so.
    this.stores = new EventStores(text, slices, length, Field.Count / 500, 10 / 500);
    this.fieldStore = this.stores.fields;
    this.dataStore = this.stores.data;
  }

  /** A new event with no values yet, spanning `[start, end)` so far. */
  open(start: number, end: number): StoredEvent {
    return this.stores.open('xml', ALL_FIELDS, { start, end }, { start, end });
  }

  /** Forgets an event that is not kept, so its values take no room. */
  discard(ev: StoredEvent): void {
    this.stores.discard(ev);
  }

  /** Reads what the model keeps from the attributes of a start tag just read into `attrs`. */
  applyAttributes(ev: StoredEvent, frame: Frame, attrs: StartTagReader): void {
    if (attrs.count === 0) return;
    switch (frame.role) {
      case Role.Event: {
        const i = attrs.find('xmlns');
        if (i === -1) return;
        const start = attrs.valueStart[i] ?? 0;
        const end = attrs.valueEnd[i] ?? 0;
        // Every event carries it: compare in place rather than build the string each time.
        if (end - start === WINDOWS_EVENT_NAMESPACE.length && this.text.startsWith(WINDOWS_EVENT_NAMESPACE, start)) return;
        const ns = this.values.read(start, end, true);
        if (ns.value !== WINDOWS_EVENT_NAMESPACE) {
          this.problems.push({
            span: { start: ns.start, end: ns.end },
            message: `Unexpected namespace '${ns.value}' on <Event>: expected '${WINDOWS_EVENT_NAMESPACE}'`,
          });
        }
        return;
      }
      case Role.Provider:
        this.attribute(ev, Field.Provider, attrs, 'Name');
        this.attribute(ev, Field.ProviderGuid, attrs, 'Guid');
        this.attribute(ev, Field.EventSourceName, attrs, 'EventSourceName');
        return;
      case Role.EventId:
        this.attribute(ev, Field.Qualifiers, attrs, 'Qualifiers');
        return;
      case Role.TimeCreated: {
        if (!this.attribute(ev, Field.TimeCreated, attrs, 'SystemTime')) return;
        // Numeric fields are set only when known, so an unknown stays an absent key, not `undefined`.
        const time = parseSystemTime(this.valueOf(ev, Field.TimeCreated));
        if (time !== undefined) ev.time = time;
        return;
      }
      case Role.Execution:
        this.attribute(ev, Field.ProcessId, attrs, 'ProcessID');
        this.attribute(ev, Field.ThreadId, attrs, 'ThreadID');
        return;
      case Role.Security:
        this.attribute(ev, Field.UserId, attrs, 'UserID');
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
  applyContent(ev: StoredEvent, frame: Frame, contentEnd: number, elementEnd: number): void {
    switch (frame.role) {
      case Role.EventId: {
        if (!this.content(ev, Field.EventId, frame, contentEnd)) return;
        const id = displayedEventId(this.valueOf(ev, Field.EventId));
        if (id !== undefined) ev.id = id;
        ev.anchorStart = frame.tagStart;
        ev.anchorEnd = elementEnd;
        return;
      }
      case Role.Version:
        this.content(ev, Field.Version, frame, contentEnd);
        return;
      case Role.Level: {
        if (!this.content(ev, Field.Level, frame, contentEnd)) return;
        const level = levelNumber(this.valueOf(ev, Field.Level));
        if (level !== undefined) ev.levelNumber = level;
        return;
      }
      case Role.Task:
        this.content(ev, Field.Task, frame, contentEnd);
        return;
      case Role.Opcode:
        this.content(ev, Field.Opcode, frame, contentEnd);
        return;
      case Role.Keywords:
        this.content(ev, Field.Keywords, frame, contentEnd);
        return;
      case Role.RecordId:
        this.content(ev, Field.RecordId, frame, contentEnd);
        return;
      case Role.Channel:
        this.content(ev, Field.Channel, frame, contentEnd);
        return;
      case Role.Computer:
        this.content(ev, Field.Computer, frame, contentEnd);
        return;
      case Role.Data:
        this.dataContent(ev, frame, contentEnd, frame.dataName);
        return;
      case Role.Binary:
        this.content(ev, Field.Binary, frame, contentEnd);
        return;
      case Role.UserNode:
        if (frame.hasChild) return;
        this.dataContent(ev, frame, contentEnd, this.text.slice(frame.localStart, frame.nameEnd));
        return;
      case Role.RenderedMessage:
        this.content(ev, Field.Message, frame, contentEnd);
        return;
      case Role.RenderedLevel:
        this.content(ev, Field.RenderedLevel, frame, contentEnd);
        return;
      case Role.RenderedTask:
        this.content(ev, Field.RenderedTask, frame, contentEnd);
        return;
      case Role.RenderedChannel:
        this.content(ev, Field.RenderedChannel, frame, contentEnd);
        return;
      case Role.RenderedProvider:
        this.content(ev, Field.RenderedProvider, frame, contentEnd);
        return;
      default:
        return;
    }
  }

  /** Keeps the element's text as `field` unless the event has it already; whether it was kept. */
  private content(ev: StoredEvent, field: Field, frame: Frame, contentEnd: number): boolean {
    if (ev.has(field)) return false;
    this.values.storeIn(this.fieldStore, ev.slotOf(field), frame.contentStart, contentEnd, frame.plain);
    return true;
  }

  private dataContent(ev: StoredEvent, frame: Frame, contentEnd: number, name: string | undefined): void {
    this.values.appendTo(this.dataStore, frame.contentStart, contentEnd, frame.plain, name);
    ev.dataEnd = this.dataStore.length;
  }

  /** Keeps attribute `name` as `field` unless absent or the event has it already; whether it was kept. */
  private attribute(ev: StoredEvent, field: Field, attrs: StartTagReader, name: string): boolean {
    if (ev.has(field)) return false;
    const i = attrs.find(name);
    if (i === -1) return false;
    this.values.storeIn(this.fieldStore, ev.slotOf(field), attrs.valueStart[i] ?? 0, attrs.valueEnd[i] ?? 0, true);
    return true;
  }

  private valueOf(ev: StoredEvent, field: Field): string {
    return this.fieldStore.value(ev.slotOf(field));
  }
}

/** `<Level>` as a number: levels are small integers (0-5 predefined, providers may define up to 255). */
function levelNumber(value: string): number | undefined {
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 255 ? n : undefined;
}
