/** A whole rule's detection: its `detection` block under the implicit condition of its `logsource`. */
import type { CompileContext } from './compileContext';
import { compileDetectionNode, toCompiledDetection, type CompiledDetection } from './detection';
import { eventSourceNode, resolveLogSource } from './logSourceNode';
import { allOfNodes, anyOfNodes, type MatchNode } from './matchNode';
import { RuleErrorSink } from './ruleErrors';

/**
 * Compiles a rule document's detection. Users' rules are restricted to the events their log source stands
 * for (with that source's field names); built-in rules name their events in the detection itself, so their
 * log source only labels them for export.
 */
export function compileRuleDetection(
  document: Record<string, unknown>,
  builtin: boolean,
  sink: RuleErrorSink,
  placeholders?: CompileContext['placeholders'],
): CompiledDetection | undefined {
  const detection = document['detection'];
  const sources = builtin ? undefined : resolveLogSource(document['logsource'], sink);
  const context: CompileContext = placeholders ? { placeholders } : {};
  if (!sources) {
    const root = compileDetectionNode(detection, ['detection'], sink, context);
    return root ? toCompiledDetection(root) : undefined;
  }
  const first = compileDetectionNode(detection, ['detection'], sink, context);
  if (!first || sources.length === 0) return undefined;
  const variants: MatchNode[] = sources.map((source) => {
    // The field names differ per source, so the detection compiles once per source; errors were reported above.
    const root = source.fields ? compileDetectionNode(detection, ['detection'], new RuleErrorSink(), { ...context, fieldMap: source.fields }) : first;
    return allOfNodes([eventSourceNode(source), root ?? first]);
  });
  return toCompiledDetection(anyOfNodes(variants));
}
