import { SEVERITIES, type Rule, type SeveritySetting } from '../rules/schema';

/** The user's settings, as the features read them. */
export interface ServiceSettings {
  /** False turns every diagnostic off. */
  enable: boolean;
  /** Per rule product id: a severity, or `off` to silence the rule. */
  rules: Record<string, SeveritySetting>;
  /** At most this many diagnostics per document; the rest are summarised in one diagnostic. */
  maxDiagnostics: number;
}

/** The settings when the user has set nothing. */
export const defaultSettings: ServiceSettings = Object.freeze({
  enable: true,
  rules: Object.freeze({}) as Record<string, SeveritySetting>,
  maxDiagnostics: 1000,
});

function isSeveritySetting(value: unknown): value is SeveritySetting {
  return value === 'off' || (SEVERITIES as readonly unknown[]).includes(value);
}

/** The rule's severity under the settings: the user's override when it is a valid value, else the rule's default. */
export function effectiveSeverity(rule: Rule, settings: ServiceSettings | undefined): SeveritySetting {
  const overrides: unknown = settings?.rules;
  if (typeof overrides === 'object' && overrides !== null && Object.prototype.hasOwnProperty.call(overrides, rule.doc.id)) {
    const value = (overrides as Record<string, unknown>)[rule.doc.id];
    if (isSeveritySetting(value)) return value;
  }
  return rule.doc.severity;
}

/** The diagnostic cap under the settings: a non-negative integer, the default when the setting is unusable. */
export function diagnosticLimit(settings: ServiceSettings | undefined): number {
  const value = settings?.maxDiagnostics;
  if (typeof value !== 'number' || Number.isNaN(value)) return defaultSettings.maxDiagnostics;
  return Math.max(0, Math.floor(value));
}
