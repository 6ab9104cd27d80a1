/** The built-in rules, precompiled into catalog.generated.ts at build time. */
import { builtinRuleSources, scriptPreambles } from './catalog.generated';
import { compileRuleSource } from './loadRule';
import type { Rule } from './schema';

let builtinRules: Rule[] | undefined;

/** Compiles the built-in rules once. Throws if one is invalid (the catalog test keeps that from shipping). */
export function loadBuiltinRules(): Rule[] {
  if (!builtinRules) {
    const rules: Rule[] = [];
    const problems: string[] = [];
    for (const src of builtinRuleSources) {
      const { rule, errors } = compileRuleSource(src, true);
      if (rule) rules.push(rule);
      for (const e of errors) problems.push(`${src.path}${e.path ? ` (${e.path})` : ''}: ${e.message}`);
    }
    if (problems.length > 0) throw new Error(`invalid built-in rules:\n${problems.join('\n')}`);
    builtinRules = rules;
  }
  return builtinRules;
}

/** The text put before an inserted remediation script of the given language. */
export function scriptPreamble(language: 'powershell' | 'cmd'): string {
  return scriptPreambles[language];
}
