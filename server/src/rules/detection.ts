/** A rule's `detection` block -> one compiled test with evidence and an index constraint. */
import type { LogEvent } from '../parse/model';
import type { CompileContext } from './compileContext';
import { checkConditionNames, compileCondition, parseCondition, type ConditionTree } from './condition';
import type { Evidence } from './evidence';
import type { IndexConstraint } from './indexConstraint';
import { anyOfNodes, type MatchNode } from './matchNode';
import type { DocPath, RuleErrorSink } from './ruleErrors';
import { compileSelection, isPlainObject } from './selection';

export interface CompiledDetection {
  /** True when the condition holds for the event. */
  test(event: LogEvent): boolean;
  /** The values that made the condition true (empty when it does not hold). */
  evidence(event: LogEvent): Evidence[];
  /** Provider/id requirements for the engine's index. */
  constraint: IndexConstraint;
}

/** Keys of `detection` that are not search identifiers. */
const NON_SELECTION_KEYS = new Set(['condition', 'timeframe']);

function dedupe(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.field}\u0000${e.value}\u0000${e.span?.start ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function parseConditions(raw: unknown, path: DocPath, sink: RuleErrorSink): ConditionTree[] | undefined {
  if (raw === undefined) {
    sink.add(path.slice(0, -1), 'the detection has no condition');
    return undefined;
  }
  const list: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) {
    sink.add(path, 'the condition list is empty');
    return undefined;
  }
  const trees: ConditionTree[] = [];
  list.forEach((text, i) => {
    const itemPath = Array.isArray(raw) ? [...path, i] : path;
    if (typeof text !== 'string') {
      sink.add(itemPath, 'a condition must be a string');
      return;
    }
    try {
      trees.push(parseCondition(text));
    } catch (e) {
      sink.add(itemPath, `invalid condition: ${(e as Error).message}`);
    }
  });
  return trees.length === list.length ? trees : undefined;
}

/** Validates and compiles `detection` into one node; returns undefined (with errors in `sink`) when it is invalid. */
export function compileDetectionNode(detection: unknown, path: DocPath, sink: RuleErrorSink, context: CompileContext = {}): MatchNode | undefined {
  if (!isPlainObject(detection)) {
    sink.add(path, 'detection must be a map of selections and a condition');
    return undefined;
  }
  const selections = new Map<string, MatchNode>();
  let valid = true;
  for (const [name, value] of Object.entries(detection)) {
    if (NON_SELECTION_KEYS.has(name)) continue;
    const node = compileSelection(value, [...path, name], sink, context);
    if (node) selections.set(name, node);
    else valid = false;
  }
  const names = Object.keys(detection).filter((n) => !NON_SELECTION_KEYS.has(n));
  if (names.length === 0) {
    sink.add(path, 'the detection has no selections');
    valid = false;
  }
  const conditionPath = [...path, 'condition'];
  const trees = parseConditions(detection['condition'], conditionPath, sink);
  if (!trees) return undefined;
  trees.forEach((tree, i) => {
    for (const message of checkConditionNames(tree, names)) {
      sink.add(Array.isArray(detection['condition']) ? [...conditionPath, i] : conditionPath, message);
      valid = false;
    }
  });
  if (!valid) return undefined;
  return anyOfNodes(trees.map((tree) => compileCondition(tree, selections)));
}

/** The engine's view of a compiled node: a test, its evidence, and its index constraint. */
export function toCompiledDetection(root: MatchNode): CompiledDetection {
  return {
    test: (event) => root.test(event),
    evidence: (event) => {
      const out: Evidence[] = [];
      return root.collect(event, out) ? dedupe(out) : [];
    },
    constraint: root.constraint,
  };
}

/** Validates and compiles `detection`; returns undefined (with errors in `sink`) when it is invalid. */
export function compileDetection(detection: unknown, path: DocPath, sink: RuleErrorSink, context: CompileContext = {}): CompiledDetection | undefined {
  const root = compileDetectionNode(detection, path, sink, context);
  return root ? toCompiledDetection(root) : undefined;
}
