// Finds exact spans in fixtures by their surrounding markup, so expectations stay readable and exact.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceValue, TextSpan } from '../../../../server/src/parse/model';

export const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';

/** Reads `test/fixtures/xml/<name>`. */
export function fixture(name: string): string {
  return readFileSync(path.resolve(__dirname, '../../../fixtures/xml', name), 'utf8');
}

/** The span of the first `needle` at or after `from`; throws when absent so a broken fixture fails loudly. */
export function find(text: string, needle: string, from = 0): TextSpan {
  const start = text.indexOf(needle, from);
  if (start === -1) throw new Error(`fixture has no ${JSON.stringify(needle)} after ${from}`);
  return { start, end: start + needle.length };
}

/** The value `value` written right after the first `before` at or after `from`. */
export function after(text: string, before: string, value: string, from = 0): SourceValue {
  const start = find(text, before, from).end;
  if (!text.startsWith(value, start)) throw new Error(`fixture has no ${JSON.stringify(value)} after ${JSON.stringify(before)}`);
  return { value, start, end: start + value.length };
}

/** Like `after`, for a value whose raw text (`raw`) differs from its decoded value. */
export function decodedAfter(text: string, before: string, raw: string, value: string, from = 0): SourceValue {
  const { start, end } = after(text, before, raw, from);
  return { value, start, end };
}
