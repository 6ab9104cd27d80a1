import { keepIfAny, keepRawIfAny } from '../eventStores';
import type { LogEvent, SourceValue, TextSpan } from '../model';
import { Field, FieldLayout } from '../storedEvent';
import { levelNumberOf } from './levels';
import { readLabelLine, type LabelLine, type LabelTable } from './labelLine';
import { addProblem, displayedId, type TextParseContext } from './textParseContext';
import { isBlankLine, isUnchangedMultiLine, lineContentEnd, multiLineValue, nextLineStart, trimEndBlanks } from './textCursor';

/** How one labeled-block shape (details, legacy details, wevtutil text) is read. */
export interface BlockRules<K extends string> {
  labels: LabelTable<K>;
  descriptionKey: K;
  /** A label that ends the block and belongs to it (`Event Xml:`). */
  closingKey?: K;
  /** The label whose value differs from event to event (the date): its text is not pooled. */
  distinctKey?: K;
  /** The message stops at its first blank line (legacy details). */
  messageEndsAtBlankLine: boolean;
  /** The block stops before such a line (the next block, a code fence). */
  endsBlockBefore(ctx: TextParseContext, lineStart: number, contentEnd: number): boolean;
}

export interface BlockRead<K extends string> {
  labels: LabelTable<K>;
  /** The non-empty value of each key (by its index in `labels`), from its first line; see `blockValue`. */
  values: (SourceValue | undefined)[];
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
  const { text, end, pool } = ctx;
  const { labels } = rules;
  const values = new Array<SourceValue | undefined>(labels.keys.length).fill(undefined);
  const description = labels.index(rules.descriptionKey);
  const closing = rules.closingKey === undefined ? -1 : labels.index(rules.closingKey);
  const distinct = rules.distinctKey === undefined ? -1 : labels.index(rules.distinctKey);
  /** Bit i is set once key i has been seen. */
  let seen = 0;
  const firstLineEnd = trimEndBlanks(text, start, lineContentEnd(text, start, end));
  const read: BlockRead<K> = { labels, values, knownLabels: 0, message: undefined, start, end: firstLineEnd, firstLineEnd, next: end };
  let pos = start;
  while (pos < end) {
    const contentEnd = lineContentEnd(text, pos, end);
    const line = pos === start || !isBlankLine(text, pos, contentEnd) ? readLabelLine(text, pos, contentEnd) : undefined;
    const key = line ? labels.find(text, line) : -1;
    // A label seen before starts the next block; a line of another shape ends this one.
    if (pos !== start && (key < 0 ? rules.endsBlockBefore(ctx, pos, contentEnd) : (seen & (1 << key)) !== 0)) break;
    if (!line) {
      if (pos === start) pos = nextLineStart(text, contentEnd, end);
      break;
    }
    read.end = trimEndBlanks(text, pos, contentEnd);
    pos = nextLineStart(text, contentEnd, end);
    if (key < 0) continue;
    seen |= 1 << key;
    read.knownLabels++;
    if (key === closing) break;
    if (key === description) {
      pos = readMessage(ctx, line, pos, rules, read);
      break;
    }
    const { valueStart, valueEnd } = line;
    if (valueEnd > valueStart) {
      const value = key === distinct ? text.slice(valueStart, valueEnd) : pool.slice(valueStart, valueEnd);
      values[key] = { start: valueStart, end: valueEnd, value };
    }
  }
  read.next = pos;
  return read;
}

/** The value of `key` in a block read, or undefined. */
export function blockValue<K extends string>(block: BlockRead<K>, key: K): SourceValue | undefined {
  const index = block.labels.index(key);
  return index < 0 ? undefined : block.values[index];
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
    if (rules.endsBlockBefore(ctx, pos, contentEnd)) break;
    if (rules.closingKey !== undefined) {
      const closing = readLabelLine(text, pos, contentEnd);
      if (closing && rules.labels.keyOf(text, closing) === rules.closingKey) {
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
  const b = block as unknown as BlockRead<string>;
  if (!blockValue(b, 'eventId')) {
    addProblem(ctx, span.start, span.end, missingIdProblem);
    return block.next;
  }
  ctx.events.push(blockEvent(ctx, format, span, b, { start: block.start, end: block.firstLineEnd }));
  return block.next;
}

/** The fields a labeled block can fill. */
const BLOCK_FIELDS = new FieldLayout([
  Field.Channel, Field.Provider, Field.TimeCreated, Field.EventId, Field.Task, Field.Level, Field.Opcode, Field.Keywords, Field.UserId,
  Field.Computer, Field.Message,
]);

/**
 * The event of a block with an `Event ID:` line. Both shapes name their labels by the event field they
 * fill. Blocks are the bulk of a wevtutil export, so the event keeps its values in the context's stores.
 */
function blockEvent(
  ctx: TextParseContext,
  format: 'details-text' | 'wevtutil-text',
  span: TextSpan,
  block: BlockRead<string>,
  fallbackAnchor: TextSpan,
): LogEvent {
  const { stores } = ctx;
  const eventId = blockValue(block, 'eventId');
  const anchor = eventId && eventId.start >= span.start && eventId.end <= span.end ? { start: eventId.start, end: eventId.end } : fallbackAnchor;
  const event = stores.open(format, BLOCK_FIELDS, span, anchor);
  // Label values are slices of their line (see readLabeledBlock): only the message may differ from its text.
  keepRawIfAny(stores, event, Field.Channel, blockValue(block, 'channel'));
  keepRawIfAny(stores, event, Field.Provider, blockValue(block, 'provider'));
  keepRawIfAny(stores, event, Field.TimeCreated, blockValue(block, 'date'));
  keepRawIfAny(stores, event, Field.EventId, eventId);
  keepRawIfAny(stores, event, Field.Task, blockValue(block, 'task'));
  const level = blockValue(block, 'level');
  keepRawIfAny(stores, event, Field.Level, level);
  keepRawIfAny(stores, event, Field.Opcode, blockValue(block, 'opcode'));
  keepRawIfAny(stores, event, Field.Keywords, blockValue(block, 'keywords'));
  keepRawIfAny(stores, event, Field.UserId, blockValue(block, 'user'));
  keepRawIfAny(stores, event, Field.Computer, blockValue(block, 'computer'));
  const message = block.message;
  if (message !== undefined && isUnchangedMultiLine(ctx.carriageReturns, message)) stores.keepRaw(event, Field.Message, message);
  else keepIfAny(stores, event, Field.Message, message);
  const id = eventId && displayedId(eventId.value);
  if (id !== undefined) event.id = id;
  const levelNumber = level && levelNumberOf(level.value);
  if (levelNumber !== undefined) event.levelNumber = levelNumber;
  return event;
}
