import { lastAtOrBefore } from './sortedOffsets';

/**
 * The offset where each line of a text starts, as LSP counts lines (`\n`, `\r\n` and a lone `\r` end one). Kept in
 * a growable Int32Array: a 50 MB export has over a million lines, and a typed array is built several times faster
 * than a JS array of numbers, at half the memory.
 */
export class LineStarts {
  private starts: Int32Array;
  private count: number;

  private constructor(starts: Int32Array, count: number) {
    this.starts = starts;
    this.count = count;
  }

  /** The line starts of `text`. */
  static of(text: string): LineStarts {
    const table = new LineStarts(new Int32Array(Math.max(16, text.length >> 5)), 1);
    table.appendBreaks(text, 0);
    return table;
  }

  get length(): number {
    return this.count;
  }

  /** The start of `line` (0-based, `0 <= line < length`). */
  at(line: number): number {
    return this.starts[line] ?? 0;
  }

  /** The line holding `offset`: the last line starting at or before it. */
  lineOf(offset: number): number {
    return lastAtOrBefore(this.starts, this.count, offset);
  }

  /**
   * Applies an edit: the starts of lines `firstLine + 1 ..= lastLine` (the lines the replaced range ended) give
   * way to those of the breaks in `text` (inserted at `offset`), and every later start moves by `delta`.
   */
  replace(firstLine: number, lastLine: number, text: string, offset: number, delta: number): void {
    const tail = this.count - (lastLine + 1);
    const inserted = new LineStarts(new Int32Array(16), 0);
    inserted.appendBreaks(text, offset);
    const newCount = firstLine + 1 + inserted.count + tail;
    this.reserve(newCount);
    this.starts.copyWithin(firstLine + 1 + inserted.count, lastLine + 1, this.count);
    this.starts.set(inserted.starts.subarray(0, inserted.count), firstLine + 1);
    this.count = newCount;
    if (delta !== 0) for (let i = newCount - tail; i < newCount; i++) this.starts[i] = (this.starts[i] ?? 0) + delta;
  }

  /** Appends the start of the line after each break in `text`, plus `base`. */
  private appendBreaks(text: string, base: number): void {
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        if (cr + 1 === lf) {
          this.push(base + lf + 1);
          lf = text.indexOf('\n', lf + 1);
        } else {
          this.push(base + cr + 1);
        }
        cr = text.indexOf('\r', cr + 1);
      } else {
        this.push(base + lf + 1);
        lf = text.indexOf('\n', lf + 1);
      }
    }
  }

  private push(start: number): void {
    if (this.count === this.starts.length) this.reserve(this.count + 1);
    this.starts[this.count++] = start;
  }

  private reserve(size: number): void {
    if (size <= this.starts.length) return;
    const grown = new Int32Array(Math.max(size, this.starts.length * 2));
    grown.set(this.starts.subarray(0, this.count));
    this.starts = grown;
  }
}
