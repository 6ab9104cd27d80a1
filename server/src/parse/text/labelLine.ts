import { skipBlanks, trimEndBlanks } from './textCursor';

const MAX_LABEL_LENGTH = 40;
const COLON = 58;

/** A `Label: value` line of a details block; the label lower-cased without blanks around it. */
export interface LabelLine {
  label: string;
  labelStart: number;
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
    label: text.slice(labelStart, labelEnd).toLowerCase(),
    labelStart,
    valueStart,
    valueEnd: trimEndBlanks(text, valueStart, contentEnd),
  };
}

/** Builds a lower-cased label lookup from `{ key: [labels...] }` tables. */
export function labelTable<K extends string>(...tables: Readonly<Record<K, readonly string[]>>[]): Map<string, K> {
  const map = new Map<string, K>();
  for (const table of tables) {
    for (const key of Object.keys(table) as K[]) {
      for (const label of table[key]) map.set(label.toLowerCase(), key);
    }
  }
  return map;
}

/** True for a Markdown code fence line (```), which ends a pasted block. */
export function isFenceLine(text: string, lineStart: number, contentEnd: number): boolean {
  const p = skipBlanks(text, lineStart, contentEnd);
  return p + 3 <= contentEnd && text.startsWith('```', p);
}

