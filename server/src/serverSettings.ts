/** The `eventlogDoctor.*` settings as the server reads them from the client, checked field by field. */
import { defaultSettings, type ServiceSettings } from './service';
import { isRecord } from './isRecord';
import { SEVERITIES, type SeveritySetting } from './rules/schema';

/** The settings section the server reads (`eventlogDoctor.*`). */
export const SETTINGS_SECTION = 'eventlogDoctor';

/** The service's settings plus what only the server needs: where inserted scripts go. */
export interface ServerSettings extends ServiceSettings {
  /** Empty: beside the log. Otherwise absolute, or relative to the log's folder. */
  scriptFolder: string;
  /** Folders (or files) of users' Sigma rules; relative paths resolve against the workspace folders. */
  rulePaths: string[];
  /** Placeholder name -> values, for rules using the `expand` modifier. */
  placeholders: Record<string, string[]>;
  /** Identifies the analysis-relevant settings, so an analysis is reused until they change. */
  key: string;
}

/** `initializationOptions` may carry `{ eventlogDoctor: {...} }` or the section's object itself. */
export function settingsFromInitializationOptions(options: unknown): unknown {
  if (!isRecord(options)) return undefined;
  return SETTINGS_SECTION in options ? options[SETTINGS_SECTION] : options;
}

function isSeveritySetting(value: unknown): value is SeveritySetting {
  return value === 'off' || (SEVERITIES as readonly unknown[]).includes(value);
}

/** Reads the settings section as the client sent it; invalid or missing values fall back to the defaults. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const section = isRecord(raw) ? raw : {};
  const rules: Record<string, SeveritySetting> = {};
  if (isRecord(section.rules)) {
    for (const [id, value] of Object.entries(section.rules)) if (isSeveritySetting(value)) rules[id] = value;
  }
  const max = section.maxDiagnostics;
  const rulePaths = Array.isArray(section.rulePaths) ? section.rulePaths.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim()) : [];
  const placeholders: Record<string, string[]> = {};
  if (isRecord(section.placeholders)) {
    for (const [name, values] of Object.entries(section.placeholders)) {
      const list = Array.isArray(values) ? values : [values];
      placeholders[name] = list.filter((v): v is string => typeof v === 'string');
    }
  }
  const settings = {
    enable: typeof section.enable === 'boolean' ? section.enable : defaultSettings.enable,
    rules,
    maxDiagnostics: typeof max === 'number' && Number.isFinite(max) && max >= 0 ? Math.floor(max) : defaultSettings.maxDiagnostics,
    scriptFolder: typeof section.scriptFolder === 'string' ? section.scriptFolder.trim() : '',
    rulePaths,
    placeholders,
  };
  const sortedRules = Object.entries(rules).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...settings, key: JSON.stringify([settings.enable, settings.maxDiagnostics, sortedRules]) };
}
