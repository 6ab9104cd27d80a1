/** The compiled detection of each Rule object, compiled once and shared by every engine. */
import type { CompiledDetection } from './detection';
import { compileRuleDetection } from './ruleDetection';
import { RuleErrorSink } from './ruleErrors';
import type { Rule } from './schema';

const compiled = new WeakMap<Rule, CompiledDetection>();

export function rememberDetection(rule: Rule, detection: CompiledDetection): void {
  compiled.set(rule, detection);
}

/** The compiled detection of a rule; compiles it when the rule was not made by `compileRuleSource`. */
export function detectionOf(rule: Rule): CompiledDetection {
  let detection = compiled.get(rule);
  if (!detection) {
    const sink = new RuleErrorSink();
    detection = compileRuleDetection(rule.sigma, rule.builtin, sink);
    if (!detection) {
      const problems = sink.errors.map((e) => `${e.path || '(file)'}: ${e.message}`).join('; ');
      throw new Error(`rule ${rule.source} is invalid: ${problems}`);
    }
    compiled.set(rule, detection);
  }
  return detection;
}
