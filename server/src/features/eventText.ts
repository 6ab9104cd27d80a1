import type { LogEvent, SourceValue } from '../parse/model';
import { formatUtcSecond, hasTime } from './timeFormat';

const LEVEL_NAMES = ['LogAlways', 'Critical', 'Error', 'Warning', 'Information', 'Verbose'];

/** The text of a value read from the log, or undefined when it is missing or blank. */
export function valueText(value: SourceValue | undefined): string | undefined {
  const text = value?.value;
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}

/** The event's level as a word: the rendered level, the numeric level's name, or the level as written. */
export function levelText(event: LogEvent): string | undefined {
  const rendered = valueText(event.renderedLevel);
  if (rendered) return rendered;
  const n = event.levelNumber;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n < LEVEL_NAMES.length) return LEVEL_NAMES[n];
  return valueText(event.level);
}

/** The provider name as the event states it (the rendered provider when the name is missing). */
export function providerText(event: LogEvent): string | undefined {
  return valueText(event.provider) ?? valueText(event.renderedProvider) ?? valueText(event.eventSourceName);
}

/** The displayed event id, or the id as written when it is not a number. */
export function eventIdText(event: LogEvent): string | undefined {
  if (typeof event.id === 'number' && Number.isFinite(event.id)) return String(event.id);
  return valueText(event.eventId)?.trim();
}

/** The event's time in UTC to the second, or undefined when the time was not parsed. */
export function timeText(event: LogEvent): string | undefined {
  return hasTime(event.time) ? formatUtcSecond(event.time) : undefined;
}

/** The first non-blank line of the message, cut to `max` characters. */
export function messageExcerpt(event: LogEvent, max = 80): string | undefined {
  const message = valueText(event.message);
  if (!message) return undefined;
  const line = message.split(/\r\n|\r|\n/).find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
