import { WINDOWS_EVENT_NAMESPACE } from './xml/eventFields';

/** Real start tags are short; looking no further keeps sniffing linear on garbage. */
const MAX_TAG = 4096;
/** Checking the first occurrences is enough to tell; bounding it keeps sniffing cheap on huge documents. */
const MAX_CANDIDATES = 1000;

/**
 * How a document holds Windows XML events, judged from its content:
 * - `'document'`: the document is an XML event log: its root element is `<Events>`, or an `<Event>` in the
 *   Windows events namespace or with a `<System>` child (Event Viewer, wevtutil, Get-WinEvent, converters);
 * - `'embedded'`: such an `<Event>` appears inside other text (pasted details, a ticket, a forum post);
 * - undefined: no Windows event XML (a pom.xml, another XML document, prose).
 */
export type XmlEventSniff = 'document' | 'embedded' | undefined;

/** Sniffs `text` for Windows event XML; see `XmlEventSniff`. */
export function sniffXmlEvents(text: string): XmlEventSniff {
  const root = firstElement(text);
  if (root !== -1 && isTagNamed(text, root, 'Events')) return 'document';
  if (root !== -1 && isTagNamed(text, root, 'Event') && isWindowsEventTag(text, root)) return 'document';
  let at = text.indexOf('<Event', root === -1 ? 0 : root);
  for (let n = 0; at !== -1 && n < MAX_CANDIDATES; n++) {
    if (isWindowsEventTag(text, at)) return 'embedded';
    at = text.indexOf('<Event', at + 6);
  }
  return prefixedEventInNamespace(text) ? 'embedded' : undefined;
}

/** The `<` of the first element, after a BOM, whitespace, the XML declaration, comments and a DOCTYPE; else -1. */
function firstElement(text: string): number {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== 0x3c) return -1;
    const next = text.charCodeAt(i + 1);
    if (next !== 0x3f && next !== 0x21) return i;
    const close = text.startsWith('<!--', i) ? '-->' : '>';
    const end = text.indexOf(close, i + 2);
    if (end === -1) return -1;
    i = end + close.length;
  }
}

/** Whether the tag at `lt` is `<name` (or `<prefix:name`) followed by whitespace, `>` or `/`. */
function isTagNamed(text: string, lt: number, name: string): boolean {
  let i = lt + 1;
  const stop = Math.min(text.length, lt + 256);
  let local = i;
  while (i < stop) {
    const c = text.charCodeAt(i);
    if (isSpace(c) || c === 0x3e || c === 0x2f) break;
    if (c === 0x3a) local = i + 1;
    i++;
  }
  return i - local === name.length && text.startsWith(name, local);
}

/** `<Event` at `lt` with `xmlns='http://schemas.microsoft.com/win/2004/08/events/event'` or a `<System>` first child. */
function isWindowsEventTag(text: string, lt: number): boolean {
  if (!isTagNamed(text, lt, 'Event')) return false;
  const gt = tagEnd(text, lt + 1);
  if (gt === -1) return false;
  if (hasNamespaceAttribute(text, lt, gt)) return true;
  if (text.charCodeAt(gt - 1) === 0x2f) return false;
  let i = gt + 1;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === 0x3c && isTagNamed(text, i, 'System');
}

/** Whether the tag `text[lt, gt)` has an attribute `xmlns` or `xmlns:p` whose quoted value is the Windows namespace. */
function hasNamespaceAttribute(text: string, lt: number, gt: number): boolean {
  const tag = text.slice(lt, gt);
  let at = tag.indexOf(WINDOWS_EVENT_NAMESPACE);
  while (at !== -1) {
    const quote = tag.charCodeAt(at - 1);
    if ((quote === 0x22 || quote === 0x27) && tag.charCodeAt(at + WINDOWS_EVENT_NAMESPACE.length) === quote) {
      const before = tag.slice(0, at - 1).trimEnd();
      if (before.endsWith('=')) {
        const name = before.slice(0, -1).trimEnd().split(/\s/).pop() ?? '';
        if (name === 'xmlns' || name.startsWith('xmlns:')) return true;
      }
    }
    at = tag.indexOf(WINDOWS_EVENT_NAMESPACE, at + 1);
  }
  return false;
}

/** `<p:Event xmlns:p='...'>`: rare, so only looked for when nothing else matched. */
function prefixedEventInNamespace(text: string): boolean {
  let at = text.indexOf(':Event');
  for (let n = 0; at !== -1 && n < MAX_CANDIDATES; n++) {
    let lt = at;
    while (lt > 0 && at - lt < 64 && text.charCodeAt(lt) !== 0x3c && !isSpace(text.charCodeAt(lt))) lt--;
    if (text.charCodeAt(lt) === 0x3c && isWindowsEventTag(text, lt)) return true;
    at = text.indexOf(':Event', at + 6);
  }
  return false;
}

/** The `>` ending the tag that `pos` is inside, looking at most `MAX_TAG` characters ahead; -1 if none. */
function tagEnd(text: string, pos: number): number {
  const stop = Math.min(text.length, pos + MAX_TAG);
  for (let i = pos; i < stop; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3e) return i;
    if (c === 0x3c) return -1;
  }
  return -1;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
