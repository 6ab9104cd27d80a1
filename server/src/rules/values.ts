/**
 * Sigma string values: wildcard parsing and the compiled text tests the matcher runs per event.
 *
 * A value becomes a list of units: a character code (pre-folded when the test ignores case) or one of the
 * special units below. Literal values get native fast paths (a case-insensitive substring search is an
 * escaped-literal RegExp, which has nothing to backtrack); values with wildcards use a two-pointer glob
 * match (worst case O(value × pattern), never exponential like a backtracking regex).
 */

/** `*`: any run of characters. */
export const ANY_RUN = -1;
/** `?`: exactly one character. */
export const ANY_ONE = -2;
/** A dash position under `windash`: `-`, `/`, en dash, em dash or horizontal bar. */
export const ANY_DASH = -3;

const DASH_CODES = [0x2d, 0x2f, 0x2013, 0x2014, 0x2015];

/** How a value is compared with a field value. */
export type TextOperator = 'equals' | 'contains' | 'startswith' | 'endswith';

export type TextTest = (value: string) => boolean;

/** Parses Sigma's wildcard syntax: `*` and `?` are wildcards; `\*`, `\?` and `\\` are literals; any other `\` is kept. */
export function parseSigmaString(raw: string): number[] {
  const units: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      const next = raw.charCodeAt(i + 1);
      if (next === 0x2a || next === 0x3f || next === 0x5c) {
        units.push(next);
        i++;
      } else {
        units.push(c);
      }
    } else if (c === 0x2a) {
      units.push(ANY_RUN);
    } else if (c === 0x3f) {
      units.push(ANY_ONE);
    } else {
      units.push(c);
    }
  }
  return units;
}

/** Units for a literal text (no wildcard interpretation). */
export function literalUnits(text: string): number[] {
  const units: number[] = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) units[i] = text.charCodeAt(i);
  return units;
}

/** True when the units hold a wildcard or a dash class. */
export function hasSpecialUnits(units: readonly number[]): boolean {
  return units.some((u) => u < 0);
}

/** The literal text of units without specials. */
export function unitsToText(units: readonly number[]): string {
  let text = '';
  for (const u of units) text += String.fromCharCode(u);
  return text;
}

/** `windash`: every dash-like character becomes the dash class. */
export function applyWindash(units: readonly number[]): number[] {
  return units.map((u) => (DASH_CODES.includes(u) ? ANY_DASH : u));
}

let foldTable: Uint16Array | undefined;

/** Simple per-code-unit lower-casing; length preserving, so offsets and lengths compare directly. */
export function foldCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  if (!foldTable) {
    foldTable = new Uint16Array(0x10000);
    for (let i = 0; i < 0x10000; i++) {
      const lower = String.fromCharCode(i).toLowerCase();
      foldTable[i] = lower.length === 1 ? lower.charCodeAt(0) : i;
    }
  }
  return foldTable[c] ?? c;
}

/** Folds a whole string with `foldCode`, so keys built from it agree with the case-insensitive tests. */
export function foldString(text: string): string {
  let ascii = true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  // For ASCII text toLowerCase is exactly foldCode per character, and native.
  if (ascii) return text.toLowerCase();
  let out = '';
  for (let i = 0; i < text.length; i++) out += String.fromCharCode(foldCode(text.charCodeAt(i)));
  return out;
}

/** Case-insensitive equality of two strings under `foldCode`. */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && foldCode(x) !== foldCode(y)) return false;
  }
  return true;
}

function regionMatchesFolded(value: string, offset: number, folded: readonly number[]): boolean {
  for (let i = 0; i < folded.length; i++) {
    if (foldCode(value.charCodeAt(offset + i)) !== folded[i]) return false;
  }
  return true;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Case-insensitive search for any of several literals. An escaped literal alternation has no quantifiers,
 * so it cannot backtrack badly, and V8 runs it as native code: far faster than a JS loop over characters
 * (this is what keyword rules run on every message).
 */
function containsAnyLiteral(texts: readonly string[]): TextTest {
  const re = new RegExp(texts.map(escapeRegExp).join('|'), 'i');
  return (v) => re.test(v);
}

function literalTest(text: string, op: TextOperator, cased: boolean): TextTest {
  if (cased) {
    switch (op) {
      case 'equals':
        return (v) => v === text;
      case 'contains':
        return (v) => v.includes(text);
      case 'startswith':
        return (v) => v.startsWith(text);
      case 'endswith':
        return (v) => v.endsWith(text);
    }
  }
  const folded = literalUnits(text).map(foldCode);
  const n = folded.length;
  switch (op) {
    case 'equals':
      return (v) => v.length === n && regionMatchesFolded(v, 0, folded);
    case 'contains':
      return n === 0 ? () => true : containsAnyLiteral([text]);
    case 'startswith':
      return (v) => v.length >= n && regionMatchesFolded(v, 0, folded);
    case 'endswith':
      return (v) => v.length >= n && regionMatchesFolded(v, v.length - n, folded);
  }
}

function unitMatches(unit: number, code: number, cased: boolean): boolean {
  if (unit === ANY_ONE) return true;
  if (unit === ANY_DASH) return DASH_CODES.includes(code);
  return unit === (cased ? code : foldCode(code));
}

/** Linear-space glob match with single-star backtracking: O(value × pattern) at worst. */
function globMatch(units: readonly number[], value: string, cased: boolean): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < value.length) {
    const unit = units[p];
    if (unit === ANY_RUN) {
      starP = p++;
      starS = s;
      continue;
    }
    if (unit !== undefined && unitMatches(unit, value.charCodeAt(s), cased)) {
      p++;
      s++;
      continue;
    }
    if (starP < 0) return false;
    p = starP + 1;
    s = ++starS;
  }
  while (units[p] === ANY_RUN) p++;
  return p === units.length;
}

function anchorUnits(units: readonly number[], op: TextOperator): number[] {
  const out = [...units];
  if (op === 'contains' || op === 'endswith') out.unshift(ANY_RUN);
  if (op === 'contains' || op === 'startswith') out.push(ANY_RUN);
  return out.filter((u, i) => !(u === ANY_RUN && out[i - 1] === ANY_RUN));
}

/** A test passing when the value contains any of the patterns, ignoring case (keyword search). */
export function compileContainsAny(patterns: readonly (readonly number[])[]): TextTest {
  const literals = patterns.filter((p) => !hasSpecialUnits(p)).map(unitsToText);
  const tests = patterns.filter(hasSpecialUnits).map((p) => compileTextTest(p, 'contains', false));
  if (literals.includes('')) return () => true;
  if (literals.length > 0) tests.unshift(containsAnyLiteral(literals));
  if (tests.length === 1 && tests[0]) return tests[0];
  return (v) => {
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}

/** Compiles units into a test of one field value. Ignoring case is Sigma's default. */
export function compileTextTest(units: readonly number[], op: TextOperator, cased: boolean): TextTest {
  if (!hasSpecialUnits(units)) return literalTest(unitsToText(units), op, cased);
  const pattern = anchorUnits(
    cased ? units : units.map((u) => (u < 0 ? u : foldCode(u))),
    op,
  );
  return (v) => globMatch(pattern, v, cased);
}
