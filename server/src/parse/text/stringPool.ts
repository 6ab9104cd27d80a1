/** Values longer than this are rarely repeated (messages, dates); they are sliced, never pooled. */
const MAX_POOLED_LENGTH = 64;
/** Bounds the memory and the comparisons a pool spends on values that turn out to be unique. */
const MAX_BUCKET = 4;
const MAX_STRINGS = 4096;

/**
 * Hands out the text of `[start, end)` as a string, returning the same string object for a text it has
 * seen before. Exports repeat a few values in every event (a level word, a provider, `N/A`, the computer
 * name); sharing one string per value instead of allocating one per event keeps the event model small,
 * and allocation is most of what parsing a large export costs. The strings are equal either way.
 */
export class StringPool {
  private buckets: Map<number, string[]> | undefined;
  private size = 0;

  constructor(private readonly text: string) {}

  /** `text.slice(start, end)`, shared with earlier equal values when possible. */
  slice(start: number, end: number): string {
    const { text } = this;
    const length = end - start;
    if (length <= 0 || length > MAX_POOLED_LENGTH) return text.slice(start, end);
    // Length and three characters pick a bucket; the key stays a small integer so the lookup allocates nothing.
    const key = (length << 23) | ((text.charCodeAt(start) * 31 + text.charCodeAt(end - 1) * 7 + text.charCodeAt((start + end) >> 1)) & 0x7fffff);
    this.buckets ??= new Map();
    let bucket = this.buckets.get(key);
    if (bucket !== undefined) {
      for (const candidate of bucket) if (text.startsWith(candidate, start)) return candidate;
    }
    const value = text.slice(start, end);
    if (this.size < MAX_STRINGS && (bucket === undefined || bucket.length < MAX_BUCKET)) {
      if (bucket === undefined) this.buckets.set(key, (bucket = []));
      bucket.push(value);
      this.size++;
    }
    return value;
  }
}
