/**
 * Sigma's regular expression flavour (the modifiers appendix: `.`, `^`, `$`, `* + ? {n,m}`, classes, groups,
 * alternation, plus the usual escapes) parsed into a tree for the linear-time matcher in regexMatcher.ts.
 * Backreferences and lookarounds are not part of it and are rejected: no linear-time matcher can run them.
 */

/** A test of one UTF-16 code unit. */
export type CharTest = (c: number) => boolean;

export type RegexNode =
  | { kind: 'char'; test: CharTest }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; options: RegexNode[] }
  | { kind: 'repeat'; node: RegexNode; min: number; max: number }
  | { kind: 'assert'; what: 'bol' | 'eol' | 'start' | 'end' | 'word' | 'nonword' };

export class RegexSyntaxError extends Error {}

export interface RegexFlags {
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

/** Counted repetitions larger than this are no real rule and would only blow up the matcher. */
const MAX_COUNT = 1000;
const MAX_DEPTH = 64;

const isDigit: CharTest = (c) => c >= 0x30 && c <= 0x39;
/** JavaScript's `\w`: ASCII letters, digits and underscore. */
export const isWordChar: CharTest = (c) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === 0x5f;
const SPACES = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff]);
const isSpace: CharTest = (c) => SPACES.has(c) || (c >= 0x2000 && c <= 0x200a);
const isLineBreak = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;

function not(test: CharTest): CharTest {
  return (c) => !test(c);
}

function lowerCode(c: number): number {
  if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 32 : c;
  const s = String.fromCharCode(c).toLowerCase();
  return s.length === 1 ? s.charCodeAt(0) : c;
}

function upperCode(c: number): number {
  if (c < 0x80) return c >= 0x61 && c <= 0x7a ? c - 32 : c;
  const s = String.fromCharCode(c).toUpperCase();
  return s.length === 1 ? s.charCodeAt(0) : c;
}

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(
    private readonly src: string,
    private readonly flags: RegexFlags,
  ) {}

  parse(): RegexNode {
    const node = this.parseAlternation();
    if (this.pos < this.src.length) throw new RegexSyntaxError(`unmatched ')' at ${this.pos + 1}`);
    return node;
  }

  private peek(): string | undefined {
    return this.src[this.pos];
  }

  private parseAlternation(): RegexNode {
    if (++this.depth > MAX_DEPTH) throw new RegexSyntaxError('groups are nested too deeply');
    const options = [this.parseSequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.parseSequence());
    }
    this.depth--;
    return options.length === 1 && options[0] ? options[0] : { kind: 'alt', options };
  }

  private parseSequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.parseAtom();
      items.push(this.parseQuantifiers(atom));
    }
    return { kind: 'seq', items };
  }

  private parseQuantifiers(atom: RegexNode): RegexNode {
    let node = atom;
    for (;;) {
      const c = this.peek();
      let min: number;
      let max: number;
      if (c === '*' || c === '+' || c === '?') {
        this.pos++;
        [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
      } else if (c === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
        if (!m) return node;
        this.pos += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
        if (max < min) throw new RegexSyntaxError(`numbers out of order in ${m[0]}`);
        if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) throw new RegexSyntaxError(`${m[0]} repeats more than ${MAX_COUNT} times`);
      } else {
        return node;
      }
      if (node.kind === 'assert') throw new RegexSyntaxError('nothing to repeat');
      // A lazy quantifier finds the same matches (only a test is needed); possessive ones are not JavaScript.
      if (this.peek() === '?') this.pos++;
      else if (this.peek() === '+') throw new RegexSyntaxError('possessive quantifiers are not supported');
      node = { kind: 'repeat', node, min, max };
    }
  }

  private parseAtom(): RegexNode {
    const c = this.src[this.pos++] ?? '';
    switch (c) {
      case '(':
        return this.parseGroup();
      case '[':
        return { kind: 'char', test: this.parseClass() };
      case '.':
        return { kind: 'char', test: this.flags.dotAll ? () => true : (x) => !isLineBreak(x) };
      case '^':
        return { kind: 'assert', what: 'bol' };
      case '$':
        return { kind: 'assert', what: 'eol' };
      case '\\':
        return this.parseEscape();
      case '*':
      case '+':
      case '?':
        throw new RegexSyntaxError(`nothing to repeat at ${this.pos}`);
      default:
        return this.literal(c.charCodeAt(0));
    }
  }

  private parseGroup(): RegexNode {
    const rest = this.src.slice(this.pos);
    if (rest.startsWith('?=') || rest.startsWith('?!') || rest.startsWith('?<=') || rest.startsWith('?<!')) {
      throw new RegexSyntaxError('lookarounds are not part of Sigma regular expressions');
    }
    if (rest.startsWith('?P=')) throw new RegexSyntaxError('backreferences cannot be matched in linear time');
    const named = /^\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(rest);
    if (rest.startsWith('?:')) this.pos += 2;
    else if (named) this.pos += named[0].length;
    else if (rest.startsWith('?')) throw new RegexSyntaxError('inline flags are only supported at the start of the pattern');
    const inner = this.parseAlternation();
    if (this.src[this.pos++] !== ')') throw new RegexSyntaxError(`missing ')'`);
    return inner;
  }

  private literal(code: number): RegexNode {
    if (!this.flags.ignoreCase) return { kind: 'char', test: (x) => x === code };
    const lower = lowerCode(code);
    return { kind: 'char', test: (x) => x === code || lowerCode(x) === lower };
  }

  private caseless(test: CharTest): CharTest {
    return this.flags.ignoreCase ? (x) => test(x) || test(lowerCode(x)) || test(upperCode(x)) : test;
  }

  /** An escape outside a class: an assertion, a class escape or a literal. */
  private parseEscape(): RegexNode {
    const c = this.src[this.pos] ?? '';
    switch (c) {
      case 'b':
        this.pos++;
        return { kind: 'assert', what: 'word' };
      case 'B':
        this.pos++;
        return { kind: 'assert', what: 'nonword' };
      case 'A':
        this.pos++;
        return { kind: 'assert', what: 'start' };
      case 'Z':
      case 'z':
        this.pos++;
        return { kind: 'assert', what: 'end' };
      default: {
        const test = this.classEscape();
        return typeof test === 'number' ? this.literal(test) : { kind: 'char', test };
      }
    }
  }

  /** The escape after `\` (inside or outside a class): a class test, or the code of a literal character. */
  private classEscape(): CharTest | number {
    const c = this.src[this.pos++];
    if (c === undefined) throw new RegexSyntaxError('the pattern ends with a backslash');
    switch (c) {
      case 'd':
        return isDigit;
      case 'D':
        return not(isDigit);
      case 'w':
        return isWordChar;
      case 'W':
        return not(isWordChar);
      case 's':
        return isSpace;
      case 'S':
        return not(isSpace);
      case 't':
        return 0x09;
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 'f':
        return 0x0c;
      case 'v':
        return 0x0b;
      case '0':
        return 0;
      case 'x':
      case 'u': {
        const digits = c === 'x' ? 2 : 4;
        const hex = this.src.slice(this.pos, this.pos + digits);
        if (!new RegExp(`^[0-9A-Fa-f]{${digits}}$`).test(hex)) throw new RegexSyntaxError(`invalid \\${c} escape`);
        this.pos += digits;
        return parseInt(hex, 16);
      }
      case 'k':
        throw new RegexSyntaxError('backreferences cannot be matched in linear time');
      default:
        if (/[1-9]/.test(c)) throw new RegexSyntaxError('backreferences cannot be matched in linear time');
        if (/[A-Za-z]/.test(c)) throw new RegexSyntaxError(`unsupported escape \\${c}`);
        return c.charCodeAt(0);
    }
  }

  /** A character class after its `[`. */
  private parseClass(): CharTest {
    const negated = this.peek() === '^';
    if (negated) this.pos++;
    const tests: CharTest[] = [];
    const ranges: [number, number][] = [];
    let first = true;
    for (;;) {
      const c = this.src[this.pos];
      if (c === undefined) throw new RegexSyntaxError('a character class is not closed');
      if (c === ']' && !first) {
        this.pos++;
        break;
      }
      first = false;
      const low = this.classAtom();
      if (typeof low !== 'number') {
        tests.push(low);
        continue;
      }
      if (this.peek() === '-' && this.src[this.pos + 1] !== ']' && this.src[this.pos + 1] !== undefined) {
        this.pos++;
        const high = this.classAtom();
        if (typeof high !== 'number') throw new RegexSyntaxError('a class escape cannot end a range');
        if (high < low) throw new RegexSyntaxError('range out of order in a character class');
        ranges.push([low, high]);
      } else {
        ranges.push([low, low]);
      }
    }
    const inClass: CharTest = (x) => {
      for (const [lo, hi] of ranges) if (x >= lo && x <= hi) return true;
      for (const t of tests) if (t(x)) return true;
      return false;
    };
    const caseless = this.caseless(inClass);
    return negated ? not(caseless) : caseless;
  }

  private classAtom(): CharTest | number {
    const c = this.src[this.pos++] ?? '';
    if (c !== '\\') return c.charCodeAt(0);
    if (this.peek() === 'b') {
      this.pos++;
      return 0x08;
    }
    return this.classEscape();
  }
}

/** Parses a pattern (without leading inline flags); throws RegexSyntaxError with a readable message. */
export function parseRegex(pattern: string, flags: RegexFlags): RegexNode {
  return new Parser(pattern, flags).parse();
}
