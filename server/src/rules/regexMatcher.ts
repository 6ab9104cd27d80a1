/**
 * A linear-time regular expression test (Thompson's construction, simulated as a set of states): the time is
 * at most the value's length times the pattern's size, whatever the pattern, so a rule's regex can never hang
 * the server the way a backtracking engine can on `.*a.*b.*x` or `(a+)+`.
 */
import { isWordChar, parseRegex, type CharTest, type RegexFlags, type RegexNode } from './regexParser';

/** A compiled pattern larger than this is no real rule; the limit bounds the work per character. */
export const MAX_REGEX_STATES = 4000;

type State =
  | { kind: 'char'; test: CharTest; out: number }
  | { kind: 'split'; out: number; alt: number }
  | { kind: 'assert'; what: Extract<RegexNode, { kind: 'assert' }>['what']; out: number }
  | { kind: 'match' };

class TooLarge extends Error {}

class Builder {
  readonly states: State[] = [{ kind: 'match' }];

  private add(state: State): number {
    if (this.states.length >= MAX_REGEX_STATES) throw new TooLarge();
    this.states.push(state);
    return this.states.length - 1;
  }

  /** Compiles `node` so that it continues at state `next`; returns its first state. */
  compile(node: RegexNode, next: number): number {
    switch (node.kind) {
      case 'char':
        return this.add({ kind: 'char', test: node.test, out: next });
      case 'assert':
        return this.add({ kind: 'assert', what: node.what, out: next });
      case 'seq': {
        let start = next;
        for (let i = node.items.length - 1; i >= 0; i--) {
          const item = node.items[i];
          if (item) start = this.compile(item, start);
        }
        return start;
      }
      case 'alt': {
        const starts = node.options.map((o) => this.compile(o, next));
        let start = starts[starts.length - 1] ?? next;
        for (let i = starts.length - 2; i >= 0; i--) start = this.add({ kind: 'split', out: starts[i] ?? next, alt: start });
        return start;
      }
      case 'repeat': {
        let tail = next;
        if (node.max === Infinity) {
          const loop = this.add({ kind: 'split', out: next, alt: next });
          const body = this.compile(node.node, loop);
          this.states[loop] = { kind: 'split', out: body, alt: next };
          tail = loop;
        } else {
          // Each optional copy either reads one more repetition or leaves the repetition.
          for (let i = node.min; i < node.max; i++) tail = this.add({ kind: 'split', out: this.compile(node.node, tail), alt: next });
        }
        for (let i = 0; i < node.min; i++) tail = this.compile(node.node, tail);
        return tail;
      }
    }
  }
}

/** Compiles a pattern into a test of whole field values (a search, as `RegExp.test`), or throws. */
export function compileLinearRegex(pattern: string, flags: RegexFlags): (value: string) => boolean {
  const builder = new Builder();
  let start: number;
  try {
    start = builder.compile(parseRegex(pattern, flags), 0);
  } catch (e) {
    if (e instanceof TooLarge) throw new Error(`the pattern is too large (more than ${MAX_REGEX_STATES} states)`);
    throw e;
  }
  const states = builder.states;
  const multiline = flags.multiline;
  const marks = new Int32Array(states.length).fill(-1);
  let current = new Int32Array(states.length);
  let following = new Int32Array(states.length);
  const stack = new Int32Array(states.length * 2 + 2);

  const holds = (what: Extract<State, { kind: 'assert' }>['what'], value: string, pos: number): boolean => {
    const before = pos > 0 ? value.charCodeAt(pos - 1) : -1;
    const after = pos < value.length ? value.charCodeAt(pos) : -1;
    switch (what) {
      case 'start':
        return pos === 0;
      case 'end':
        return pos === value.length;
      case 'bol':
        return pos === 0 || (multiline && (before === 0x0a || before === 0x0d));
      case 'eol':
        return pos === value.length || (multiline && (after === 0x0a || after === 0x0d));
      case 'word':
      case 'nonword': {
        const boundary = (before >= 0 && isWordChar(before)) !== (after >= 0 && isWordChar(after));
        return what === 'word' ? boundary : !boundary;
      }
    }
  };

  return (value) => {
    marks.fill(-1);
    let count = 0;
    /** Adds `from` and every state reachable without reading a character; true when that reaches the match. */
    const addClosure = (list: Int32Array, from: number, pos: number): boolean => {
      let top = 0;
      stack[top++] = from;
      while (top > 0) {
        const s = stack[--top] ?? 0;
        if (marks[s] === pos) continue;
        marks[s] = pos;
        const state = states[s];
        if (!state) continue;
        switch (state.kind) {
          case 'match':
            return true;
          case 'char':
            list[count++] = s;
            break;
          case 'split':
            stack[top++] = state.alt;
            stack[top++] = state.out;
            break;
          case 'assert':
            if (holds(state.what, value, pos)) stack[top++] = state.out;
            break;
        }
      }
      return false;
    };
    for (let pos = 0; ; pos++) {
      // Unanchored search: a match may start at every position.
      if (addClosure(current, start, pos)) return true;
      if (pos >= value.length || count === 0) {
        if (pos >= value.length) return false;
        continue;
      }
      const code = value.charCodeAt(pos);
      const n = count;
      count = 0;
      for (let i = 0; i < n; i++) {
        const state = states[current[i] ?? 0];
        if (state?.kind === 'char' && state.test(code) && addClosure(following, state.out, pos + 1)) return true;
      }
      [current, following] = [following, current];
    }
  };
}
