/** Slots in the cache: enough for the distinct short values of a log (levels, channels, providers, data names). */
const SLOTS = 4096;
/** Longer slices are rarely repeated (messages, hex dumps) and not worth comparing. */
const MAX_CACHED_LENGTH = 64;

/**
 * Hands out slices of one text, reusing the string of an earlier equal slice while it is still in the cache.
 * A large export repeats the same few hundred short values in every event (XML: `4`, `System`, provider and
 * `Data` names; text exports: level words, sources, `N/A`, block labels): sharing them keeps a million kept values from each holding its own copy, so there is less
 * for the garbage collector to move. The slot comes from a few characters, not all: cheap to find, and a
 * collision only costs a fresh slice. A candidate is compared with the place in the text it was sliced
 * from, which a scan that just passed it still has in the processor's cache, rather than with the string.
 */
export class SliceCache {
  private readonly strings: string[] = new Array<string>(SLOTS).fill('');
  /** Where each slot's string was sliced from; its length is the string's. */
  private readonly starts = new Int32Array(SLOTS);
  private readonly lengths = new Int32Array(SLOTS);

  constructor(private readonly text: string) {}

  /** `text.slice(start, end)`, possibly a string handed out before. */
  slice(start: number, end: number): string {
    const { text } = this;
    const length = end - start;
    if (length > MAX_CACHED_LENGTH || length <= 0) return text.slice(start, end);
    const last = end - 1;
    const slot = (length * 0x9e3 + text.charCodeAt(start) * 0x3b + text.charCodeAt(last) * 0x1f1 +
      text.charCodeAt(start + (length >> 1)) * 0x6d + text.charCodeAt(last - (length >> 2))) & (SLOTS - 1);
    if (this.lengths[slot] === length && sameText(text, start, this.starts[slot] ?? 0, length)) return this.strings[slot] ?? '';
    const fresh = text.slice(start, end);
    this.strings[slot] = fresh;
    this.starts[slot] = start;
    this.lengths[slot] = length;
    return fresh;
  }
}

/** Whether `text` holds the same `length` characters at `a` and at `b`. */
function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let i = length - 1; i >= 0; i--) if (text.charCodeAt(a + i) !== text.charCodeAt(b + i)) return false;
  return true;
}
