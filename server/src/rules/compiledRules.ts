/** The compiled detection of each Rule object, compiled once and shared by every engine. */
import { compileDetection, type CompiledDetection } from './detection';
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
    detection = compileDetection(rule.sigma.detection, ['detection'], sink);
    if (!detection) {
      const problems = sink.errors.map((e) => `${e.path || '(file)'}: ${e.message}`).join('; ');
      throw new Error(`rule ${rule.source} is invalid: ${problems}`);
    }
    compiled.set(rule, detection);
  }
  return detection;
}
