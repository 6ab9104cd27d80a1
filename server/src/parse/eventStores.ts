import type { EventFormat, SourceValue, TextSpan } from './model';
import type { SliceCache } from './sliceCache';
import { StoredEvent, type EventValueStores, type Field, type FieldLayout } from './storedEvent';
import { ValueStore } from './valueStore';

/** The two stores one parse fills (fields and data values), and the events that read from them. */
export class EventStores implements EventValueStores {
  readonly fields: ValueStore;
  readonly data: ValueStore;

  /**
   * `length` is how much text will be scanned; `slotsPerChar` and `dataPerChar` how many field slots and data
   * values the events of the expected shapes hold per character of text, to size the stores up front.
   */
  constructor(
    private readonly text: string,
    slices: SliceCache,
    length: number,
    slotsPerChar: number,
    dataPerChar: number,
  ) {
    this.fields = new ValueStore(text, slices, length * slotsPerChar);
    this.data = new ValueStore(text, slices, length * dataPerChar);
  }

  /** A new event of `format` with no values yet, with slots for the fields of `layout`. */
  open(format: EventFormat, layout: FieldLayout, span: TextSpan, anchor: TextSpan): StoredEvent {
    const base = this.fields.reserve(layout.size);
    return new StoredEvent(format, span, anchor, this, layout, base, this.data.length);
  }

  /** Forgets the event opened last, which is not kept, so its values take no room. */
  discard(ev: StoredEvent): void {
    this.fields.truncate(ev.base);
    this.data.truncate(ev.dataStart);
  }

  /** Keeps `value`, read from this store's text, as `field` of `ev`: only its span, unless its value is not that text. */
  keep(ev: StoredEvent, field: Field, value: SourceValue): void {
    const { start, end } = value;
    const same = value.value.length === end - start && this.text.startsWith(value.value, start);
    this.fields.set(this.slotFor(ev, field), start, end, same ? undefined : value.value);
  }

  /**
   * Keeps `value` as `field` of `ev` when the caller knows its value is the text of its span: only the span,
   * without comparing the two. `keep` reads every character of every value a second time to compare; for
   * the rows of a "Save as Text" export that was about a third of the parse.
   */
  keepRaw(ev: StoredEvent, field: Field, value: SourceValue): void {
    this.fields.set(this.slotFor(ev, field), value.start, value.end, undefined);
  }

  private slotFor(ev: StoredEvent, field: Field): number {
    const slot = ev.slotOf(field);
    if (slot < 0) throw new Error(`a ${ev.format} event has no slot for field ${field}`);
    return slot;
  }
}

/** `stores.keep` when there is a value. */
export function keepIfAny(stores: EventStores, ev: StoredEvent, field: Field, value: SourceValue | undefined): void {
  if (value !== undefined) stores.keep(ev, field, value);
}

/** `stores.keepRaw` when there is a value: its value must be the text of its span. */
export function keepRawIfAny(stores: EventStores, ev: StoredEvent, field: Field, value: SourceValue | undefined): void {
  if (value !== undefined) stores.keepRaw(ev, field, value);
}
