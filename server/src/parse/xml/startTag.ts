import type { ParseProblem } from '../model';
import { isNameStart, isXmlSpace, scanName } from './xmlChars';

export const enum TagStatus {
  /** A complete start tag; `end` is just after its `>`. */
  Complete,
  /** The tag runs into a `<` before its `>`: dropped, scanning resumes at `end`. */
  Broken,
  /** The text ends inside the tag. */
  Truncated,
}

/**
 * Reads start tags. The result of the last tag read (its status, end and attributes, as offsets into the
 * text) stays in the reader until the next read: the scanner reads over a million tags in a large export,
 * so nothing is allocated per tag and no string is built until a caller asks for a value it keeps.
 */
export class StartTagReader {
  status = TagStatus.Complete;
  /** See `TagStatus`. */
  end = 0;
  /** `<Name/>`: the offset of the `/` (where content would go), else -1. */
  selfClosingAt = -1;
  count = 0;
  readonly nameStart: number[] = [];
  readonly nameEnd: number[] = [];
  readonly valueStart: number[] = [];
  readonly valueEnd: number[] = [];
  private reported = false;

  constructor(
    private readonly text: string,
    private readonly limit: number,
    private readonly problems: ParseProblem[],
  ) {}

  /** The index of the attribute whose (qualified) name is `name`, or -1. */
  find(name: string): number {
    for (let i = 0; i < this.count; i++) {
      const s = this.nameStart[i] ?? 0;
      if ((this.nameEnd[i] ?? 0) - s === name.length && this.text.startsWith(name, s)) return i;
    }
    return -1;
  }

  /**
   * Reads the attributes and the end of a start tag whose name ends at `pos`. Stops at any `<`, so a tag
   * that is never closed costs no more than the text up to the next tag. Recoverable damage (a missing `=`,
   * an unquoted value, stray characters) is reported once per tag and skipped.
   */
  read(pos: number): TagStatus {
    const { text, limit: end } = this;
    this.count = 0;
    this.selfClosingAt = -1;
    this.reported = false;
    let i = pos;
    for (;;) {
      while (i < end && isXmlSpace(text.charCodeAt(i))) i++;
      if (i >= end) return this.finish(TagStatus.Truncated, end);
      const c = text.charCodeAt(i);
      if (c === 0x3e) return this.finish(TagStatus.Complete, i + 1);
      if (c === 0x2f && i + 1 < end && text.charCodeAt(i + 1) === 0x3e) {
        this.selfClosingAt = i;
        return this.finish(TagStatus.Complete, i + 2);
      }
      if (c === 0x3c) return this.finish(TagStatus.Broken, i);
      if (!isNameStart(c)) {
        this.report(i, i + 1, `Unexpected ${describeChar(c)} in a start tag`);
        i++;
        continue;
      }
      const nameStart = i;
      i = scanName(text, i, end);
      const nameEnd = i;
      while (i < end && isXmlSpace(text.charCodeAt(i))) i++;
      if (i >= end || text.charCodeAt(i) !== 0x3d) {
        this.report(nameStart, nameEnd, `Attribute ${text.slice(nameStart, nameEnd)} has no value`);
        continue;
      }
      i++;
      while (i < end && isXmlSpace(text.charCodeAt(i))) i++;
      if (i >= end) return this.finish(TagStatus.Truncated, end);
      const q = text.charCodeAt(i);
      if (q === 0x22 || q === 0x27) {
        let j = i + 1;
        while (j < end) {
          const d = text.charCodeAt(j);
          if (d === q || d === 0x3c) break;
          j++;
        }
        if (j >= end) return this.finish(TagStatus.Truncated, end);
        if (text.charCodeAt(j) === 0x3c) {
          this.problems.push({ span: { start: i, end: j }, message: `The value of attribute ${text.slice(nameStart, nameEnd)} is not closed` });
          return this.finish(TagStatus.Broken, j);
        }
        this.add(nameStart, nameEnd, i + 1, j);
        i = j + 1;
      } else {
        const valueStart = i;
        while (i < end) {
          const d = text.charCodeAt(i);
          if (isXmlSpace(d) || d === 0x3e || d === 0x3c || (d === 0x2f && text.charCodeAt(i + 1) === 0x3e)) break;
          i++;
        }
        this.report(valueStart, i, `The value of attribute ${text.slice(nameStart, nameEnd)} must be quoted`);
        this.add(nameStart, nameEnd, valueStart, i);
      }
    }
  }

  private finish(status: TagStatus, end: number): TagStatus {
    this.status = status;
    this.end = end;
    return status;
  }

  private add(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
    const i = this.count++;
    this.nameStart[i] = nameStart;
    this.nameEnd[i] = nameEnd;
    this.valueStart[i] = valueStart;
    this.valueEnd[i] = valueEnd;
  }

  private report(start: number, end: number, message: string): void {
    if (!this.reported) this.problems.push({ span: { start, end }, message });
    this.reported = true;
  }
}

/** `'#'` for a printable character, `U+0000` for a control character. */
function describeChar(c: number): string {
  return c < 0x20 || (c >= 0x7f && c < 0xa0) ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `'${String.fromCharCode(c)}'`;
}
