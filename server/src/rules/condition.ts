/**
 * Sigma conditions: `and`, `or`, `not`, parentheses, `1 of x*`, `all of x*`, `1 of them`, `all of them`.
 * Precedence: not > and > or. Parsed once into a tree, then compiled over the compiled selections.
 */
import { allOfNodes, anyOfNodes, notNode, type MatchNode } from './matchNode';

export type ConditionTree =
  | { kind: 'ref'; name: string }
  | { kind: 'not'; operand: ConditionTree }
  | { kind: 'and' | 'or'; operands: ConditionTree[] }
  | { kind: 'of'; quantifier: 'one' | 'all'; pattern: string };

class ConditionSyntaxError extends Error {}

const TOKEN = /\s*(?:(\()|(\))|([^\s()]+))/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (!m) {
      if (text.slice(start).trim() === '') break;
      throw new ConditionSyntaxError(`unexpected text '${text.slice(start).trim()}'`);
    }
    tokens.push(m[1] ?? m[2] ?? m[3] ?? '');
  }
  return tokens;
}

const OPERATORS = new Set(['and', 'or', 'not', 'of']);
const IDENTIFIER = /^[A-Za-z0-9_.\-*?]+$/;

/** Deeper nesting is no real rule; the limit keeps a hostile condition from exhausting the stack. */
const MAX_DEPTH = 64;

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly tokens: readonly string[]) {}

  parse(): ConditionTree {
    if (this.tokens.length === 0) throw new ConditionSyntaxError('the condition is empty');
    const tree = this.parseOr();
    const rest = this.peek();
    if (rest !== undefined) {
      throw new ConditionSyntaxError(rest === '|' || rest.startsWith('|') ? 'aggregations (`| count() ...`) are not supported' : `unexpected '${rest}'`);
    }
    return tree;
  }

  private peek(): string | undefined {
    return this.tokens[this.pos];
  }

  private peekWord(): string | undefined {
    return this.peek()?.toLowerCase();
  }

  private next(): string {
    const token = this.tokens[this.pos++];
    if (token === undefined) throw new ConditionSyntaxError('the condition ends too early');
    return token;
  }

  private parseOr(): ConditionTree {
    if (++this.depth > MAX_DEPTH) throw new ConditionSyntaxError('the condition is nested too deeply');
    const operands = [this.parseAnd()];
    while (this.peekWord() === 'or') {
      this.pos++;
      operands.push(this.parseAnd());
    }
    this.depth--;
    return operands.length === 1 && operands[0] ? operands[0] : { kind: 'or', operands };
  }

  private parseAnd(): ConditionTree {
    const operands = [this.parseNot()];
    while (this.peekWord() === 'and') {
      this.pos++;
      operands.push(this.parseNot());
    }
    return operands.length === 1 && operands[0] ? operands[0] : { kind: 'and', operands };
  }

  private parseNot(): ConditionTree {
    if (this.peekWord() === 'not') {
      this.pos++;
      if (++this.depth > MAX_DEPTH) throw new ConditionSyntaxError('the condition is nested too deeply');
      const operand = this.parseNot();
      this.depth--;
      return { kind: 'not', operand };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): ConditionTree {
    const token = this.next();
    if (token === '(') {
      const inner = this.parseOr();
      if (this.next() !== ')') throw new ConditionSyntaxError(`expected ')'`);
      return inner;
    }
    if (token === ')') throw new ConditionSyntaxError(`unexpected ')'`);
    const word = token.toLowerCase();
    if ((word === '1' || word === 'all' || word === 'any') && this.tokens[this.pos]?.toLowerCase() === 'of') {
      this.pos++;
      const pattern = this.next();
      if (pattern === '(' || pattern === ')' || (OPERATORS.has(pattern.toLowerCase()) && pattern.toLowerCase() !== 'of')) {
        throw new ConditionSyntaxError(`expected a selection name pattern or 'them' after '${token} of'`);
      }
      return { kind: 'of', quantifier: word === 'all' ? 'all' : 'one', pattern };
    }
    if (OPERATORS.has(word)) throw new ConditionSyntaxError(`unexpected '${token}'`);
    if (token.startsWith('|')) throw new ConditionSyntaxError('aggregations (`| count() ...`) are not supported');
    if (!IDENTIFIER.test(token)) throw new ConditionSyntaxError(`'${token}' is not a selection name`);
    return { kind: 'ref', name: token };
  }
}

/** Parses one condition string; throws an Error with a readable message when it is malformed. */
export function parseCondition(text: string): ConditionTree {
  return new Parser(tokenize(text)).parse();
}

function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\-]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The selection names a `x of pattern` refers to; `them` is every selection not starting with `_`. */
export function resolvePattern(pattern: string, names: readonly string[]): string[] {
  if (pattern.toLowerCase() === 'them') return names.filter((n) => !n.startsWith('_'));
  if (!pattern.includes('*') && !pattern.includes('?')) return names.filter((n) => n === pattern);
  const re = globToRegExp(pattern);
  return names.filter((n) => re.test(n));
}

/** Problems with the names a tree refers to, given the detection's selection names. */
export function checkConditionNames(tree: ConditionTree, names: readonly string[]): string[] {
  switch (tree.kind) {
    case 'ref':
      return names.includes(tree.name) ? [] : [`the condition refers to '${tree.name}', which is not a selection`];
    case 'not':
      return checkConditionNames(tree.operand, names);
    case 'and':
    case 'or':
      return tree.operands.flatMap((t) => checkConditionNames(t, names));
    case 'of':
      return resolvePattern(tree.pattern, names).length > 0 ? [] : [`'${tree.pattern}' matches no selection`];
  }
}

/** Compiles a checked tree over compiled selections (every name it refers to must be present). */
export function compileCondition(tree: ConditionTree, selections: ReadonlyMap<string, MatchNode>): MatchNode {
  const selection = (name: string): MatchNode => {
    const node = selections.get(name);
    if (!node) throw new Error(`unknown selection '${name}'`);
    return node;
  };
  switch (tree.kind) {
    case 'ref':
      return selection(tree.name);
    case 'not':
      return notNode(compileCondition(tree.operand, selections));
    case 'and':
      return allOfNodes(tree.operands.map((t) => compileCondition(t, selections)));
    case 'or':
      return anyOfNodes(tree.operands.map((t) => compileCondition(t, selections)));
    case 'of': {
      const nodes = resolvePattern(tree.pattern, [...selections.keys()]).map(selection);
      return tree.quantifier === 'all' ? allOfNodes(nodes) : anyOfNodes(nodes);
    }
  }
}

export { ConditionSyntaxError };
