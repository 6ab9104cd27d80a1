import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';
import type { LogEvent, TextSpan } from '../parse/model';

function offset(value: unknown, max: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) return 0;
  return Math.min(Math.max(Math.floor(value), 0), max);
}

/** A span clamped into `[0, length]` with `start <= end`, whatever the input. */
export function clampSpan(span: TextSpan | undefined, length: number): TextSpan {
  const start = offset(span?.start, length);
  const end = offset(span?.end, length);
  return { start, end: Math.max(start, end) };
}

/** The LSP range of a span of `document`'s text (clamped, so never invalid). */
export function rangeOfSpan(document: TextDocument, span: TextSpan | undefined): Range {
  const { start, end } = clampSpan(span, document.getText().length);
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/**
 * The event's anchor span, clamped; an empty span at the event's start when the anchor is missing or lies outside the event,
 * so a selection range always sits inside the event's range.
 */
export function anchorSpan(event: LogEvent, length: number): TextSpan {
  const span = clampSpan(event.span, length);
  const anchor = clampSpan(event.anchor, length);
  if (event.anchor && anchor.start >= span.start && anchor.end <= span.end) return anchor;
  return { start: span.start, end: span.start };
}

/**
 * The index of the event whose span holds `position` (an offset): `start <= position < end`, or, failing that,
 * an event ending exactly there. -1 when none does.
 */
export function eventIndexAt(events: readonly LogEvent[], position: number): number {
  let endingHere = -1;
  for (let i = 0; i < events.length; i++) {
    const span = events[i]?.span;
    if (!span) continue;
    if (span.start <= position && position < span.end) return i;
    if (endingHere < 0 && span.end === position && span.start < span.end) endingHere = i;
  }
  return endingHere;
}
