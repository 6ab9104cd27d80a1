import { skipBlanks, trimEndBlanks } from './textCursor';

const MAX_LABEL_LENGTH = 40;
const COLON = 58;

/** A `Label: value` line of a details block; the label is `[labelStart, labelEnd)`, without blanks around it. */
export interface LabelLine {
  labelStart: number;
  labelEnd: number;
  /** Where the value starts (after the colon and blanks) and ends (trailing blanks removed). */
  valueStart: number;
  valueEnd: number;
}

/**
 * Reads `Label: value` (or `Label :` as French writes it) from a line; a leading `>` (a Markdown quote,
 * as pasted into tickets) is skipped. Undefined when the line does not start with a short label.
 */
export function readLabelLine(text: string, lineStart: number, contentEnd: number): LabelLine | undefined {
  let p = skipBlanks(text, lineStart, contentEnd);
  if (text.charCodeAt(p) === 62) p = skipBlanks(text, p + 1, contentEnd);
  const labelStart = p;
  const first = text.charCodeAt(p);
  if (!(first >= 65 && first <= 90) && !(first >= 97 && first <= 122) && first < 128) return undefined;
  const limit = Math.min(contentEnd, p + MAX_LABEL_LENGTH + 1);
  let colon = -1;
  for (let q = p; q < limit; q++) {
    const c = text.charCodeAt(q);
    if (c === COLON) {
      colon = q;
      break;
    }
    if (c === 9 || c === 34 || c === 60) return undefined; // tab, quote, '<' never sit in a label
  }
  if (colon < 0) return undefined;
  const labelEnd = trimEndBlanks(text, labelStart, colon);
  if (labelEnd === labelStart) return undefined;
  const valueStart = skipBlanks(text, colon + 1, contentEnd);
  return {
    labelStart,
    labelEnd,
    valueStart,
    valueEnd: trimEndBlanks(text, valueStart, contentEnd),
  };
}

/**
 * A case-insensitive label lookup built from `{ key: [labels...] }` tables; each key also has an index
 * (its place in `keys`) for per-key arrays. It compares the label in place, so reading the many label
 * lines of a large export allocates nothing; a label with non-ASCII letters is lower-cased as a whole
 * string instead (`toLowerCase` is not always one letter for one).
 */
export class LabelTable<K extends string> {
  readonly keys: readonly K[];
  private readonly indexByKey = new Map<K, number>();
  private readonly byLowerLabel = new Map<string, number>();
  /** The ASCII labels by length, lower-cased. */
  private readonly asciiByLength = new Map<number, { label: string; index: number }[]>();

  constructor(...tables: Readonly<Record<K, readonly string[]>>[]) {
    const keys: K[] = [];
    for (const table of tables) {
      for (const key of Object.keys(table) as K[]) {
        if (!this.indexByKey.has(key)) this.indexByKey.set(key, keys.push(key) - 1);
        for (const label of table[key]) this.add(label.toLowerCase(), this.index(key));
      }
    }
    // Readers keep the keys they have seen as bits of one number.
    if (keys.length > 31) throw new Error('A label table holds at most 31 keys');
    this.keys = keys;
  }

  /** The index of `key` in `keys`. */
  index(key: K): number {
    return this.indexByKey.get(key) ?? -1;
  }

  /** The key of the line's label, or undefined when the table does not hold it. */
  keyOf(text: string, line: LabelLine): K | undefined {
    const index = this.find(text, line);
    return index < 0 ? undefined : this.keys[index];
  }

  /** The index of the key of the line's label, or -1 when the table does not hold it. */
  find(text: string, line: LabelLine): number {
    const { labelStart, labelEnd } = line;
    for (let i = labelStart; i < labelEnd; i++) {
      if (text.charCodeAt(i) > 127) return this.byLowerLabel.get(text.slice(labelStart, labelEnd).toLowerCase()) ?? -1;
    }
    const candidates = this.asciiByLength.get(labelEnd - labelStart);
    if (candidates === undefined) return -1;
    for (const { label, index } of candidates) if (equalsAsciiIgnoreCase(text, labelStart, label)) return index;
    return -1;
  }

  private add(lowerLabel: string, index: number): void {
    // As with a Map, a label listed again (under another key or language) takes the later key.
    this.byLowerLabel.set(lowerLabel, index);
    if (!isAscii(lowerLabel)) return;
    let candidates = this.asciiByLength.get(lowerLabel.length);
    if (candidates === undefined) this.asciiByLength.set(lowerLabel.length, (candidates = []));
    const existing = candidates.find((c) => c.label === lowerLabel);
    if (existing) existing.index = index;
    else candidates.push({ label: lowerLabel, index });
  }
}

/** True when the ASCII text at `start` equals the lower-case ASCII `lowerLabel`, ignoring case. */
function equalsAsciiIgnoreCase(text: string, start: number, lowerLabel: string): boolean {
  for (let i = 0; i < lowerLabel.length; i++) {
    const c = text.charCodeAt(start + i);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== lowerLabel.charCodeAt(i)) return false;
  }
  return true;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** True for a Markdown code fence line (```), which ends a pasted block. */
export function isFenceLine(text: string, lineStart: number, contentEnd: number): boolean {
  const p = skipBlanks(text, lineStart, contentEnd);
  return p + 3 <= contentEnd && text.startsWith('```', p);
}

