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
 * A `LogEvent` whose values stay in `ValueStore`s until read: each read builds a fresh `SourceValue` (or data
 * list), so reading is for looking, never for keeping identity. Its spans are its own objects as in any event.
 * `shift` moves every value span of the event at once (an edit before it), so moving costs the same whatever
 * the event holds. `id`, `levelNumber` and `time` are plain properties, present only when known.
 */
export class StoredEvent implements LogEvent {
  declare id?: number;
  declare levelNumber?: number;
  declare time?: number;
  /** Added to every stored offset to give document offsets. */
  shift = 0;
  /** The end of this event's slots in `dataStore` (they start at `dataStart`). */
  dataEnd: number;

  constructor(
    readonly format: EventFormat,
    readonly span: TextSpan,
    readonly anchor: TextSpan,
    readonly fields: ValueStore,
    /** The first of this event's `Field.Count` slots in `fields`. */
    readonly base: number,
    readonly dataStore: ValueStore,
    readonly dataStart: number,
  ) {
    this.dataEnd = dataStart;
  }

  /** Moves the event and all its values by `delta`. */
  moveBy(delta: number): void {
    this.span.start += delta;
    this.span.end += delta;
    if (this.anchor !== this.span) {
      this.anchor.start += delta;
      this.anchor.end += delta;
    }
    this.shift += delta;
  }

  has(field: Field): boolean {
    return this.fields.has(this.base + field);
  }

  private read(field: Field): SourceValue | undefined {
    return this.fields.sourceValue(this.base + field, this.shift);
  }

  get data(): DataValue[] {
    return this.dataStore.dataList(this.dataStart, this.dataEnd, this.shift);
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
  const plain: LogEvent = { format: event.format, span: { ...event.span }, anchor: { ...event.anchor }, data: event.data };
  FIELD_KEYS.forEach((key, field) => {
    const value = event.has(field) ? event[key] : undefined;
    if (value !== undefined) plain[key] = value;
  });
  if (event.id !== undefined) plain.id = event.id;
  if (event.levelNumber !== undefined) plain.levelNumber = event.levelNumber;
  if (event.time !== undefined) plain.time = event.time;
  return plain;
}
