import { loadBuiltinRules } from '../rules/catalog';
import { createRuleEngine, type RuleEngine } from '../rules/engine';
import type { Rule } from '../rules/schema';
import { formatRuleError, loadRuleFolders } from '../userRules';

/** The rules a scan runs: the built-in ones, then the users' from `rulePaths`, and the users' rules' problems. */
export interface ScanRules {
  rules: Rule[];
  engine: RuleEngine;
  /** One line per invalid rule or unreadable folder (`file:line: message (at path)`); the other rules still load. */
  errors: string[];
}

/** Loads the built-in rules and the users' rule folders, and builds the engine over them. */
export function loadScanRules(rulePaths: readonly string[]): ScanRules {
  const builtin = loadBuiltinRules();
  if (rulePaths.length === 0) return { rules: builtin, engine: createRuleEngine(builtin), errors: [] };
  const user = loadRuleFolders([...rulePaths]);
  const rules = [...builtin, ...user.rules];
  const errors = user.errors.map(formatRuleError);
  return { rules, engine: createRuleEngine(rules), errors };
}
