import type { SourceValue } from '../model';
import { isEventOnlyProperty, isEventProperty, isIdProperty, PropertyFields } from './powershellProperties';
import { addProblem, buildEvent, type TextParseContext } from './textParseContext';
import { isBlankLine, lineContentEnd, nextLineStart, skipBlanks, trimEndBlanks } from './textCursor';

const MIN_PROPERTIES = 3;
const MAX_KEY_LENGTH = 40;

interface KeyLine {
  key: string;
  /** Column of the value (after `: `), relative to the line start; continuation lines are indented to it. */
  valueColumn: number;
  valueStart: number;
  valueEnd: number;
}

/** Reads `Key<blanks>: value` (Format-List pads keys so there is always a blank before the colon). */
function readKeyLine(text: string, lineStart: number, contentEnd: number): KeyLine | undefined {
  let p = lineStart;
  const keyStart = p;
  while (p < contentEnd && p - keyStart <= MAX_KEY_LENGTH) {
    const c = text.charCodeAt(p) | 32;
    if (c < 97 || c > 122) break;
    p++;
  }
  if (p === keyStart || text.charCodeAt(p) !== 32) return undefined;
  const keyEnd = p;
  while (p < contentEnd && text.charCodeAt(p) === 32) p++;
  if (text.charCodeAt(p) !== 58 || p >= contentEnd) return undefined;
  const afterColon = p + 1 < contentEnd && text.charCodeAt(p + 1) === 32 ? p + 2 : p + 1;
  const valueStart = skipBlanks(text, afterColon, contentEnd);
  return {
    key: text.slice(keyStart, keyEnd),
    valueColumn: afterColon - lineStart,
    valueStart,
    valueEnd: trimEndBlanks(text, valueStart, contentEnd),
  };
}

/** True when the line starts a PowerShell Format-List record (`TimeCreated  : ...`, `Index : ...`). */
export function isFormatListStart(text: string, lineStart: number, contentEnd: number): boolean {
  const line = readKeyLine(text, lineStart, contentEnd);
  return line !== undefined && isEventProperty(line.key);
}

/**
 * Parses one Format-List record of an event object: key lines plus continuation lines indented to the
 * value column (a wrapped or multi-line Message). Returns the offset after the record, or -1.
 */
export function tryParseFormatList(ctx: TextParseContext, lineStart: number, contentEnd: number): number {
  const { text, end } = ctx;
  if (!isFormatListStart(text, lineStart, contentEnd)) return -1;
  const fields = new PropertyFields();
  let properties = 0;
  let hasId = false;
  let hasEventOnly = false;
  let recordEnd = contentEnd;
  let pos = lineStart;
  while (pos < end) {
    const lineEnd = lineContentEnd(text, pos, end);
    const line = readKeyLine(text, pos, lineEnd);
    if (!line) break;
    if (isEventProperty(line.key)) properties++;
    if (isIdProperty(line.key)) hasId = true;
    if (isEventOnlyProperty(line.key)) hasEventOnly = true;
    const value = readValue(text, pos, line, end);
    fields.set(line.key, value.value);
    recordEnd = value.end;
    pos = value.next;
    if (value.endedAtBlankLine) break;
  }
  if (properties < MIN_PROPERTIES || (!hasId && !hasEventOnly)) return -1;
  const span = { start: lineStart, end: recordEnd };
  if (!hasId) {
    addProblem(ctx, span.start, span.end, 'PowerShell Format-List event has no Id line (the record looks cut off)');
    return pos;
  }
  ctx.events.push(buildEvent('powershell-list', span, fields.fields, { start: lineStart, end: contentEnd }, fields.levelNumber()));
  return pos;
}

interface ValueRead {
  value: SourceValue | undefined;
  /** End of the record's last non-blank content so far. */
  end: number;
  next: number;
  /** Blank lines followed the value: the record ends there. */
  endedAtBlankLine: boolean;
}

function readValue(text: string, lineStart: number, line: KeyLine, end: number): ValueRead {
  let lineEnd = lineContentEnd(text, lineStart, end);
  let valueEnd = line.valueEnd;
  let lastEnd = trimEndBlanks(text, lineStart, lineEnd);
  const lines: string[] = [text.slice(line.valueStart, line.valueEnd)];
  let next = nextLineStart(text, lineEnd, end);
  let pendingBlank = 0;
  while (next < end) {
    lineEnd = lineContentEnd(text, next, end);
    if (isBlankLine(text, next, lineEnd)) {
      pendingBlank++;
      next = nextLineStart(text, lineEnd, end);
      continue;
    }
    const indent = skipBlanks(text, next, lineEnd) - next;
    if (indent < Math.min(line.valueColumn, 1) || readKeyLine(text, next, lineEnd)) break;
    if (pendingBlank > 0 && indent < line.valueColumn) break;
    for (; pendingBlank > 0; pendingBlank--) lines.push('');
    const from = next + Math.min(indent, line.valueColumn);
    valueEnd = trimEndBlanks(text, from, lineEnd);
    lastEnd = valueEnd;
    lines.push(text.slice(from, valueEnd));
    next = nextLineStart(text, lineEnd, end);
  }
  const valueStart = line.valueStart;
  const value = valueEnd > valueStart ? { start: valueStart, end: valueEnd, value: lines.join('\n').trim() } : undefined;
  return { value, end: lastEnd, next, endedAtBlankLine: pendingBlank > 0 };
}
