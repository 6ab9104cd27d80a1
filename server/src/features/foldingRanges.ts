import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FoldingRange } from 'vscode-languageserver-types';
import type { TextSpan } from '../parse/model';
import type { Analysis } from './analysis';
import { clampSpan } from './spans';

/** XML blocks inside an event that fold on their own. */
const FOLDED_BLOCKS = ['RenderingInfo', 'EventData'];

/** The lines a span covers: from its first to its last character's line. */
function lines(document: TextDocument, span: TextSpan): { startLine: number; endLine: number } {
  const startLine = document.positionAt(span.start).line;
  const endLine = span.end > span.start ? document.positionAt(span.end - 1).line : startLine;
  return { startLine, endLine };
}

function isNameEnd(code: number): boolean {
  // '>', '/', or whitespace end an element name; anything else means a longer name such as <EventDataX>.
  return code === 0x3e || code === 0x2f || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** The span of `<name ...>...</name>` in `eventText`, moved by `base` (where the event starts), or undefined. */
function elementSpan(eventText: string, base: number, name: string): TextSpan | undefined {
  const open = `<${name}`;
  let at = eventText.indexOf(open);
  while (at >= 0 && !isNameEnd(eventText.charCodeAt(at + open.length))) at = eventText.indexOf(open, at + 1);
  if (at < 0) return undefined;
  const close = eventText.indexOf(`</${name}>`, at);
  if (close < 0) return undefined;
  return { start: base + at, end: base + close + name.length + 3 };
}

/**
 * One folding range per multi-line event, and one per multi-line RenderingInfo or EventData block inside an XML
 * event, sorted by start line. A range ends on the line of the event's (or block's) last character. Each event's
 * blocks are looked for in that event's own text, read from the document by range: after an edit a large
 * document is held in pieces, and its whole text is never needed here.
 */
export function getFoldingRanges(document: TextDocument, analysis: Analysis): FoldingRange[] {
  const events = analysis?.parsed?.events ?? [];
  const length = document.getText().length;
  const ranges: FoldingRange[] = [];
  let sorted = true;
  const push = (range: FoldingRange) => {
    const previous = ranges[ranges.length - 1];
    if (previous && previous.startLine > range.startLine) sorted = false;
    ranges.push(range);
  };
  for (const event of events) {
    if (!event) continue;
    const span = clampSpan(event.span, length);
    const eventLines = lines(document, span);
    if (eventLines.endLine <= eventLines.startLine) continue;
    push(eventLines);
    if (event.format !== 'xml') continue;
    const eventText = document.getText({ start: document.positionAt(span.start), end: document.positionAt(span.end) });
    const blocks: FoldingRange[] = [];
    for (const name of FOLDED_BLOCKS) {
      const block = elementSpan(eventText, span.start, name);
      if (!block) continue;
      const blockLines = lines(document, block);
      if (blockLines.endLine > blockLines.startLine) blocks.push(blockLines);
    }
    if (blocks.length === 2 && blocks[0]!.startLine > blocks[1]!.startLine) blocks.reverse();
    for (const block of blocks) push(block);
  }
  return sorted ? ranges : ranges.sort((a, b) => a.startLine - b.startLine);
}
