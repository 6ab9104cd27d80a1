import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SourceValue } from '../../../../server/src/parse/model';

export const repoRoot = path.resolve(__dirname, '../../../..');

/** A fixture under test/fixtures/text, read as the editor would hand it over (a JS string). */
export function fixture(name: string): string {
  return readFileSync(path.join(repoRoot, 'test/fixtures/text', name), 'utf8');
}

/** A real sample read in place from ../shared/samples/real, or undefined when the folder is absent. */
export function realSample(relative: string): string | undefined {
  const file = path.resolve(repoRoot, '../shared/samples/real', relative);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/**
 * The SourceValue marked by `«…»` inside `pattern`, a piece of the fixture (first occurrence at or after
 * `from`): `at(text, '\t«8»\t')` is the `8` between two tabs. Without markers the whole pattern is the value.
 */
export function at(text: string, pattern: string, from = 0, value?: string): SourceValue {
  const open = pattern.indexOf('«');
  const close = pattern.indexOf('»');
  const literal = open < 0 ? pattern : pattern.slice(0, open) + pattern.slice(open + 1, close) + pattern.slice(close + 1);
  const found = text.indexOf(literal, from);
  assert.ok(found >= 0, `fixture holds ${JSON.stringify(literal)} after ${from}`);
  const start = open < 0 ? found : found + open;
  const end = open < 0 ? found + literal.length : found + close - 1;
  return { start, end, value: value ?? text.slice(start, end) };
}

/** The span of the line holding `needle` (first at or after `from`), without its line break. */
export function lineOf(text: string, needle: string, from = 0): { start: number; end: number } {
  const i = text.indexOf(needle, from);
  assert.ok(i >= 0, `fixture holds ${JSON.stringify(needle)}`);
  const start = text.lastIndexOf('\n', i) + 1;
  let end = text.indexOf('\n', i);
  if (end < 0) end = text.length;
  if (text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

/** Drops the fields a test does not look at, so deepEqual compares what matters. */
export function pick<T extends object, K extends keyof T>(obj: T, keys: readonly K[]): Pick<T, K> {
  const out = {} as Pick<T, K>;
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
