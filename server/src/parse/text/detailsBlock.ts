import { isFenceLine, LabelTable, readLabelLine } from './labelLine';
import { pushLabeledBlockEvent, readLabeledBlock, type BlockRules } from './labeledBlock';
import type { TextParseContext } from './textParseContext';
import { VOCABULARIES, type DetailsLabel } from './vocabulary';

const DETAILS_LABELS = new LabelTable<DetailsLabel>(...VOCABULARIES.map((v) => v.details));
const MIN_LABELS = 3;

const RULES: BlockRules<DetailsLabel> = {
  labels: DETAILS_LABELS,
  descriptionKey: 'description',
  closingKey: 'eventXml',
  distinctKey: 'date',
  messageEndsAtBlankLine: false,
  endsBlockBefore: ({ text, isShapeStart }, start, end) => isFenceLine(text, start, end) || isShapeStart(start, end),
};

/** True when the line opens an Event Viewer "Copy Details as Text" block (`Log Name:` in any known language). */
export function isDetailsStart(text: string, lineStart: number, contentEnd: number): boolean {
  const line = readLabelLine(text, lineStart, contentEnd);
  return line !== undefined && DETAILS_LABELS.keyOf(text, line) === 'channel';
}

/**
 * Parses a "Copy Details as Text" block starting at `lineStart` (its `Log Name:` line). The event's span
 * ends with the `Event Xml:` line when there is one, so the XML parser can merge the two.
 * Returns the offset after the block, or -1 when the lines are not such a block.
 */
export function tryParseDetailsBlock(ctx: TextParseContext, lineStart: number, contentEnd: number): number {
  if (!isDetailsStart(ctx.text, lineStart, contentEnd)) return -1;
  const block = readLabeledBlock(ctx, lineStart, RULES);
  if (block.knownLabels < MIN_LABELS) return -1;
  return pushLabeledBlockEvent(ctx, block, 'details-text', 'Event details have no "Event ID:" line (the block looks cut off)');
}
