import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isRecord } from '../isRecord';
import { SEVERITIES, type SeveritySetting } from '../rules/schema';
import { defaultSettings, type ServiceSettings } from '../service';
import { describeFsError } from './collectFiles';
import { parseJsonc } from './jsonc';

/** The settings a scan runs with: the editor's settings plus the rule folders and the script folder. */
export interface ScanConfig {
  settings: ServiceSettings;
  /** Folders of users' Sigma rules, absolute. */
  rulePaths: string[];
  /** `eventlogDoctor.scriptFolder`: where remediation scripts go ('' = beside the log). */
  scriptFolder: string;
}

/** The command line reports every finding: the editor's cap applies only when a config file sets it. */
export const DEFAULT_SCAN_CONFIG: ScanConfig = {
  settings: { ...defaultSettings, maxDiagnostics: Number.MAX_SAFE_INTEGER },
  rulePaths: [],
  scriptFolder: '',
};

const PREFIX = 'eventlogDoctor';
const SETTING_VALUES: readonly SeveritySetting[] = ['off', ...SEVERITIES];

/** The `eventlogDoctor.*` settings of a file, flat (`"eventlogDoctor.rules"`) or nested (`"eventlogDoctor": {...}`). */
function settingsOf(document: Record<string, unknown>): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const nested = document[PREFIX];
  if (isRecord(nested)) for (const [key, value] of Object.entries(nested)) found.set(key, value);
  for (const [key, value] of Object.entries(document)) {
    if (key.startsWith(`${PREFIX}.`)) found.set(key.slice(PREFIX.length + 1), value);
  }
  return found;
}

/**
 * Reads a config document (the parsed JSON) the way the editor reads its settings. Relative rule folders are
 * taken from `baseFolder`. Returns the config or the list of problems, each naming the setting.
 */
export function configFromDocument(document: unknown, baseFolder: string): { config: ScanConfig } | { errors: string[] } {
  if (!isRecord(document)) return { errors: ['the config must be a JSON object of settings'] };
  const values = settingsOf(document);
  const errors: string[] = [];
  const settings: ServiceSettings = { ...DEFAULT_SCAN_CONFIG.settings, rules: {} };
  const config: ScanConfig = { settings, rulePaths: [], scriptFolder: '' };

  const enable = values.get('enable');
  if (enable !== undefined) {
    if (typeof enable === 'boolean') settings.enable = enable;
    else errors.push(`${PREFIX}.enable must be true or false`);
  }
  const rules = values.get('rules');
  if (rules !== undefined) {
    if (!isRecord(rules)) errors.push(`${PREFIX}.rules must be an object of rule id -> severity`);
    else {
      for (const [id, value] of Object.entries(rules)) {
        if (SETTING_VALUES.includes(value as SeveritySetting)) settings.rules[id] = value as SeveritySetting;
        else errors.push(`${PREFIX}.rules.${id} must be one of ${SETTING_VALUES.join(', ')}`);
      }
    }
  }
  const max = values.get('maxDiagnostics');
  if (max !== undefined) {
    if (typeof max === 'number' && Number.isFinite(max) && max >= 0) settings.maxDiagnostics = Math.floor(max);
    else errors.push(`${PREFIX}.maxDiagnostics must be a number >= 0`);
  }
  const rulePaths = values.get('rulePaths');
  if (rulePaths !== undefined) {
    if (Array.isArray(rulePaths) && rulePaths.every((p) => typeof p === 'string')) {
      config.rulePaths = (rulePaths as string[]).map((p) => path.resolve(baseFolder, p));
    } else errors.push(`${PREFIX}.rulePaths must be a list of folder paths`);
  }
  const scriptFolder = values.get('scriptFolder');
  if (scriptFolder !== undefined) {
    if (typeof scriptFolder === 'string') config.scriptFolder = scriptFolder;
    else errors.push(`${PREFIX}.scriptFolder must be a string`);
  }
  return errors.length > 0 ? { errors } : { config };
}

/**
 * Reads `--config FILE` (JSON, comments and trailing commas allowed, as in settings.json). Relative rule folders
 * are resolved from the file's folder, or from the workspace folder for a `.vscode/settings.json`.
 */
export async function loadConfig(file: string): Promise<{ config: ScanConfig } | { errors: string[] }> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    return { errors: [`cannot read the config ${file}: ${describeFsError(error)}`] };
  }
  let document: unknown;
  try {
    document = parseJsonc(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return { errors: [`the config ${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const folder = path.dirname(path.resolve(file));
  const base = path.basename(folder) === '.vscode' ? path.dirname(folder) : folder;
  const result = configFromDocument(document, base);
  return 'errors' in result ? { errors: result.errors.map((e) => `${file}: ${e}`) } : result;
}
