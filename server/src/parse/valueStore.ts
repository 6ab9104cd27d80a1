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
  private starts: Int32Array;
  private ends: Int32Array;
  /** Data names by appended slot (kept in step with `length` by `append` and `truncate`); undefined: unnamed. */
  private readonly names: (string | undefined)[] = [];
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
    const size = Math.max(MIN_SLOTS, Math.ceil(expectedSlots));
    this.starts = new Int32Array(size);
    this.ends = new Int32Array(size);
  }

  /** Adds `count` empty slots; returns the first. */
  reserve(count: number): number {
    const first = this.length;
    this.grow(first + count);
    this.starts.fill(-1, first, first + count);
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
    if (this.names.length > length) this.names.length = length;
  }

  /** Puts the value of text `[start, end)` in `slot`; `decoded` when the value is not that text. */
  set(slot: number, start: number, end: number, decoded: string | undefined): void {
    this.starts[slot] = start;
    this.ends[slot] = end;
    if (decoded !== undefined) this.decoded.set(slot, decoded);
    else if (this.decoded.size > 0) this.decoded.delete(slot);
  }

  has(slot: number): boolean {
    return (this.starts[slot] ?? -1) >= 0;
  }

  /** The value in `slot` (which must hold one). */
  value(slot: number): string {
    if (this.decoded.size > 0) {
      const decoded = this.decoded.get(slot);
      if (decoded !== undefined) return decoded;
    }
    return this.slices.slice(this.starts[slot] ?? 0, this.ends[slot] ?? 0);
  }

  /** The value in `slot` with its span moved by `shift`, or undefined when the slot is empty. */
  sourceValue(slot: number, shift: number): SourceValue | undefined {
    const start = this.starts[slot] ?? -1;
    if (start < 0) return undefined;
    return { value: this.value(slot), start: start + shift, end: (this.ends[slot] ?? 0) + shift };
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
    const start = (this.starts[slot] ?? 0) + shift;
    const end = (this.ends[slot] ?? 0) + shift;
    const name = this.names[slot];
    return name === undefined ? { value, start, end } : { name, value, start, end };
  }

  private grow(needed: number): void {
    if (needed <= this.starts.length) return;
    let size = this.starts.length * 2;
    while (size < needed) size *= 2;
    const starts = new Int32Array(size);
    starts.set(this.starts.subarray(0, this.length));
    const ends = new Int32Array(size);
    ends.set(this.ends.subarray(0, this.length));
    this.starts = starts;
    this.ends = ends;
  }
}
