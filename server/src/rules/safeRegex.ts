/**
 * Regular expressions from rules, made safe to run on every event. JavaScript's engine backtracks, so a
 * pattern like `(a+)+` can take exponential time on a short value. A static check rejects what cannot be
 * bounded (repetition of a group that itself repeats or alternates, backreferences), and every value a
 * regex runs on is cut to its first `REGEX_INPUT_LIMIT` characters, which bounds what remains polynomial.
 * PCRE-style leading inline flags (`(?i)`) become JavaScript flags and `(?P<name>` becomes `(?<name>`.
 */
import type { TextTest } from './values';

/** Characters of a value a rule's regular expression looks at; the rest of a longer value is not searched. */
export const REGEX_INPUT_LIMIT = 4096;

interface GroupState {
  /** A repeating quantifier or an alternation occurs directly or in a nested group. */
  repeatsOrAlternates: boolean;
}

/** The quantifier at `i`, if any: its length and whether it repeats (more than once). */
function quantifierAt(pattern: string, i: number): { length: number; repeats: boolean } | undefined {
  const c = pattern[i];
  if (c === '*' || c === '+') return { length: pattern[i + 1] === '?' ? 2 : 1, repeats: true };
  if (c === '?') return { length: pattern[i + 1] === '?' ? 2 : 1, repeats: false };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}\??/.exec(pattern.slice(i));
  if (!m) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return { length: m[0].length, repeats: max > 1 };
}

/** Moves leading `(?imsx)` groups into flags; returns the rest of the pattern or an error. */
function leadingFlags(pattern: string, flags: string): { body: string; flags: string } | string {
  let body = pattern;
  let out = flags;
  for (let m = /^\(\?([a-zA-Z]+)\)/.exec(body); m; m = /^\(\?([a-zA-Z]+)\)/.exec(body)) {
    for (const f of m[1] ?? '') {
      if (f !== 'i' && f !== 'm' && f !== 's') return `inline flag '${f}' is not supported (only i, m and s)`;
      if (!out.includes(f)) out += f;
    }
    body = body.slice(m[0].length);
  }
  return { body, flags: out };
}

/** Checks a pattern body; returns the translated body or why it cannot be run safely. */
function checkBody(pattern: string): string | { body: string } {
  let out = '';
  const stack: GroupState[] = [{ repeatsOrAlternates: false }];
  /** The state of the group that just closed, so a quantifier after `)` can judge it. */
  let closed: GroupState | undefined;
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i] ?? '';
    const top = stack[stack.length - 1] ?? { repeatsOrAlternates: false };
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return 'backreferences cannot be run in bounded time';
      if (next === 'Z' || next === 'z') {
        out += '$';
      } else if (next === 'A') {
        out += '^';
      } else {
        out += c + next;
      }
      i += 2;
      closed = undefined;
      continue;
    }
    if (c === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return 'a character class is not closed';
      out += pattern.slice(i, end + 1);
      i = end + 1;
      closed = undefined;
      continue;
    }
    const quantifier = quantifierAt(pattern, i);
    if (quantifier) {
      if (quantifier.repeats) {
        if (closed?.repeatsOrAlternates) {
          return 'a repeated group that itself repeats or alternates (like `(a+)+` or `(a|b)*`) can take exponential time';
        }
        top.repeatsOrAlternates = true;
      }
      out += pattern.slice(i, i + quantifier.length);
      i += quantifier.length;
      closed = undefined;
      continue;
    }
    closed = undefined;
    if (c === '(') {
      if (pattern.startsWith('(?P<', i)) {
        out += '(?<';
        i += 4;
      } else if (pattern.startsWith('(?P=', i)) {
        return 'backreferences cannot be run in bounded time';
      } else if (/^\(\?[a-zA-Z]+[):]/.test(pattern.slice(i))) {
        return 'inline flags are only supported at the start of the pattern';
      } else {
        out += c;
        i++;
      }
      stack.push({ repeatsOrAlternates: false });
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) return `unmatched ')'`;
      const group = stack.pop() ?? { repeatsOrAlternates: false };
      const parent = stack[stack.length - 1];
      if (parent && group.repeatsOrAlternates) parent.repeatsOrAlternates = true;
      closed = group;
      out += c;
      i++;
      continue;
    }
    if (c === '|') top.repeatsOrAlternates = true;
    out += c;
    i++;
  }
  return { body: out };
}

/** The index of the `]` closing the class opened at `start`, or -1. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return -1;
}

/**
 * Compiles a rule's `re` value with the flags from its sub-modifiers; returns a test of field values or
 * the reason the pattern is rejected.
 */
export function compileSafeRegex(pattern: string, flags: string): TextTest | string {
  const lead = leadingFlags(pattern, flags);
  if (typeof lead === 'string') return lead;
  const checked = checkBody(lead.body);
  if (typeof checked === 'string') return `${checked}; rewrite the pattern (a regex runs on at most ${REGEX_INPUT_LIMIT} characters of a value)`;
  let regex: RegExp;
  try {
    regex = new RegExp(checked.body, lead.flags);
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
  return (v) => regex.test(v.length > REGEX_INPUT_LIMIT ? v.slice(0, REGEX_INPUT_LIMIT) : v);
}
