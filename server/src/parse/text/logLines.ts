import type { SourceValue } from '../model';
import { isLevelWord } from './levels';
import { LOG_LINE_PATTERNS } from './logLinePatterns';
import { buildEvent, type TextFields, type TextParseContext } from './textParseContext';
import { lineContentEnd, skipBlanks, trimEndBlanks } from './textCursor';

const LOWER_PATTERNS = LOG_LINE_PATTERNS.map((p) => p.toLowerCase());
const SECTION_START = '>>>  Section start ';

/**
 * Turns the lines of `[start, end)` that carry a known CryptSvc message pattern into 'log-line' events
 * (setupapi, WindowsUpdate.log, CBS.log). Every other line produces nothing.
 */
export function scanLogLines(ctx: TextParseContext, start: number, end: number): void {
  if (end <= start) return;
  const { text } = ctx;
  const lineStarts = matchingLineStarts(text, start, end);
  for (const lineStart of lineStarts) {
    const contentEnd = lineContentEnd(text, lineStart, end);
    const lineEnd = trimEndBlanks(text, lineStart, contentEnd);
    const fields: TextFields = {};
    const messageStart = readPrefix(text, lineStart, lineEnd, fields);
    fields.message = { start: messageStart, end: lineEnd, value: text.slice(messageStart, lineEnd) };
    if (!fields.timeCreated) {
      const section = sectionStartTime(text, ctx, lineStart, start);
      if (section) fields.timeCreated = section;
    }
    const line = { start: lineStart, end: lineEnd };
    const event = buildEvent('log-line', line, fields, line);
    event.anchor = { start: lineStart, end: lineEnd };
    ctx.events.push(event);
  }
}

/** Sorted starts of the lines holding a pattern, found with one search per pattern (case-insensitive). */
function matchingLineStarts(text: string, start: number, end: number): number[] {
  const region = text.slice(start, end);
  const lower = region.toLowerCase();
  const found = new Set<number>();
  if (lower.length === region.length) {
    for (const pattern of LOWER_PATTERNS) {
      for (let at = lower.indexOf(pattern); at >= 0; at = lower.indexOf(pattern, at + pattern.length)) {
        found.add(start + lower.lastIndexOf('\n', at) + 1);
      }
    }
  } else {
    // Lower-casing changed the length (rare letters): check line by line so offsets stay exact.
    for (let p = start; p < end; ) {
      const e = lineContentEnd(text, p, end);
      const line = text.slice(p, e).toLowerCase();
      if (LOWER_PATTERNS.some((pattern) => line.includes(pattern))) found.add(p);
      const nl = text.indexOf('\n', e);
      p = nl < 0 || nl >= end ? end : nl + 1;
    }
  }
  return [...found].sort((a, b) => a - b);
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

/** The timestamp of the setupapi section (`>>>  Section start 2024/01/15 10:12:01.123`) holding the line. */
function sectionStartTime(text: string, ctx: TextParseContext, lineStart: number, regionStart: number): SourceValue | undefined {
  const at = text.lastIndexOf(SECTION_START, lineStart);
  if (at < regionStart) return undefined;
  const s = at + SECTION_START.length;
  const e = timestampEnd(text, s, lineContentEnd(text, s, ctx.end));
  return e > s ? { start: s, end: e, value: text.slice(s, e) } : undefined;
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
