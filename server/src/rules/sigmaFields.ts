/** Validation of the standard Sigma fields of a rule (everything but `detection` and `eventlogdoctor`). */
import type { SigmaLevel, SigmaRule } from './schema';
import type { RuleErrorSink } from './ruleErrors';
import { isPlainObject } from './selection';

export const SIGMA_LEVELS: readonly SigmaLevel[] = ['informational', 'low', 'medium', 'high', 'critical'];
const STATUSES: readonly NonNullable<SigmaRule['status']>[] = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOGSOURCE_KEYS = ['product', 'service', 'category', 'definition'];
const STRING_FIELDS = ['description', 'author', 'date', 'modified', 'license'];
const STRING_LIST_FIELDS = ['references', 'tags', 'fields'];

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Checks the Sigma fields. `id` is required for built-in rules; a user's rule may omit it (Sigma allows that),
 * but when present it must be a UUID.
 */
export function checkSigmaFields(rule: Record<string, unknown>, builtin: boolean, sink: RuleErrorSink): void {
  const { title, id, status, level, logsource, falsepositives } = rule;
  if (typeof title !== 'string' || title.trim() === '') sink.add(title === undefined ? [] : ['title'], 'title is required (a non-empty string)');
  if (id === undefined) {
    if (builtin) sink.add([], 'id is required (a UUID)');
  } else if (typeof id !== 'string' || !UUID.test(id)) {
    sink.add(['id'], 'id must be a UUID');
  }
  if (status !== undefined && !STATUSES.includes(status as never)) sink.add(['status'], `status must be one of ${STATUSES.join(', ')}`);
  if (level !== undefined && !SIGMA_LEVELS.includes(level as never)) sink.add(['level'], `level must be one of ${SIGMA_LEVELS.join(', ')}`);
  if (!isPlainObject(logsource)) {
    sink.add(logsource === undefined ? [] : ['logsource'], 'logsource is required (a map with product, service, category or definition)');
  } else {
    for (const key of LOGSOURCE_KEYS) {
      if (logsource[key] !== undefined && typeof logsource[key] !== 'string') sink.add(['logsource', key], `logsource.${key} must be a string`);
    }
  }
  if (rule['detection'] === undefined) sink.add([], 'detection is required');
  for (const key of STRING_FIELDS) {
    if (rule[key] !== undefined && typeof rule[key] !== 'string') sink.add([key], `${key} must be a string`);
  }
  for (const key of STRING_LIST_FIELDS) {
    if (rule[key] !== undefined && !isStringList(rule[key])) sink.add([key], `${key} must be a list of strings`);
  }
  if (falsepositives !== undefined && typeof falsepositives !== 'string' && !isStringList(falsepositives)) {
    sink.add(['falsepositives'], 'falsepositives must be a list of strings');
  }
}
