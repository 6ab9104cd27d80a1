import type { SourceValue } from '../model';
import { isEventProperty, isIdProperty, isRightAligned, PropertyFields } from './powershellProperties';
import { addProblem, buildEvent, displayedId, type TextParseContext } from './textParseContext';
import { isBlankLine, lineContentEnd, nextLineStart, nextNonBlankLine, skipBlanks, trimEndBlanks, trimmedValue } from './textCursor';

const MIN_COLUMNS = 3;
const MAX_HEADER_LENGTH = 400;

interface Column {
  name: string;
  /** Offsets of the column's dashes relative to the line start. */
  dashStart: number;
  dashEnd: number;
  rightAligned: boolean;
}

interface GroupHeader {
  name: string;
  value: SourceValue;
}

/**
 * Parses PowerShell Format-Table output of events (`Get-WinEvent`: `TimeCreated Id LevelDisplayName
 * Message`, grouped under `   ProviderName: X` lines; `Get-EventLog`: `Index Time EntryType Source
 * InstanceID Message`). Column positions come from the dashes under the header. Returns the offset
 * after the table, or -1 when the line starts no such table.
 */
export function tryParsePowerShellTable(ctx: TextParseContext, lineStart: number, contentEnd: number): number {
  const { text, end } = ctx;
  let headerStart = lineStart;
  let headerEnd = contentEnd;
  const group = readGroupHeader(text, lineStart, contentEnd);
  if (group) {
    headerStart = nextNonBlankLine(text, nextLineStart(text, contentEnd, end), end);
    if (headerStart < 0) return -1;
    headerEnd = lineContentEnd(text, headerStart, end);
  }
  const dashStart = nextLineStart(text, headerEnd, end);
  // Cheap test first: most lines are not table headers, and their next line is no dash line.
  if (text.charCodeAt(skipBlanks(text, dashStart, lineContentEnd(text, dashStart, end))) !== 45) return -1;
  const columns = readColumns(text, headerStart, headerEnd, dashStart, lineContentEnd(text, dashStart, end));
  if (!columns) return -1;
  let pos = nextLineStart(text, lineContentEnd(text, dashStart, end), end);
  while (pos < end) {
    const rowEnd = lineContentEnd(text, pos, end);
    if (isBlankLine(text, pos, rowEnd)) break;
    pos = readRow(ctx, pos, rowEnd, columns, group);
  }
  return pos;
}

/** `   ProviderName: Service Control Manager` (Format-Table's group line: no blank before the colon). */
function readGroupHeader(text: string, lineStart: number, contentEnd: number): GroupHeader | undefined {
  const p = skipBlanks(text, lineStart, contentEnd);
  if (p === lineStart) return undefined;
  let q = p;
  while (q < contentEnd && q - p < 40 && ((text.charCodeAt(q) | 32) >= 97 && (text.charCodeAt(q) | 32) <= 122)) q++;
  if (q === p || text.charCodeAt(q) !== 58) return undefined;
  const name = text.slice(p, q);
  const value = trimmedValue(text, q + 1, contentEnd);
  return isEventProperty(name) && value ? { name, value } : undefined;
}

/** The columns when the header names event properties and the next line underlines each with dashes. */
function readColumns(text: string, headerStart: number, headerEnd: number, dashStart: number, dashEnd: number): Column[] | undefined {
  if (headerEnd - headerStart > MAX_HEADER_LENGTH || dashEnd - dashStart > MAX_HEADER_LENGTH) return undefined;
  const names = words(text, headerStart, headerEnd);
  const dashes = words(text, dashStart, dashEnd);
  if (names.length < MIN_COLUMNS || names.length !== dashes.length) return undefined;
  const columns: Column[] = [];
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const dash = dashes[i];
    if (!name || !dash || !isEventProperty(name.word) || !/^-+$/.test(dash.word)) return undefined;
    columns.push({ name: name.word, dashStart: dash.start - dashStart, dashEnd: dash.end - dashStart, rightAligned: isRightAligned(name.word) });
  }
  return columns.some((c) => isIdProperty(c.name)) ? columns : undefined;
}

function words(text: string, start: number, end: number): { word: string; start: number; end: number }[] {
  const out: { word: string; start: number; end: number }[] = [];
  let p = start;
  while (p < end) {
    p = skipBlanks(text, p, end);
    if (p >= end) break;
    const s = p;
    while (p < end && text.charCodeAt(p) !== 32 && text.charCodeAt(p) !== 9) p++;
    out.push({ word: text.slice(s, p), start: s, end: p });
  }
  return out;
}

/** Reads one row (and wrapped continuation lines of its last column); returns the next line's start. */
function readRow(ctx: TextParseContext, rowStart: number, rowEnd: number, columns: Column[], group: GroupHeader | undefined): number {
  const { text, end } = ctx;
  const bounds = cellBounds(text, rowStart, rowEnd, columns);
  const fields = new PropertyFields();
  if (group) fields.set(group.name, group.value);
  let spanEnd = trimEndBlanks(text, rowStart, rowEnd);
  let next = nextLineStart(text, rowEnd, end);
  const last = columns.length - 1;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    const from = bounds[i];
    const to = i === last ? rowEnd : bounds[i + 1];
    if (!column || from === undefined || to === undefined) continue;
    let value = trimmedValue(text, from, to);
    if (i === last && value) {
      // With -Wrap, the last column continues on lines that are blank up to its column.
      const lastColumn = (columns[last]?.dashStart ?? 0);
      while (next < end) {
        const lineEnd = lineContentEnd(text, next, end);
        const indent = skipBlanks(text, next, lineEnd) - next;
        if (indent < lastColumn || indent === lineEnd - next) break;
        const e = trimEndBlanks(text, next, lineEnd);
        value = { start: value.start, end: e, value: `${value.value}\n${text.slice(next + indent, e)}` };
        spanEnd = e;
        next = nextLineStart(text, lineEnd, end);
      }
    }
    fields.set(column.name, value);
  }
  const span = { start: rowStart, end: spanEnd };
  const eventId = fields.fields.eventId;
  if (!eventId || displayedId(eventId.value) === undefined) {
    addProblem(ctx, span.start, span.end, 'PowerShell table row has no numeric event id (the row looks cut off or wrapped)');
    return next;
  }
  ctx.events.push(buildEvent('powershell-table', span, fields.fields, span, fields.levelNumber()));
  return next;
}

/**
 * Absolute start offsets of each cell. A left-aligned column starts at its dashes; a right-aligned one
 * (numbers) ends at its dashes and starts where its value does, which may be left of the dashes.
 */
function cellBounds(text: string, rowStart: number, rowEnd: number, columns: Column[]): number[] {
  const bounds: number[] = [];
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    if (!column) continue;
    if (i === 0) {
      bounds.push(rowStart);
      continue;
    }
    const dashStart = Math.min(rowStart + column.dashStart, rowEnd);
    if (!column.rightAligned) {
      bounds.push(dashStart);
      continue;
    }
    const valueEnd = Math.min(rowStart + column.dashEnd, rowEnd);
    const previousEnd = rowStart + (columns[i - 1]?.dashEnd ?? 0);
    let p = valueEnd;
    while (p > previousEnd && p > rowStart && text.charCodeAt(p - 1) !== 32) p--;
    bounds.push(p === valueEnd ? dashStart : p);
  }
  return bounds;
}
