import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import packageJson from '../../../package.json';
import { buildSarif, type SarifFileInput, type SarifFixInput } from '../export/sarif';
import type { SarifArtifactLocation, SarifLog } from '../export/sarifTypes';
import { scriptLanguage } from '../features/remediationInsert';
import type { Rule } from '../rules/schema';
import { planRemediationInsert, remediationScriptPath } from '../service';
import type { ScanConfig } from './config';
import type { FileReport, ScanReport } from './report';

/** The `uriBaseId` of paths below `--base`. */
export const BASE_ID = 'SRCROOT';

function folderUri(folder: string): string {
  const href = pathToFileURL(folder).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** A path as a SARIF artifact location: relative to the base folder when below it, else an absolute file URI. */
export function artifactLocation(file: string, base: string): SarifArtifactLocation {
  const absolute = path.resolve(file);
  const relative = path.relative(base, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: BASE_ID };
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The fixes for one log: per rule that fired, each script remediation as the insertion the editor's quick fix
 * would make into `<log>.remediation.ps1` (or `.cmd`, in `scriptFolder` when set): a new file's whole text, or a
 * block appended to an existing file; nothing when the block is already there.
 */
async function fixesFor(report: FileReport, rules: ReadonlyMap<string, Rule>, config: ScanConfig, base: string): Promise<Map<string, SarifFixInput[]>> {
  const fixes = new Map<string, SarifFixInput[]>();
  const logPath = path.resolve(report.path);
  for (const ruleId of new Set(report.findings.map((f) => f.ruleId))) {
    const rule = rules.get(ruleId);
    if (!rule) continue;
    const list: SarifFixInput[] = [];
    for (const remediation of rule.doc.remediations) {
      const language = remediation.kind === 'script' ? scriptLanguage(remediation) : undefined;
      if (!language) continue;
      const planned = remediationScriptPath(logPath.split(path.sep).join('/'), language, config.scriptFolder || undefined);
      const scriptPath = path.resolve(path.dirname(logPath), planned);
      if (scriptPath === logPath) continue;
      const existing = await readIfExists(scriptPath);
      const plan = planRemediationInsert(existing, rule, remediation.id, path.basename(logPath));
      if (!('text' in plan)) continue;
      list.push({
        description: `Insert remediation script: ${remediation.title}`,
        script: artifactLocation(scriptPath, base),
        charOffset: plan.append ? (existing?.length ?? 0) : 0,
        text: plan.text,
      });
    }
    if (list.length > 0) fixes.set(ruleId, list);
  }
  return fixes;
}

/** The scan as a SARIF 2.1.0 log, with locations relative to `base` (`--base`, default the current folder). */
export async function sarifOfScan(report: ScanReport, rules: readonly Rule[], config: ScanConfig, base: string, exitCode: number): Promise<SarifLog> {
  const byId = new Map(rules.map((rule) => [rule.doc.id, rule]));
  const files: SarifFileInput[] = [];
  for (const file of report.files) {
    files.push({ report: file, location: artifactLocation(file.path, base), fixes: await fixesFor(file, byId, config, base) });
  }
  return buildSarif({
    toolName: 'Event Log Doctor',
    toolVersion: packageJson.version,
    ...(typeof (packageJson as { homepage?: unknown }).homepage === 'string' ? { informationUri: (packageJson as { homepage: string }).homepage } : {}),
    rules,
    ruleSettings: config.settings.rules,
    files,
    ruleErrors: report.ruleErrors,
    uriBases: { [BASE_ID]: folderUri(base) },
    exitCode,
  });
}
