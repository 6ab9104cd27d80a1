/**
 * Turns offsets of a text read piece by piece into LSP positions (line and UTF-16 character). Only the piece
 * in hand is kept: `position` answers offsets into it, `advance` moves past its consumed start.
 */
export class LineCounter {
  /** Line and character of the current piece's first character. */
  private line = 0;
  private character = 0;
  private piece = '';
  private starts: number[] | undefined;

  /** Sets the piece whose offsets `position` reads; its first character sits where the last `advance` ended. */
  setPiece(piece: string): void {
    this.piece = piece;
    this.starts = undefined;
  }

  /** The position of `offset` (into the current piece). */
  position(offset: number): { line: number; character: number } {
    const starts = (this.starts ??= lineStarts(this.piece));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo] ?? 0;
    return lo === 0 ? { line: this.line, character: this.character + offset } : { line: this.line + lo, character: offset - lineStart };
  }

  /** Moves past the first `count` characters of the current piece. */
  advance(count: number): void {
    const consumed = Math.min(count, this.piece.length);
    let last = -1;
    let lines = 0;
    for (let i = this.piece.indexOf('\n'); i !== -1 && i < consumed; i = this.piece.indexOf('\n', i + 1)) {
      lines++;
      last = i;
    }
    if (lines === 0) this.character += consumed;
    else {
      this.line += lines;
      this.character = consumed - last - 1;
    }
    this.piece = this.piece.slice(consumed);
    this.starts = undefined;
  }
}

/** Offsets where lines start in `text` (after `\n`; a `\r\n` pair ends a line at its `\n`). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
