import type { SourceValue } from '../model';
import { isFenceLine, LabelTable, readLabelLine } from './labelLine';
import { blockValue, readLabeledBlock, type BlockRules } from './labeledBlock';
import { addProblem, buildEvent, withoutUndefined, type TextParseContext } from './textParseContext';
import { isBlankLine, lineContentEnd, multiLineValue, nextLineStart, nextNonBlankLine, skipBlanks, startsWithIgnoreCase, trimEndBlanks } from './textCursor';
import { LEGACY_LABELS } from './vocabulary';

type LegacyKey = keyof typeof LEGACY_LABELS;
const LABELS = new LabelTable<LegacyKey>(LEGACY_LABELS);
const MIN_LABELS = 3;
const HELP_TRAILER = 'for more information, see help and support center';

const RULES: BlockRules<LegacyKey> = {
  labels: LABELS,
  descriptionKey: 'description',
  distinctKey: 'date',
  messageEndsAtBlankLine: true,
  endsBlockBefore: ({ text, isShapeStart }, start, end) => isFenceLine(text, start, end) || isShapeStart(start, end),
};

/** True when the line opens legacy (XP/2003) event details: `Event Type:` or `Event Source:`. */
export function isLegacyStart(text: string, lineStart: number, contentEnd: number): boolean {
  const line = readLabelLine(text, lineStart, contentEnd);
  if (!line) return false;
  const key = LABELS.keyOf(text, line);
  return key === 'level' || key === 'provider';
}

/**
 * Parses legacy event details (`Event Type:` ... `Description:` and the message up to its first blank
 * line, plus XP's "For more information, see Help and Support Center" line and a `Data:` section).
 * Returns the offset after the block, or -1 when the lines are not such a block.
 */
export function tryParseLegacyBlock(ctx: TextParseContext, lineStart: number, contentEnd: number): number {
  const { text, end } = ctx;
  if (!isLegacyStart(text, lineStart, contentEnd)) return -1;
  const block = readLabeledBlock(ctx, lineStart, RULES);
  if (block.knownLabels < MIN_LABELS) return -1;
  let next = block.next;
  let message = block.message;
  const trailer = nextNonBlankLine(text, next, end);
  if (message && trailer >= 0 && startsWithIgnoreCase(text, skipBlanks(text, trailer, end), HELP_TRAILER)) {
    const trailerEnd = trimEndBlanks(text, trailer, lineContentEnd(text, trailer, end));
    message = multiLineValue(text, message.start, trailerEnd);
    block.end = trailerEnd;
    next = nextLineStart(text, lineContentEnd(text, trailer, end), end);
  }
  const data = nextNonBlankLine(text, next, end);
  if (data >= 0) {
    const dataLine = readLabelLine(text, data, lineContentEnd(text, data, end));
    if (dataLine && LABELS.keyOf(text, dataLine) === 'data') next = consumeParagraph(text, data, end, block);
  }
  const span = { start: block.start, end: block.end };
  const eventId = blockValue(block, 'eventId');
  if (!eventId) {
    addProblem(ctx, span.start, span.end, 'Legacy event details have no "Event ID:" line (the block looks cut off)');
    return next;
  }
  const fields = {
    level: blockValue(block, 'level'),
    provider: blockValue(block, 'provider'),
    task: blockValue(block, 'task'),
    eventId,
    timeCreated: joinDateAndTime(blockValue(block, 'date'), blockValue(block, 'time')),
    userId: blockValue(block, 'user'),
    computer: blockValue(block, 'computer'),
    message,
  };
  ctx.events.push(buildEvent('legacy-text', span, withoutUndefined(fields), { start: lineStart, end: block.firstLineEnd }));
  return next;
}

/** `Date: 3/15/2010` and `Time: 11:27:57 AM` as one value spanning both. */
function joinDateAndTime(date: SourceValue | undefined, time: SourceValue | undefined): SourceValue | undefined {
  if (!date || !time || time.start < date.end) return date ?? time;
  return { start: date.start, end: time.end, value: `${date.value} ${time.value}` };
}

/** Takes the lines from `start` up to a blank line into the block; returns the next line's start. */
function consumeParagraph(text: string, start: number, end: number, block: { end: number }): number {
  let p = start;
  while (p < end) {
    const e = lineContentEnd(text, p, end);
    if (isBlankLine(text, p, e)) break;
    block.end = trimEndBlanks(text, p, e);
    p = nextLineStart(text, e, end);
  }
  return p;
}
