/** Longest run of log text a hover shows in one place. */
const MAX_TEXT = 500;

const ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

function isAsciiPunctuation(code: number): boolean {
  return (code >= 0x21 && code <= 0x2f) || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
}

/**
 * Makes untrusted text (anything read from a log) inert inside markdown, on one line: every ASCII punctuation
 * character is backslash-escaped (so no emphasis, code, link, heading, list or table syntax survives, and no
 * `scheme://` or `www.` text is auto-linked), `<`, `>` and `&` become entities (so no HTML or autolink),
 * line breaks and control characters become spaces, and very long text is cut with an ellipsis.
 */
export function escapeMarkdown(text: string, maxLength = MAX_TEXT): string {
  const source = typeof text === 'string' ? text : String(text);
  const cut = source.length > maxLength;
  let shown = cut ? source.slice(0, maxLength) : source;
  if (cut && /[\uD800-\uDBFF]$/.test(shown)) shown = shown.slice(0, -1);
  let out = '';
  let pendingSpace = false;
  for (let i = 0; i < shown.length; i++) {
    const ch = shown[i]!;
    const code = ch.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      pendingSpace = true;
      continue;
    }
    if (pendingSpace) {
      if (out.length > 0 && ch !== ' ') out += ' ';
      pendingSpace = false;
    }
    const entity = ENTITIES[ch];
    if (entity) out += entity;
    else if (isAsciiPunctuation(code)) out += `\\${ch}`;
    else out += ch;
  }
  return cut ? `${out}…` : out;
}
