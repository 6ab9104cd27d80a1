/** The compiled form of every part of a detection: a boolean test, an evidence-collecting twin, and an index constraint. */
import type { LogEvent, SourceValue } from '../parse/model';
import type { Evidence } from './evidence';
import { allOfConstraints, anyOfConstraints, UNCONSTRAINED, type IndexConstraint } from './indexConstraint';

export interface MatchNode {
  /** The fast path, run on every candidate event. */
  test(event: LogEvent): boolean;
  /** Same result as `test`; on true, appends the values that made it true (only run on matches). */
  collect(event: LogEvent, out: Evidence[]): boolean;
  constraint: IndexConstraint;
}

export function evidenceOf(field: string, value: string, source: SourceValue | undefined): Evidence {
  return source ? { field, value, span: { start: source.start, end: source.end } } : { field, value };
}

export function allOfNodes(nodes: readonly MatchNode[]): MatchNode {
  if (nodes.length === 1 && nodes[0]) return nodes[0];
  return {
    test(event) {
      for (const n of nodes) if (!n.test(event)) return false;
      return true;
    },
    collect(event, out) {
      const mark = out.length;
      for (const n of nodes) {
        if (!n.collect(event, out)) {
          out.length = mark;
          return false;
        }
      }
      return true;
    },
    constraint: allOfConstraints(nodes.map((n) => n.constraint)),
  };
}

export function anyOfNodes(nodes: readonly MatchNode[]): MatchNode {
  if (nodes.length === 1 && nodes[0]) return nodes[0];
  return {
    test(event) {
      for (const n of nodes) if (n.test(event)) return true;
      return false;
    },
    collect(event, out) {
      const mark = out.length;
      for (const n of nodes) {
        if (n.collect(event, out)) return true;
        out.length = mark;
      }
      return false;
    },
    constraint: anyOfConstraints(nodes.map((n) => n.constraint)),
  };
}

/** A negation holds when its operand does not, so it has no values to show. */
export function notNode(node: MatchNode): MatchNode {
  return {
    test: (event) => !node.test(event),
    collect: (event) => !node.test(event),
    constraint: UNCONSTRAINED,
  };
}
