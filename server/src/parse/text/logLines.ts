import type { SourceValue } from '../model';
import { isLevelWord } from './levels';
import { LOG_LINE_PATTERNS } from './logLinePatterns';
import { buildEvent, type TextFields, type TextParseContext } from './textParseContext';
import { lineContentEnd, skipBlanks, trimEndBlanks } from './textCursor';

/**
 * All patterns as one case-insensitive alternation of escaped literals: one linear pass (no nested
 * quantifiers, nothing to backtrack into), and offsets stay those of the original text.
 */
const PATTERN_SEARCH = new RegExp(LOG_LINE_PATTERNS.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'gi');
const SECTION_START = '>>>  Section start ';

/**
 * Turns the lines of `[start, end)` that carry a known CryptSvc message pattern into 'log-line' events
 * (setupapi, WindowsUpdate.log, CBS.log). Every other line produces nothing.
 */
export function scanLogLines(ctx: TextParseContext, start: number, end: number): void {
  if (end <= start) return;
  const { text } = ctx;
  const lineStarts = matchingLineStarts(text, start, end);
  if (lineStarts.length === 0) return;
  const sections = new SectionTracker(text, start, end);
  for (const lineStart of lineStarts) {
    const contentEnd = lineContentEnd(text, lineStart, end);
    const lineEnd = trimEndBlanks(text, lineStart, contentEnd);
    const fields: TextFields = {};
    const messageStart = readPrefix(text, lineStart, lineEnd, fields);
    fields.message = { start: messageStart, end: lineEnd, value: text.slice(messageStart, lineEnd) };
    if (!fields.timeCreated) {
      const section = sections.timeBefore(lineStart);
      if (section) fields.timeCreated = section;
    }
    const line = { start: lineStart, end: lineEnd };
    const event = buildEvent('log-line', line, fields, line);
    event.anchor = { start: lineStart, end: lineEnd };
    ctx.events.push(event);
  }
}

/**
 * Sorted starts of the lines holding a pattern, found in one case-insensitive pass over the region
 * (searched as a slice so the search never runs past the region's end).
 */
function matchingLineStarts(text: string, start: number, end: number): number[] {
  const found: number[] = [];
  const region = text.slice(start, end);
  PATTERN_SEARCH.lastIndex = 0;
  for (let m = PATTERN_SEARCH.exec(region); m !== null; m = PATTERN_SEARCH.exec(region)) {
    found.push(start + region.lastIndexOf('\n', m.index) + 1);
    // One hit per line is enough: go on after the line, so a long line is not walked back over again.
    const lineEnd = region.indexOf('\n', m.index);
    if (lineEnd < 0) break;
    PATTERN_SEARCH.lastIndex = lineEnd + 1;
  }
  return found;
}

/**
 * Reads a line's timestamp and prefix into `fields`; returns where the message starts.
 * CBS: `2024-01-15 10:12:01, Error  CBS  msg`; WindowsUpdate.log: `2024/01/15 10:12:01.1234567 1044  2356  Agent  msg`
 * or `2024-01-15<TAB>10:12:01:123<TAB> 1044<TAB>2356<TAB>Agent<TAB>msg`; setupapi: `!!!  sig: msg`, `#E361 msg`.
 */
function readPrefix(text: string, lineStart: number, lineEnd: number, fields: TextFields): number {
  let p = skipBlanks(text, lineStart, lineEnd);
  const stampEnd = timestampEnd(text, p, lineEnd);
  if (stampEnd > p) {
    fields.timeCreated = { start: p, end: stampEnd, value: text.slice(p, stampEnd) };
    p = stampEnd;
    if (text.charCodeAt(p) === 44) {
      // CBS: `, Level  Component  message`
      p = skipBlanks(text, p + 1, lineEnd);
      const word = wordAt(text, p, lineEnd);
      if (word && isLevelWord(word.value)) {
        fields.level = word;
        p = skipBlanks(text, word.end, lineEnd);
        const component = wordAt(text, p, lineEnd);
        if (component) p = skipBlanks(text, component.end, lineEnd);
      }
    } else {
      // WindowsUpdate.log: process id, thread id and component before the message.
      const q = skipBlanks(text, p, lineEnd);
      const pid = wordAt(text, q, lineEnd);
      const tid = pid && isNumber(pid.value) ? wordAt(text, skipBlanks(text, pid.end, lineEnd), lineEnd) : undefined;
      const component = tid && isNumber(tid.value) ? wordAt(text, skipBlanks(text, tid.end, lineEnd), lineEnd) : undefined;
      p = skipBlanks(text, component ? component.end : p, lineEnd);
    }
    return p;
  }
  return skipSetupApiPrefix(text, p, lineEnd);
}

function skipSetupApiPrefix(text: string, start: number, lineEnd: number): number {
  let p = start;
  const c = text.charCodeAt(p);
  if (c === 33 || c === 62 || c === 60) {
    // `!!!`, `!`, `>>>`, `<<<` markers, then an optional `abc:` category.
    while (p < lineEnd && text.charCodeAt(p) === c) p++;
    p = skipBlanks(text, p, lineEnd);
    if (p + 4 <= lineEnd && text.charCodeAt(p + 3) === 58 && isLowerWord(text, p, p + 3)) p = skipBlanks(text, p + 4, lineEnd);
  } else if (c === 35) {
    // Windows XP setupapi.log: `#E361 message`, `#-199 message`.
    let q = p + 1;
    while (q < lineEnd && text.charCodeAt(q) !== 32) q++;
    if (q - p <= 6) p = skipBlanks(text, q, lineEnd);
  }
  return p;
}

/** End of a year-first `yyyy-MM-dd HH:mm:ss[.fff]` / `yyyy/MM/dd` / tab-separated timestamp at `p`, or `p`. */
function timestampEnd(text: string, p: number, end: number): number {
  const digitsAt = (at: number, n: number): boolean => {
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(at + i);
      if (at + i >= end || c < 48 || c > 57) return false;
    }
    return true;
  };
  const sep = text.charCodeAt(p + 4);
  if (!digitsAt(p, 4) || (sep !== 45 && sep !== 47) || !digitsAt(p + 5, 2) || text.charCodeAt(p + 7) !== sep || !digitsAt(p + 8, 2)) return p;
  const gap = text.charCodeAt(p + 10);
  if (gap !== 32 && gap !== 9 && gap !== 84) return p;
  const t = p + 11;
  if (!digitsAt(t, 2) || text.charCodeAt(t + 2) !== 58 || !digitsAt(t + 3, 2) || text.charCodeAt(t + 5) !== 58 || !digitsAt(t + 6, 2)) return p;
  let q = t + 8;
  const f = text.charCodeAt(q);
  if ((f === 46 || f === 58) && digitsAt(q + 1, 1)) {
    q++;
    while (q < end && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
  }
  return q;
}

/**
 * The timestamps of setupapi sections (`>>>  Section start 2024/01/15 10:12:01.123`), read forward once:
 * asked for ascending line starts, it finds the section holding each line in linear time overall.
 */
class SectionTracker {
  /** The region as its own string, so no search runs past the region's end. */
  private readonly region: string;
  private next: number;
  private current: SourceValue | undefined;

  constructor(
    private readonly text: string,
    private readonly start: number,
    end: number,
  ) {
    this.region = text.slice(start, end);
    this.next = this.region.indexOf(SECTION_START);
  }

  timeBefore(lineStart: number): SourceValue | undefined {
    const { text, region, start } = this;
    while (this.next >= 0 && this.next + start < lineStart) {
      const s = this.next + SECTION_START.length;
      const e = timestampEnd(region, s, region.length);
      this.current = e > s ? { start: start + s, end: start + e, value: text.slice(start + s, start + e) } : undefined;
      this.next = region.indexOf(SECTION_START, s);
    }
    return this.current;
  }
}

function wordAt(text: string, p: number, end: number): SourceValue | undefined {
  let q = p;
  while (q < end && text.charCodeAt(q) !== 32 && text.charCodeAt(q) !== 9) q++;
  return q > p ? { start: p, end: q, value: text.slice(p, q) } : undefined;
}

function isNumber(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return s.length > 0;
}

function isLowerWord(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}
