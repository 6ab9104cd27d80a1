import type { DataValue, EventFormat, LogEvent, SourceValue, TextSpan } from './model';
import type { ValueStore } from './valueStore';

/** The `SourceValue` fields of a `LogEvent`, by their slot in an event's block of a `ValueStore`. */
export const enum Field {
  Provider,
  ProviderGuid,
  EventSourceName,
  EventId,
  Qualifiers,
  Version,
  Level,
  Task,
  Opcode,
  Keywords,
  TimeCreated,
  RecordId,
  ProcessId,
  ThreadId,
  Channel,
  Computer,
  UserId,
  Binary,
  Message,
  RenderedLevel,
  RenderedProvider,
  RenderedTask,
  RenderedChannel,
  /** Slots per event. */
  Count,
}

/**
 * Which fields a shape of event can have, and in which of its slots each goes: a table row has 6 of the 23,
 * and slots for the other 17 would be memory written for nothing, row after row.
 */
export class FieldLayout {
  /** Slots per event. */
  readonly size: number;
  private readonly slots = new Int8Array(Field.Count).fill(-1);

  constructor(fields: readonly Field[]) {
    fields.forEach((field, i) => (this.slots[field] = i));
    this.size = fields.length;
  }

  /** The slot of `field` within an event's block, or -1 when the shape never has it. */
  slotOf(field: Field): number {
    return this.slots[field] ?? -1;
  }
}

/** Every field, for XML (and any shape that may have them all). */
export const ALL_FIELDS = new FieldLayout(Array.from({ length: Field.Count }, (_, i) => i));

/** The stores an event's values live in. */
export interface EventValueStores {
  readonly fields: ValueStore;
  readonly data: ValueStore;
}

/**
 * A `LogEvent` whose values stay in `ValueStore`s until read: each read builds a fresh `SourceValue`, span or
 * data list, so reading is for looking, never for keeping identity or writing through. The event is one
 * object: a large export holds hundreds of thousands, and every object kept is copied by the garbage collector
 * as it ages. `shift` moves every span of the event at once (an edit before it), so moving costs the same
 * whatever the event holds. `id`, `levelNumber` and `time` are plain properties, present only when known.
 */
export class StoredEvent implements LogEvent {
  declare id?: number;
  declare levelNumber?: number;
  declare time?: number;
  /** Added to every stored offset to give document offsets. */
  shift = 0;
  /** The end of this event's slots in `stores.data` (they start at `dataStart`). */
  dataEnd: number;
  /** The event's extent and its anchor, before `shift`. */
  spanStart: number;
  spanEnd: number;
  anchorStart: number;
  anchorEnd: number;

  constructor(
    readonly format: EventFormat,
    span: TextSpan,
    anchor: TextSpan,
    readonly stores: EventValueStores,
    readonly layout: FieldLayout,
    /** The first of this event's `layout.size` slots in `stores.fields`. */
    readonly base: number,
    readonly dataStart: number,
  ) {
    this.dataEnd = dataStart;
    this.spanStart = span.start;
    this.spanEnd = span.end;
    this.anchorStart = anchor.start;
    this.anchorEnd = anchor.end;
  }

  get span(): TextSpan {
    return { start: this.spanStart + this.shift, end: this.spanEnd + this.shift };
  }

  get anchor(): TextSpan {
    return { start: this.anchorStart + this.shift, end: this.anchorEnd + this.shift };
  }

  /** Moves the event and all its values by `delta`. */
  moveBy(delta: number): void {
    this.shift += delta;
  }

  /** The slot of `field` in `stores.fields`, or -1 when this event's shape never has it. */
  slotOf(field: Field): number {
    const local = this.layout.slotOf(field);
    return local < 0 ? -1 : this.base + local;
  }

  has(field: Field): boolean {
    const slot = this.slotOf(field);
    return slot >= 0 && this.stores.fields.has(slot);
  }

  private read(field: Field): SourceValue | undefined {
    const slot = this.slotOf(field);
    return slot < 0 ? undefined : this.stores.fields.sourceValue(slot, this.shift);
  }

  get data(): DataValue[] {
    return this.stores.data.dataList(this.dataStart, this.dataEnd, this.shift);
  }

  get provider(): SourceValue | undefined {
    return this.read(Field.Provider);
  }
  get providerGuid(): SourceValue | undefined {
    return this.read(Field.ProviderGuid);
  }
  get eventSourceName(): SourceValue | undefined {
    return this.read(Field.EventSourceName);
  }
  get eventId(): SourceValue | undefined {
    return this.read(Field.EventId);
  }
  get qualifiers(): SourceValue | undefined {
    return this.read(Field.Qualifiers);
  }
  get version(): SourceValue | undefined {
    return this.read(Field.Version);
  }
  get level(): SourceValue | undefined {
    return this.read(Field.Level);
  }
  get task(): SourceValue | undefined {
    return this.read(Field.Task);
  }
  get opcode(): SourceValue | undefined {
    return this.read(Field.Opcode);
  }
  get keywords(): SourceValue | undefined {
    return this.read(Field.Keywords);
  }
  get timeCreated(): SourceValue | undefined {
    return this.read(Field.TimeCreated);
  }
  get recordId(): SourceValue | undefined {
    return this.read(Field.RecordId);
  }
  get processId(): SourceValue | undefined {
    return this.read(Field.ProcessId);
  }
  get threadId(): SourceValue | undefined {
    return this.read(Field.ThreadId);
  }
  get channel(): SourceValue | undefined {
    return this.read(Field.Channel);
  }
  get computer(): SourceValue | undefined {
    return this.read(Field.Computer);
  }
  get userId(): SourceValue | undefined {
    return this.read(Field.UserId);
  }
  get binary(): SourceValue | undefined {
    return this.read(Field.Binary);
  }
  get message(): SourceValue | undefined {
    return this.read(Field.Message);
  }
  get renderedLevel(): SourceValue | undefined {
    return this.read(Field.RenderedLevel);
  }
  get renderedProvider(): SourceValue | undefined {
    return this.read(Field.RenderedProvider);
  }
  get renderedTask(): SourceValue | undefined {
    return this.read(Field.RenderedTask);
  }
  get renderedChannel(): SourceValue | undefined {
    return this.read(Field.RenderedChannel);
  }
}

/** The `SourceValue` keys of `LogEvent`, in `Field` order. */
const FIELD_KEYS = [
  'provider', 'providerGuid', 'eventSourceName', 'eventId', 'qualifiers', 'version', 'level', 'task', 'opcode', 'keywords',
  'timeCreated', 'recordId', 'processId', 'threadId', 'channel', 'computer', 'userId', 'binary', 'message', 'renderedLevel',
  'renderedProvider', 'renderedTask', 'renderedChannel',
] as const satisfies readonly (keyof LogEvent)[];

/**
 * The event as a plain object holding all its values (a copy for a stored event, the event itself otherwise):
 * for code that spreads, deletes or compares whole events.
 */
export function plainEvent(event: LogEvent): LogEvent {
  if (!(event instanceof StoredEvent)) return event;
  const plain: LogEvent = { format: event.format, span: event.span, anchor: event.anchor, data: event.data };
  FIELD_KEYS.forEach((key, field) => {
    const value = event.has(field) ? event[key] : undefined;
    if (value !== undefined) plain[key] = value;
  });
  if (event.id !== undefined) plain.id = event.id;
  if (event.levelNumber !== undefined) plain.levelNumber = event.levelNumber;
  if (event.time !== undefined) plain.time = event.time;
  return plain;
}
