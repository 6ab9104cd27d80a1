/** Line breaks as LSP counts them: `\n`, `\r\n` and a lone `\r`. */
const LF = 0x0a;
const CR = 0x0d;

export function isEol(code: number): boolean {
  return code === LF || code === CR;
}

/**
 * The offset just after every line break in `text`, plus `base`, appended to `ends`; `\r\n` counts once. Found
 * with `indexOf`, which scans far faster than a character loop over the multi-megabyte exports this server opens.
 */
export function lineBreakEnds(text: string, base = 0, ends: number[] = []): number[] {
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf !== -1 || cr !== -1) {
    if (cr !== -1 && (lf === -1 || cr < lf)) {
      if (cr + 1 === lf) {
        ends.push(base + lf + 1);
        lf = text.indexOf('\n', lf + 1);
      } else {
        ends.push(base + cr + 1);
      }
      cr = text.indexOf('\r', cr + 1);
    } else {
      ends.push(base + lf + 1);
      lf = text.indexOf('\n', lf + 1);
    }
  }
  return ends;
}
