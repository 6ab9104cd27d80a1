/** Rule files -> validated, compiled rules. */
import type { CompileContext } from './compileContext';
import { rememberDetection } from './compiledRules';
import { RuleErrorSink, type RuleError } from './ruleErrors';
import { compileRuleDetection } from './ruleDetection';
import { checkRuleDoc, deriveRuleDoc } from './ruleDoc';
import { lineLocatorOf } from './ruleYaml';
import type { Rule, RuleSource, SigmaRule } from './schema';
import { isPlainObject } from './selection';
import { checkSigmaFields } from './sigmaFields';

export type { RuleError } from './ruleErrors';
export { parseRuleYaml } from './ruleYaml';

const BLOCK = 'eventlogdoctor';

/** Options for compiling users' rules. */
export interface CompileOptions {
  /** Values of the placeholders `expand` refers to (the `eventlogDoctor.placeholders` setting). */
  placeholders?: CompileContext['placeholders'];
}

/**
 * Validates a rule source and compiles its detection once. Built-in rules must carry the `eventlogdoctor`
 * block and a Sigma id; users' plain Sigma rules get a block derived from their Sigma fields, and their
 * `logsource` restricts them to the events it stands for (Sysmon and Security events for `process_creation`, ...).
 * Errors carry lines when `src` came from `parseRuleYaml`.
 */
export function compileRuleSource(src: RuleSource, builtin: boolean, options: CompileOptions = {}): { rule?: Rule; errors: RuleError[] } {
  const sink = new RuleErrorSink(lineLocatorOf(src.document));
  const document = src.document;
  if (!isPlainObject(document)) {
    sink.add([], 'a rule must be a YAML map (a Sigma rule)');
    return { errors: sink.errors };
  }
  checkSigmaFields(document, builtin, sink);
  const detection = document['detection'] === undefined ? undefined : compileRuleDetection(document, builtin, sink, options.placeholders);
  const block = document[BLOCK];
  if (block === undefined && builtin) sink.add([], `built-in rules need an '${BLOCK}' block`);
  const doc = block === undefined ? deriveRuleDoc(document) : checkRuleDoc(block, [BLOCK], src.scripts, sink);
  if (sink.errors.length > 0 || !detection) return { errors: sink.errors };
  const scripts: Record<string, string> = {};
  for (const r of doc.remediations) {
    const text = r.script === undefined ? undefined : src.scripts[r.script];
    if (r.script !== undefined && text !== undefined) scripts[r.script] = text;
  }
  const rule: Rule = { sigma: document as SigmaRule, doc, scripts, source: src.path, builtin };
  rememberDetection(rule, detection);
  return { rule, errors: [] };
}
