/**
 * Regular expressions from rules, made safe to run on every event. JavaScript's engine backtracks, so
 * `(a+)+b` or even `.*a.*b.*x` can take exponential or high polynomial time on one long value. A pattern
 * is parsed as Sigma's regex flavour (backreferences and lookarounds are rejected); when it can try only a
 * few ways to match at a position it runs on the native engine, otherwise on a linear-time matcher. Either
 * way a value is searched in its first `REGEX_INPUT_LIMIT` characters only.
 * PCRE-style leading inline flags (`(?i)`) become flags and `(?P<name>` is read as `(?<name>`.
 */
import { compileLinearRegex } from './regexMatcher';
import { parseRegex, RegexSyntaxError, type RegexFlags, type RegexNode } from './regexParser';
import type { TextTest } from './values';

/** Characters of a value a rule's regular expression looks at; the rest of a longer value is not searched. */
export const REGEX_INPUT_LIMIT = 4096;

/** Native backtracking is used only when it can try at most this many ways to match at one position. */
const NATIVE_CHOICE_LIMIT = 1024;

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

/** An upper bound of the ways a backtracking engine can try to match `node` at one position. */
function choices(node: RegexNode): number {
  switch (node.kind) {
    case 'char':
    case 'assert':
      return 1;
    case 'seq':
      return node.items.reduce((n, item) => Math.min(Infinity, n * choices(item)), 1);
    case 'alt':
      return node.options.reduce((n, option) => n + choices(option), 0);
    case 'repeat':
      return node.max === Infinity ? Infinity : Math.min(Infinity, (node.max - node.min + 1) * choices(node.node) ** node.max);
  }
}

function cut(value: string): string {
  return value.length > REGEX_INPUT_LIMIT ? value.slice(0, REGEX_INPUT_LIMIT) : value;
}

/**
 * Compiles a rule's `re` value with the flags from its sub-modifiers; returns a test of field values or
 * the reason the pattern is rejected.
 */
export function compileSafeRegex(pattern: string, flags: string): TextTest | string {
  const lead = leadingFlags(pattern, flags);
  if (typeof lead === 'string') return lead;
  const regexFlags: RegexFlags = { ignoreCase: lead.flags.includes('i'), multiline: lead.flags.includes('m'), dotAll: lead.flags.includes('s') };
  let tree: RegexNode;
  try {
    tree = parseRegex(lead.body, regexFlags);
  } catch (e) {
    if (e instanceof RegexSyntaxError) return `invalid regular expression: ${e.message}`;
    throw e;
  }
  if (choices(tree) <= NATIVE_CHOICE_LIMIT && !/\\[AZz]/.test(lead.body)) {
    try {
      const native = new RegExp(lead.body.replace(/\(\?P</g, '(?<'), lead.flags);
      return (v) => native.test(cut(v));
    } catch {
      // The few spellings JavaScript reads differently fall through to the linear matcher, which parsed them.
    }
  }
  try {
    const linear = compileLinearRegex(lead.body, regexFlags);
    return (v) => linear(cut(v));
  } catch (e) {
    return `invalid regular expression: ${(e as Error).message}`;
  }
}
