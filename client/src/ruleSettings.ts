/** The values `eventlogDoctor.rules` accepts per rule. */
export type SeveritySetting = 'off' | 'hint' | 'information' | 'warning' | 'error';

const SETTINGS: readonly string[] = ['off', 'hint', 'information', 'warning', 'error'];

export function isSeveritySetting(value: unknown): value is SeveritySetting {
  return typeof value === 'string' && SETTINGS.includes(value);
}

/** The rules object with one rule's setting replaced; a missing or malformed current value counts as empty. */
export function mergeRuleSetting(current: unknown, ruleId: string, setting: SeveritySetting): Record<string, unknown> {
  const base = typeof current === 'object' && current !== null && !Array.isArray(current) ? current : {};
  return { ...base, [ruleId]: setting };
}
