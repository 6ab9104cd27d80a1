/** Character classes and small scanning helpers shared by the XML event scanner. */

export const LT = 0x3c;
export const GT = 0x3e;
export const SLASH = 0x2f;
export const AMP = 0x26;
export const EQUALS = 0x3d;
export const QUOTE = 0x22;
export const APOS = 0x27;
export const COLON = 0x3a;
export const BANG = 0x21;
export const QUESTION = 0x3f;
export const SEMICOLON = 0x3b;
export const HASH = 0x23;

/** XML whitespace: space, tab, CR, LF. */
export function isXmlSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** A character that may start an XML name (ASCII letters, `_`, `:` and anything non-ASCII). */
export function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === COLON || c >= 0x80;
}

/** A character that may continue an XML name. */
export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

/** The end of the XML name starting at `pos` (`pos` itself when there is none). */
export function scanName(text: string, pos: number, end: number): number {
  let i = pos;
  while (i < end) {
    const c = text.charCodeAt(i);
    // Letters first: nearly every name character is one.
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) && !isNameChar(c)) break;
    i++;
  }
  return i;
}

/** The start of the local part of the name `[start, end)`: just after its last `:`. */
export function localNameStart(text: string, start: number, end: number): number {
  for (let i = end - 1; i >= start; i--) if (text.charCodeAt(i) === COLON) return i + 1;
  return start;
}

/** Whether `text[aStart, aEnd)` equals `text[bStart, bEnd)`. */
export function sameRange(text: string, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) if (text.charCodeAt(aStart + i) !== text.charCodeAt(bStart + i)) return false;
  return true;
}

/** Whether `text[start, end)` equals `word`. */
export function rangeIs(text: string, start: number, end: number, word: string): boolean {
  return end - start === word.length && text.startsWith(word, start);
}

/** The first index `>= from` where `needle` occurs entirely before `end`, or -1; never looks past `end`. */
export function indexWithin(text: string, needle: string, from: number, end: number): number {
  const first = needle.charCodeAt(0);
  const last = end - needle.length;
  for (let i = from; i <= last; i++) {
    if (text.charCodeAt(i) === first && text.startsWith(needle, i)) return i;
  }
  return -1;
}

/**
 * A memoised `indexOf` for positions that only move forward. Searching for a terminator such as `-->`
 * that never comes would otherwise rescan the rest of the text at every opener: quadratic on garbage.
 */
export class ForwardFinder {
  private from = Number.POSITIVE_INFINITY;
  private at = -1;

  constructor(
    private readonly text: string,
    private readonly needle: string,
  ) {}

  /** The first index `>= from` of the needle that ends at or before `end`, or -1. */
  next(from: number, end: number): number {
    if (!(this.from <= from && (this.at === -1 || this.at >= from))) {
      this.from = from;
      this.at = this.text.indexOf(this.needle, from);
    }
    return this.at !== -1 && this.at + this.needle.length <= end ? this.at : -1;
  }
}
