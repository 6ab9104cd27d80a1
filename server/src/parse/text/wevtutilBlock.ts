import { isFenceLine, LabelTable } from './labelLine';
import { pushLabeledBlockEvent, readLabeledBlock, type BlockRules } from './labeledBlock';
import type { TextParseContext } from './textParseContext';
import { skipBlanks } from './textCursor';
import { WEVTUTIL_LABELS } from './vocabulary';

type WevtutilKey = keyof typeof WEVTUTIL_LABELS;
const LABELS = new LabelTable<WevtutilKey>(WEVTUTIL_LABELS);

const RULES: BlockRules<WevtutilKey> = {
  labels: LABELS,
  descriptionKey: 'description',
  distinctKey: 'date',
  messageEndsAtBlankLine: false,
  // Lines inside a block are indented; only an unindented line can open another shape.
  endsBlockBefore: ({ text, isShapeStart }, start, end) =>
    isWevtutilStart(text, start, end) || (skipBlanks(text, start, end) === start && (isFenceLine(text, start, end) || isShapeStart(start, end))),
};

/** True when the line is a `wevtutil qe /f:text` block header, `Event[N]:`. */
export function isWevtutilStart(text: string, lineStart: number, contentEnd: number): boolean {
  const p = skipBlanks(text, lineStart, contentEnd);
  if (!text.startsWith('Event[', p)) return false;
  let q = p + 6;
  const digits = q;
  while (q < contentEnd && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
  return q > digits && text.charCodeAt(q) === 93 && text.charCodeAt(q + 1) === 58;
}

/**
 * Parses one `Event[N]:` block of `wevtutil qe /f:text` output (N is a position, not a record id).
 * Returns the offset after the block, or -1 when the line is not a block header.
 */
export function tryParseWevtutilBlock(ctx: TextParseContext, lineStart: number, contentEnd: number): number {
  if (!isWevtutilStart(ctx.text, lineStart, contentEnd)) return -1;
  const block = readLabeledBlock(ctx, lineStart, RULES);
  return pushLabeledBlockEvent(ctx, block, 'wevtutil-text', 'wevtutil event block has no "Event ID:" line (the block looks cut off)');
}
