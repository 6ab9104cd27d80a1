import type { SourceValue } from '../model';
import { readLabelLine, type LabelLine } from './labelLine';
import { addProblem, buildEvent, withoutUndefined, type TextParseContext } from './textParseContext';
import { isBlankLine, lineContentEnd, multiLineValue, nextLineStart, trimEndBlanks } from './textCursor';

/** How one labeled-block shape (details, legacy details, wevtutil text) is read. */
export interface BlockRules<K extends string> {
  labels: ReadonlyMap<string, K>;
  descriptionKey: K;
  /** A label that ends the block and belongs to it (`Event Xml:`). */
  closingKey?: K;
  /** The message stops at its first blank line (legacy details). */
  messageEndsAtBlankLine: boolean;
  /** The block stops before such a line (the next block, a code fence). */
  endsBlockBefore(lineStart: number, contentEnd: number): boolean;
}

export interface BlockRead<K extends string> {
  values: Map<K, SourceValue>;
  /** How many lines carried a known label (the block's first line included). */
  knownLabels: number;
  message: SourceValue | undefined;
  /** Where the block's first and last non-blank lines start and end. */
  start: number;
  end: number;
  firstLineEnd: number;
  /** Start of the first line after the block. */
  next: number;
}

/**
 * Reads `Label: value` lines from `start` (the block's first line) until the description label, then the
 * message lines below it. Unknown labels are kept inside the block; the first value of a label wins.
 */
export function readLabeledBlock<K extends string>(ctx: TextParseContext, start: number, rules: BlockRules<K>): BlockRead<K> {
  const { text, end } = ctx;
  const values = new Map<K, SourceValue>();
  const seen = new Set<K>();
  const firstLineEnd = trimEndBlanks(text, start, lineContentEnd(text, start, end));
  const read: BlockRead<K> = { values, knownLabels: 0, message: undefined, start, end: firstLineEnd, firstLineEnd, next: end };
  let pos = start;
  while (pos < end) {
    const contentEnd = lineContentEnd(text, pos, end);
    const line = pos === start || !isBlankLine(text, pos, contentEnd) ? readLabelLine(text, pos, contentEnd) : undefined;
    const key = line && rules.labels.get(line.label);
    // A label seen before starts the next block; a line of another shape ends this one.
    if (pos !== start && (key === undefined ? rules.endsBlockBefore(pos, contentEnd) : seen.has(key))) break;
    if (!line) {
      if (pos === start) pos = nextLineStart(text, contentEnd, end);
      break;
    }
    read.end = trimEndBlanks(text, pos, contentEnd);
    pos = nextLineStart(text, contentEnd, end);
    if (key === undefined) continue;
    seen.add(key);
    read.knownLabels++;
    if (key === rules.closingKey) break;
    if (key === rules.descriptionKey) {
      pos = readMessage(ctx, line, pos, rules, read);
      break;
    }
    if (line.valueEnd > line.valueStart) {
      values.set(key, { start: line.valueStart, end: line.valueEnd, value: text.slice(line.valueStart, line.valueEnd) });
    }
  }
  read.next = pos;
  return read;
}

/** Reads the message after a description label; returns where the block's next line starts. */
function readMessage<K extends string>(
  ctx: TextParseContext,
  label: LabelLine,
  firstLine: number,
  rules: BlockRules<K>,
  read: BlockRead<K>,
): number {
  const { text, end } = ctx;
  let messageStart = label.valueEnd > label.valueStart ? label.valueStart : -1;
  let messageEnd = messageStart >= 0 ? label.valueEnd : -1;
  let pos = firstLine;
  while (pos < end) {
    const contentEnd = lineContentEnd(text, pos, end);
    const blank = isBlankLine(text, pos, contentEnd);
    if (blank) {
      if (rules.messageEndsAtBlankLine && messageStart >= 0) break;
      pos = nextLineStart(text, contentEnd, end);
      continue;
    }
    if (rules.endsBlockBefore(pos, contentEnd)) break;
    if (rules.closingKey !== undefined) {
      const closing = readLabelLine(text, pos, contentEnd);
      if (closing && rules.labels.get(closing.label) === rules.closingKey) {
        read.knownLabels++;
        read.end = trimEndBlanks(text, pos, contentEnd);
        pos = nextLineStart(text, contentEnd, end);
        break;
      }
    }
    if (messageStart < 0) messageStart = firstNonBlank(text, pos, contentEnd);
    messageEnd = lastNonBlankEnd(text, pos, contentEnd);
    read.end = trimEndBlanks(text, pos, contentEnd);
    pos = nextLineStart(text, contentEnd, end);
  }
  if (messageStart >= 0) read.message = multiLineValue(text, messageStart, messageEnd);
  return pos;
}

function firstNonBlank(text: string, start: number, end: number): number {
  let p = start;
  while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
  return p;
}

function lastNonBlankEnd(text: string, start: number, end: number): number {
  let p = end;
  while (p > start && (text.charCodeAt(p - 1) === 32 || text.charCodeAt(p - 1) === 9)) p--;
  return p;
}

/**
 * Turns a details-like block into an event of `format`, or marks the whole block as broken with
 * `missingIdProblem` when it has no `Event ID:` line. Returns where parsing goes on.
 */
export function pushLabeledBlockEvent<K extends string>(
  ctx: TextParseContext,
  block: BlockRead<K>,
  format: 'details-text' | 'wevtutil-text',
  missingIdProblem: string,
): number {
  const span = { start: block.start, end: block.end };
  // Both shapes name their labels by the event field they fill (channel, provider, date, eventId, ...).
  const v = block.values as Map<string, SourceValue>;
  const eventId = v.get('eventId');
  if (!eventId) {
    addProblem(ctx, span.start, span.end, missingIdProblem);
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
  ctx.events.push(buildEvent(format, span, withoutUndefined(fields), { start: block.start, end: block.firstLineEnd }));
  return block.next;
}
