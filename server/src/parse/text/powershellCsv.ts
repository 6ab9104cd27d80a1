import { readDelimitedRow, rowReaderOptions, type DelimitedRow } from './delimitedRow';
import { isEventProperty, isIdProperty, PropertyFields } from './powershellProperties';
import { addProblem, buildEvent, type TextParseContext } from './textParseContext';
import { isBlankLine, lineContentEnd, nextLineStart, skipBlanks, startsWithIgnoreCase } from './textCursor';

const COMMA = 44;
const QUOTE = 34;
const MAX_HEADER_LENGTH = 2000;

/**
 * Parses PowerShell `Export-Csv` output of event objects when the line at `lineStart` is its `#TYPE`
 * line or its header (`"Message","Id","Version",...`). Returns the offset after the export, or -1.
 */
export function tryParsePowerShellCsv(ctx: TextParseContext, lineStart: number, contentEnd: number): number {
  const { text, end } = ctx;
  let headerStart = skipBlanks(text, lineStart, contentEnd);
  let headerEnd = contentEnd;
  if (startsWithIgnoreCase(text, headerStart, '#type')) {
    headerStart = nextLineStart(text, contentEnd, end);
    headerEnd = lineContentEnd(text, headerStart, end);
  }
  if (text.charCodeAt(headerStart) !== QUOTE || headerEnd - headerStart > MAX_HEADER_LENGTH) return -1;
  const headerOptions = rowReaderOptions(text, COMMA, headerEnd);
  headerOptions.multiLine = false;
  const header = readDelimitedRow(text, headerStart, headerOptions);
  const names = header.values.map((v) => v?.value ?? '');
  if (names.length < 3 || !names.some(isIdProperty) || names.filter(isEventProperty).length < 3) return -1;

  let pos = nextLineStart(text, headerEnd, end);
  const options = rowReaderOptions(text, COMMA, end);
  let row: DelimitedRow | undefined;
  while (pos < end) {
    const rowLineEnd = lineContentEnd(text, pos, end);
    if (isBlankLine(text, pos, rowLineEnd) || text.charCodeAt(skipBlanks(text, pos, rowLineEnd)) !== QUOTE) break;
    row = readDelimitedRow(text, pos, options, row);
    if (row.unterminatedQuoteAt !== undefined) {
      addProblem(ctx, row.unterminatedQuoteAt, row.end, 'Quoted CSV field has no closing quote; it is read up to the end of its line');
      options.multiLine = false;
    }
    if (row.values.length < names.length) {
      addProblem(ctx, pos, row.end, `PowerShell CSV row has ${row.values.length} of ${names.length} columns`);
    } else {
      const fields = new PropertyFields();
      const values = row.values;
      names.forEach((name, i) => fields.set(name, values[i]));
      const span = { start: pos, end: row.end };
      ctx.events.push(buildEvent('powershell-csv', span, fields.fields, span, fields.levelNumber()));
    }
    pos = row.next;
  }
  return pos;
}
