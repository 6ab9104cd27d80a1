import type { SourceValue } from '../model';
import type { SliceCache } from '../sliceCache';

/** Small, allocation-free helpers for scanning lines of one string with offsets. */

const SPACE = 32;
const TAB = 9;
const CR = 13;
const LF = 10;
const BOM = 0xfeff;

/** True for the blanks a text export pads with: space, tab, NBSP and a BOM. */
export function isBlank(code: number): boolean {
  return code === SPACE || code === TAB || code === 0xa0 || code === BOM;
}

/** End of the line content starting at `pos` (before any `\r\n` / `\n`), never beyond `limit`. */
export function lineContentEnd(text: string, pos: number, limit: number): number {
  let nl = text.indexOf('\n', pos);
  if (nl < 0 || nl > limit) nl = limit;
  return nl > pos && text.charCodeAt(nl - 1) === CR ? nl - 1 : nl;
}

/** Start of the line after the one whose content ends at `contentEnd`. */
export function nextLineStart(text: string, contentEnd: number, limit: number): number {
  let p = contentEnd;
  if (p < limit && text.charCodeAt(p) === CR) p++;
  if (p < limit && text.charCodeAt(p) === LF) p++;
  return p;
}

/** First non-blank offset in `[start, end)`, or `end`. */
export function skipBlanks(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && isBlank(text.charCodeAt(p))) p++;
  return p;
}

/** Offset after the last non-blank character in `[start, end)`, or `start`. */
export function trimEndBlanks(text: string, start: number, end: number): number {
  let p = end;
  while (p > start && isBlank(text.charCodeAt(p - 1))) p--;
  return p;
}

/** True when the line `[start, end)` holds only blanks. */
export function isBlankLine(text: string, start: number, end: number): boolean {
  return skipBlanks(text, start, end) === end;
}

/** Start of the first non-blank line at or after `pos` (a line start), or -1 when only blank lines remain before `end`. */
export function nextNonBlankLine(text: string, pos: number, end: number): number {
  let p = pos;
  while (p < end) {
    const e = lineContentEnd(text, p, end);
    if (!isBlankLine(text, p, e)) return p;
    p = nextLineStart(text, e, end);
  }
  return -1;
}

/**
 * The trimmed text of `[start, end)` as a SourceValue, or undefined when it is empty. A `pool` (over the
 * same text) shares the string with equal earlier values: pass one for values that repeat across events.
 */
export function trimmedValue(text: string, start: number, end: number, pool?: SliceCache): SourceValue | undefined {
  const s = skipBlanks(text, start, end);
  const e = trimEndBlanks(text, s, end);
  if (s === e) return undefined;
  return { start: s, end: e, value: pool === undefined ? text.slice(s, e) : pool.slice(s, e) };
}

/** A SourceValue whose value is multi-line text: CRLF becomes LF, the span stays the raw range. */
export function multiLineValue(text: string, start: number, end: number): SourceValue {
  const raw = text.slice(start, end);
  return { start, end, value: raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n') };
}

/**
 * Whether `multiLineValue` of this span is the text of the span unchanged: it holds no CR to normalise.
 * `carriageReturns` searches the value's text (a shared search, so a file without CRs is not scanned to its
 * end once per value).
 */
export function isUnchangedMultiLine(carriageReturns: ForwardSearch, value: SourceValue): boolean {
  const cr = carriageReturns.next(value.start);
  return cr < 0 || cr >= value.end;
}

/** Case-insensitive `startsWith` at an offset for an ASCII-or-Unicode label (compared by `toLowerCase`). */
export function startsWithIgnoreCase(text: string, pos: number, lowerLabel: string): boolean {
  if (pos + lowerLabel.length > text.length) return false;
  for (let i = 0; i < lowerLabel.length; i++) {
    const a = text.charCodeAt(pos + i);
    const b = lowerLabel.charCodeAt(i);
    if (a === b) continue;
    if (a >= 65 && a <= 90 && a + 32 === b) continue;
    if (a > 127 && String.fromCharCode(a).toLowerCase().charCodeAt(0) === b) continue;
    return false;
  }
  return true;
}

/**
 * The next occurrence of `needle` at or after a position, below `limit`. It remembers its last answer, so
 * a parser asking with non-decreasing positions scans the text once in total, however far apart the
 * occurrences are (a bare `indexOf` per row would rescan the same stretch for every row).
 */
export class ForwardSearch {
  private from = Number.POSITIVE_INFINITY;
  private at = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
    private readonly limit: number,
  ) {}

  next(pos: number): number {
    if (pos >= this.from && (this.at < 0 || pos <= this.at)) return this.at;
    const at = this.text.indexOf(this.needle, pos);
    this.from = pos;
    this.at = at >= 0 && at < this.limit ? at : -1;
    return this.at;
  }
}
