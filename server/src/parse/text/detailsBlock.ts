import { isFenceLine, labelTable, readLabelLine } from './labelLine';
import { readLabeledBlock, type BlockRules } from './labeledBlock';
import { addProblem, buildEvent, withoutUndefined, type TextParseContext } from './textParseContext';
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
  const span = { start: block.start, end: block.end };
  const v = block.values;
  const eventId = v.get('eventId');
  if (!eventId) {
    addProblem(ctx, span.start, span.end, 'Event details have no "Event ID:" line (the block looks cut off)');
    return block.next;
  }
  const fields = {
    channel: v.get('channel'),
    provider: v.get('provider'),
    timeCreated: v.get('date'),
    eventId,
    task: v.get('task'),
    level: v.get('level'),
    opcode: v.get('opcode'),
    keywords: v.get('keywords'),
    userId: v.get('user'),
    computer: v.get('computer'),
    message: block.message,
  };
  ctx.events.push(buildEvent('details-text', span, withoutUndefined(fields), { start: lineStart, end: block.firstLineEnd }));
  return block.next;
}
