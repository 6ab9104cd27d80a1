import type { LogEvent } from '../model';
import { plainEvent } from '../storedEvent';
import { isXmlSpace } from './xmlChars';

/**
 * Merges text events and XML events (each in document order) into one list in document order, joining the two
 * halves of pasted "Copy details as text": a `details-text` event whose block ends at its `Event Xml:` line and
 * the XML event right after it (only whitespace between them) are one event. The XML event is kept, its span
 * widened to start at the details, and it takes the details' message when it has no `RenderingInfo` message.
 * `text` is the document both lists index into.
 */
export function mergeDetailsIntoXml(text: string, textEvents: readonly LogEvent[], xmlEvents: readonly LogEvent[]): LogEvent[] {
  const merged: LogEvent[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const t = textEvents[i];
    const x = xmlEvents[j];
    if (t === undefined && x === undefined) return merged;
    if (t !== undefined && (x === undefined || t.span.start < x.span.start)) {
      i++;
      if (x !== undefined && t.format === 'details-text' && isBlank(text, t.span.end, x.span.start)) {
        j++;
        merged.push(joinDetails(t, x));
      } else {
        merged.push(t);
      }
    } else if (x !== undefined) {
      j++;
      merged.push(x);
    }
  }
}

function joinDetails(details: LogEvent, xml: LogEvent): LogEvent {
  const event: LogEvent = { ...plainEvent(xml), span: { start: details.span.start, end: xml.span.end } };
  if (event.message === undefined && details.message !== undefined) event.message = details.message;
  return event;
}

/** Whether `text[start, end)` is empty or only whitespace (and `start <= end`). */
function isBlank(text: string, start: number, end: number): boolean {
  if (start > end) return false;
  for (let i = start; i < end; i++) if (!isXmlSpace(text.charCodeAt(i))) return false;
  return true;
}
