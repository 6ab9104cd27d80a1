/**
 * A `TextDocument` that keeps an edited document as pieces instead of one string. The stock document rebuilds
 * its whole text on every keystroke (`before + typed + after`), and the next read of that text copies it
 * flat: 50 MB per character typed in a large export. Here an edit replaces the pieces it touches with slices
 * (which V8 makes without copying) and the typed text, so reading a range or re-parsing one event never
 * copies the rest. `getText()` still returns the whole text for callers that need it.
 */
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { LineStarts } from './lineStarts';
import { lastAtOrBefore } from './sortedOffsets';

/** Pieces shorter than this are merged with the text typed next to them, so typing in one place stays one piece. */
const SMALL_PIECE = 1024;
/** Past this many pieces the text is joined into one again (one copy per many edits). */
const MAX_PIECES = 128;

export class PieceTextDocument implements TextDocument {
  private pieces: string[];
  /** `starts[i]` is the document offset of `pieces[i]`. */
  private starts: number[] = [0];
  private length: number;
  private lineStarts: LineStarts | undefined;
  private joined: string | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    public version: number,
    content: string,
  ) {
    this.pieces = [content];
    this.length = content.length;
    this.joined = content;
  }

  static create(uri: string, languageId: string, version: number, content: string): PieceTextDocument {
    return new PieceTextDocument(uri, languageId, version, content);
  }

  /** The number of UTF-16 code units in the document, without building its text. */
  get textLength(): number {
    return this.length;
  }

  get lineCount(): number {
    return this.lines().length;
  }

  getText(range?: Range): string {
    if (range) return this.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    if (this.joined === undefined) {
      // Concatenation makes a rope V8 copies flat only if someone reads inside it; its length costs nothing.
      let joined = '';
      for (const piece of this.pieces) joined += piece;
      this.joined = joined;
    }
    return this.joined;
  }

  /** The text of `[start, end)` (clamped), read from the pieces it spans only. */
  slice(start: number, end: number): string {
    const from = Math.max(0, Math.min(start, this.length));
    const to = Math.max(from, Math.min(end, this.length));
    let i = this.pieceAt(from);
    let out = '';
    for (let at = from; at < to && i < this.pieces.length; i++) {
      const piece = this.pieces[i] ?? '';
      const pieceStart = this.starts[i] ?? 0;
      const part = piece.slice(at - pieceStart, to - pieceStart);
      out = out.length === 0 ? part : out + part;
      at = pieceStart + piece.length;
    }
    return out;
  }

  /** The code unit at `offset`, or NaN outside the text. */
  charCodeAt(offset: number): number {
    if (offset < 0 || offset >= this.length) return NaN;
    const i = this.pieceAt(offset);
    return (this.pieces[i] ?? '').charCodeAt(offset - (this.starts[i] ?? 0));
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.length), 0);
    const lines = this.lines();
    const line = lines.lineOf(at);
    const lineStart = lines.at(line);
    return { line, character: this.beforeEol(at, lineStart) - lineStart };
  }

  offsetAt(position: Position): number {
    const lines = this.lines();
    if (position.line >= lines.length) return this.length;
    if (position.line < 0) return 0;
    const lineStart = lines.at(position.line);
    if (position.character <= 0) return lineStart;
    const next = this.nextLineStart(position.line);
    return this.beforeEol(Math.min(lineStart + position.character, next), lineStart);
  }

  getLineRange(line: number): Range {
    const lines = this.lines();
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.length - lines.at(last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lines.at(line);
    const end = this.beforeEol(this.nextLineStart(line), start);
    return { start: { line, character: 0 }, end: { line, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lines();
    if (line < 0 || line >= lines.length) return '';
    const next = this.nextLineStart(line);
    return this.slice(this.beforeEol(next, lines.at(line)), next);
  }

  /** Applies the changes in order (each one's range reads the text the previous ones left) and sets `version`. */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): this {
    for (const change of changes) {
      if ('range' in change) this.applyEdit(wellFormed(change.range), change.text);
      else this.replaceAll(change.text);
    }
    this.version = version;
    return this;
  }

  private replaceAll(text: string): void {
    this.pieces = [text];
    this.starts = [0];
    this.length = text.length;
    this.joined = text;
    this.lineStarts = undefined;
  }

  private applyEdit(range: Range, text: string): void {
    const start = this.offsetAt(range.start);
    const end = this.offsetAt(range.end);
    this.splice(start, end, text);
    const insertedEnd = start + text.length;
    // A CR and an LF meeting at either edge of the edit merge two line breaks into one: count the lines again.
    if (this.crlfAt(start) || this.crlfAt(insertedEnd)) {
      this.lineStarts = undefined;
      return;
    }
    // The edit's range was read against these starts (offsetAt above), so its lines are within them.
    const lastLine = Math.min(Math.max(range.end.line, 0), (this.lineStarts?.length ?? 1) - 1);
    this.lineStarts?.replace(Math.min(Math.max(range.start.line, 0), lastLine), lastLine, text, start, text.length - (end - start));
  }

  /** Replaces `[start, end)` with `text` in the pieces. */
  private splice(start: number, end: number, text: string): void {
    const first = this.pieceAt(start);
    const last = this.pieceAt(end);
    const firstPiece = this.pieces[first] ?? '';
    const lastPiece = this.pieces[last] ?? '';
    let left = firstPiece.slice(0, start - (this.starts[first] ?? 0));
    let right = lastPiece.slice(end - (this.starts[last] ?? 0));
    let from = first;
    let to = last + 1;
    let middle = text;
    // Small neighbours join the typed text, so a run of keystrokes stays one piece.
    if (left.length < SMALL_PIECE) {
      const before = this.pieces[from - 1];
      middle = left + middle;
      left = '';
      if (before !== undefined && before.length < SMALL_PIECE) {
        middle = before + middle;
        from--;
      }
    }
    if (right.length < SMALL_PIECE) {
      const after = this.pieces[to];
      middle += right;
      right = '';
      if (after !== undefined && after.length < SMALL_PIECE) {
        middle += after;
        to++;
      }
    }
    const replacement = [left, middle, right].filter((piece) => piece.length > 0);
    this.pieces.splice(from, to - from, ...replacement);
    this.length += text.length - (end - start);
    if (this.pieces.length > MAX_PIECES) this.pieces = [this.pieces.join('')];
    if (this.pieces.length === 0) this.pieces = [''];
    this.joined = this.pieces.length === 1 ? this.pieces[0] : undefined;
    this.indexPieces();
  }

  private indexPieces(): void {
    const starts = new Array<number>(this.pieces.length);
    let at = 0;
    for (let i = 0; i < this.pieces.length; i++) {
      starts[i] = at;
      at += (this.pieces[i] ?? '').length;
    }
    this.starts = starts;
  }

  /** The index of the piece holding `offset` (the last piece for the end of the text). */
  private pieceAt(offset: number): number {
    return lastAtOrBefore(this.starts, this.starts.length, offset);
  }

  private crlfAt(offset: number): boolean {
    return this.charCodeAt(offset - 1) === 0x0d && this.charCodeAt(offset) === 0x0a;
  }

  private beforeEol(offset: number, lineStart: number): number {
    let at = offset;
    for (let c = this.charCodeAt(at - 1); at > lineStart && (c === 0x0a || c === 0x0d); c = this.charCodeAt(at - 1)) at--;
    return at;
  }

  private lines(): LineStarts {
    // Counted piece by piece, a CR ending one piece and the LF starting the next would be two breaks: count the whole text.
    this.lineStarts ??= LineStarts.of(this.getText());
    return this.lineStarts;
  }

  private nextLineStart(line: number): number {
    const lines = this.lines();
    return line + 1 < lines.length ? lines.at(line + 1) : this.length;
  }
}

function wellFormed(range: Range): Range {
  const { start, end } = range;
  return start.line > end.line || (start.line === end.line && start.character > end.character) ? { start: end, end: start } : range;
}
