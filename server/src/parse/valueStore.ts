import type { DataValue, SourceValue } from './model';
import type { SliceCache } from './sliceCache';

const MIN_SLOTS = 256;

/**
 * The values of many events, kept as spans of one text in flat typed arrays rather than as one object per
 * value. A 50 MB export holds over a million values; building an object and a string for each costs more
 * than scanning the XML, and almost none of them is ever read. A value is built when it is read: the text of
 * its span, or, for the few whose text differs from it (entities, CDATA), the decoded string kept aside.
 */
export class ValueStore {
  /** Slots in use. */
  length = 0;
  /** Slot i's value spans `[spans[2i], spans[2i + 1])`; a start of -1 marks an empty slot. */
  private spans = new Int32Array(0);
  /** The slots to make room for once one is needed (a region without events never allocates). */
  private readonly firstSize: number;
  /** Data names by appended slot (kept in step with `length` by `append` and `truncate`); undefined: unnamed. */
  private readonly names: (string | undefined)[] = [];
  private lastValue: { slot: number; shift: number; value: SourceValue | undefined } = { slot: -1, shift: 0, value: undefined };
  private lastList: { from: number; to: number; shift: number; values: DataValue[] } = { from: -1, to: -1, shift: 0, values: [] };
  /** Values that are not the text of their span, by slot. */
  private readonly decoded = new Map<number, string>();

  /**
   * `expectedSlots` sizes the arrays up front. Growing copies them into fresh memory, which this kind of
   * machine charges for on first touch, while room reserved and never written costs nothing.
   */
  constructor(
    readonly text: string,
    private readonly slices: SliceCache,
    expectedSlots: number,
  ) {
    this.firstSize = Math.max(MIN_SLOTS, Math.ceil(expectedSlots));
  }

  /** Adds `count` empty slots; returns the first. */
  reserve(count: number): number {
    const first = this.length;
    this.grow(first + count);
    const { spans } = this;
    for (let i = 2 * first; i < 2 * (first + count); i += 2) spans[i] = -1;
    this.length = first + count;
    return first;
  }

  /** Adds one slot holding a value; returns it. */
  append(start: number, end: number, decoded: string | undefined, name: string | undefined): number {
    const slot = this.length;
    this.grow(slot + 1);
    this.length = slot + 1;
    this.set(slot, start, end, decoded);
    this.names[slot] = name;
    return slot;
  }

  /** Drops every slot from `length` on (an event that is not kept). */
  truncate(length: number): void {
    this.length = length;
    this.lastList = { from: -1, to: -1, shift: 0, values: [] };
    this.lastValue = { slot: -1, shift: 0, value: undefined };
    if (this.names.length > length) this.names.length = length;
  }

  /** Puts the value of text `[start, end)` in `slot`; `decoded` when the value is not that text. */
  set(slot: number, start: number, end: number, decoded: string | undefined): void {
    this.spans[2 * slot] = start;
    this.spans[2 * slot + 1] = end;
    if (slot === this.lastValue.slot) this.lastValue = { slot: -1, shift: 0, value: undefined };
    if (decoded !== undefined) this.decoded.set(slot, decoded);
    else if (this.decoded.size > 0) this.decoded.delete(slot);
  }

  has(slot: number): boolean {
    return (this.spans[2 * slot] ?? -1) >= 0;
  }

  /** The value in `slot` (which must hold one). */
  value(slot: number): string {
    if (this.decoded.size > 0) {
      const decoded = this.decoded.get(slot);
      if (decoded !== undefined) return decoded;
    }
    return this.slices.slice(this.spans[2 * slot] ?? 0, this.spans[2 * slot + 1] ?? 0);
  }

  /** The value in `slot` with its span moved by `shift`, or undefined when the slot is empty. */
  sourceValue(slot: number, shift: number): SourceValue | undefined {
    const start = this.spans[2 * slot] ?? -1;
    if (start < 0) return undefined;
    // Keyword rules read one event's message once each, one after the other: hand out the same value.
    const last = this.lastValue;
    if (last.slot === slot && last.shift === shift) return last.value;
    const value = { value: this.value(slot), start: start + shift, end: (this.spans[2 * slot + 1] ?? 0) + shift };
    this.lastValue = { slot, shift, value };
    return value;
  }

  /**
   * The data values in slots `[from, to)`, spans moved by `shift`. The list built last is handed out again
   * until another is asked for: rules read one event's data once per rule, and building it each time cost more
   * than all their matching.
   */
  dataList(from: number, to: number, shift: number): DataValue[] {
    const last = this.lastList;
    if (last.from === from && last.to === to && last.shift === shift) return last.values;
    const values: DataValue[] = [];
    for (let slot = from; slot < to; slot++) values.push(this.dataValue(slot, shift));
    this.lastList = { from, to, shift, values };
    return values;
  }

  /** The data value in `slot` (which must hold one), its span moved by `shift`. */
  dataValue(slot: number, shift: number): DataValue {
    const value = this.value(slot);
    const start = (this.spans[2 * slot] ?? 0) + shift;
    const end = (this.spans[2 * slot + 1] ?? 0) + shift;
    const name = this.names[slot];
    return name === undefined ? { value, start, end } : { name, value, start, end };
  }

  private grow(needed: number): void {
    const capacity = this.spans.length / 2;
    if (needed <= capacity) return;
    let size = capacity === 0 ? this.firstSize : capacity * 2;
    while (size < needed) size *= 2;
    const spans = new Int32Array(2 * size);
    spans.set(this.spans.subarray(0, 2 * this.length));
    this.spans = spans;
  }
}
