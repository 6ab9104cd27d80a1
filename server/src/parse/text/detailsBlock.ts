import { isFenceLine, labelTable, readLabelLine } from './labelLine';
import { pushLabeledBlockEvent, readLabeledBlock, type BlockRules } from './labeledBlock';
import type { TextParseContext } from './textParseContext';
import { VOCABULARIES, type DetailsLabel } from './vocabulary';

const DETAILS_LABELS = labelTable<DetailsLabel>(...VOCABULARIES.map((v) => v.details));
const MIN_LABELS = 3;

/** True when the line opens an Event Viewer "Copy Details as Text" block (`Log Name:` in any known language). */
export function isDetailsStart(text: string, lineStart: number, contentEnd: number): boolean {
  const line = readLabelLine(text, lineStart, contentEnd);
  return line !== undefined && DETAILS_LABELS.get(line.label) === 'channel';
}

/**
 * Parses a "Copy Details as Text" block starting at `lineStart` (its `Log Name:` line). The event's span
 * ends with the `Event Xml:` line when there is one, so the XML parser can merge the two.
 * Returns the offset after the block, or -1 when the lines are not such a block.
 */
export function tryParseDetailsBlock(ctx: TextParseContext, lineStart: number, contentEnd: number): number {
  const { text } = ctx;
  if (!isDetailsStart(text, lineStart, contentEnd)) return -1;
  const rules: BlockRules<DetailsLabel> = {
    labels: DETAILS_LABELS,
    descriptionKey: 'description',
    closingKey: 'eventXml',
    messageEndsAtBlankLine: false,
    endsBlockBefore: (start, end) => isFenceLine(text, start, end) || ctx.isShapeStart(start, end),
  };
  const block = readLabeledBlock(ctx, lineStart, rules);
  if (block.knownLabels < MIN_LABELS) return -1;
  return pushLabeledBlockEvent(ctx, block, 'details-text', 'Event details have no "Event ID:" line (the block looks cut off)');
}
