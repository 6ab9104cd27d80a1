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

/**
 * `indexOf` that remembers its last answer per needle, so searching forward event after event stays linear even
 * when a needle occurs rarely or never (a plain `indexOf` per event would rescan the rest of the document).
 */
class ForwardFinder {
  private readonly last = new Map<string, { from: number; at: number }>();
  constructor(private readonly text: string) {}

  find(needle: string, from: number): number {
    const cached = this.last.get(needle);
    if (cached && cached.from <= from && (cached.at < 0 || cached.at >= from)) return cached.at;
    const at = this.text.indexOf(needle, from);
    this.last.set(needle, { from, at });
    return at;
  }
}

/** The span of `<name ...>...</name>` inside `[from, to)`, or undefined. */
function elementSpan(finder: ForwardFinder, text: string, name: string, from: number, to: number): TextSpan | undefined {
  const open = `<${name}`;
  let at = finder.find(open, from);
  while (at >= 0 && at < to && !isNameEnd(text.charCodeAt(at + open.length))) at = finder.find(open, at + 1);
  if (at < 0 || at >= to) return undefined;
  const closeTag = `</${name}>`;
  const close = finder.find(closeTag, at);
  if (close < 0 || close + closeTag.length > to) return undefined;
  return { start: at, end: close + closeTag.length };
}

/**
 * One folding range per multi-line event, and one per multi-line RenderingInfo or EventData block inside an XML
 * event, sorted by start line. A range ends on the line of the event's (or block's) last character.
 */
export function getFoldingRanges(document: TextDocument, analysis: Analysis): FoldingRange[] {
  const events = analysis?.parsed?.events ?? [];
  const text = document.getText();
  const ranges: FoldingRange[] = [];
  const finder = new ForwardFinder(text);
  let sorted = true;
  const push = (range: FoldingRange) => {
    const previous = ranges[ranges.length - 1];
    if (previous && previous.startLine > range.startLine) sorted = false;
    ranges.push(range);
  };
  for (const event of events) {
    if (!event) continue;
    const span = clampSpan(event.span, text.length);
    const eventLines = lines(document, span);
    if (eventLines.endLine <= eventLines.startLine) continue;
    push(eventLines);
    if (event.format !== 'xml') continue;
    const blocks: FoldingRange[] = [];
    for (const name of FOLDED_BLOCKS) {
      const block = elementSpan(finder, text, name, span.start, span.end);
      if (!block) continue;
      const blockLines = lines(document, block);
      if (blockLines.endLine > blockLines.startLine) blocks.push(blockLines);
    }
    if (blocks.length === 2 && blocks[0]!.startLine > blocks[1]!.startLine) blocks.reverse();
    for (const block of blocks) push(block);
  }
  return sorted ? ranges : ranges.sort((a, b) => a.startLine - b.startLine);
}
