/**
 * What would keep a rule from converting unchanged with pySigma (`sigma convert`): modifiers it does not know
 * (some the Sigma specification lists, like `utf16le` or `neq`, are not in pySigma's modifier table), a
 * condition that is not one string, a log source without product, category or service. Pure.
 */
import type { SigmaRule } from '../rules/schema';

/** pySigma's modifier table (sigma/modifiers.py `modifier_mapping`). */
export const PYSIGMA_MODIFIERS: ReadonlySet<string> = new Set([
  'all', 'base64', 'base64offset', 'cased', 'cidr', 'contains', 'day', 'dotall', 'endswith', 'exists', 'expand',
  'fieldref', 'gt', 'gte', 'hour', 'i', 'ignorecase', 'lt', 'lte', 'm', 'minute', 'month', 'multiline', 're', 's',
  'startswith', 'week', 'wide', 'windash', 'year',
]);

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every field key (`Field|mod|mod`) of the detection's selections, with the selection it is in. */
function fieldKeys(detection: Record<string, unknown>): { selection: string; key: string }[] {
  const keys: { selection: string; key: string }[] = [];
  for (const [selection, value] of Object.entries(detection)) {
    if (selection === 'condition' || selection === 'timeframe') continue;
    const maps = Array.isArray(value) ? value.filter(isMap) : isMap(value) ? [value] : [];
    for (const map of maps) for (const key of Object.keys(map)) keys.push({ selection, key });
  }
  return keys;
}

/** The problems pySigma would have with the rule, one sentence each; empty when it converts as written. */
export function portabilityProblems(rule: SigmaRule): string[] {
  const problems: string[] = [];
  const detection = isMap(rule.detection) ? rule.detection : {};
  for (const { selection, key } of fieldKeys(detection)) {
    for (const modifier of key.split('|').slice(1)) {
      if (!PYSIGMA_MODIFIERS.has(modifier)) problems.push(`detection.${selection}: modifier '${modifier}' (in '${key}') is not one pySigma knows`);
    }
  }
  if (typeof detection['condition'] !== 'string') problems.push('detection.condition must be one string (a list of conditions is Sigma 1 only)');
  const { product, category, service } = rule.logsource ?? {};
  if (product === undefined && category === undefined && service === undefined) problems.push('logsource needs a product, category or service');
  return problems;
}
