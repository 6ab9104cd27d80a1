import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { portabilityProblems } from '../export/sigmaCompat';
import { exportSigmaRule } from '../export/sigmaRule';
import type { ScanConfig } from './config';
import { describeFsError } from './collectFiles';
import { loadScanRules } from './scanRules';

/** What an export did: files written, and the problems (`errors` make the exit status 2). */
export interface ExportResult {
  rules: number;
  scripts: number;
  warnings: string[];
  errors: string[];
}

/**
 * Writes every rule (built-in, then the users' from the config and `--rules`) to `out` as `<product id>.yml`,
 * with the scripts the kept `eventlogdoctor` blocks name beside them. With `strict`, rules pySigma could not
 * convert as written are not written (errors); otherwise they are written with a warning.
 */
export async function exportSigma(out: string, strict: boolean, config: ScanConfig, extraRulePaths: readonly string[]): Promise<ExportResult> {
  const { rules, errors: ruleErrors } = loadScanRules([...config.rulePaths, ...extraRulePaths.map((p) => path.resolve(p))]);
  const result: ExportResult = { rules: 0, scripts: 0, warnings: [], errors: ruleErrors.map((e) => `rule error: ${e}`) };
  try {
    await fs.mkdir(out, { recursive: true });
  } catch (error) {
    result.errors.push(`cannot create ${out}: ${describeFsError(error)}`);
    return result;
  }
  const scripts = new Map<string, { text: string; owner: string }>();
  for (const rule of rules) {
    const problems = portabilityProblems(rule.sigma).map((p) => `${rule.doc.id}: ${p}`);
    if (strict && problems.length > 0) {
      result.errors.push(...problems.map((p) => `${p} (not written)`));
      continue;
    }
    result.warnings.push(...problems);
    const exported = exportSigmaRule(rule, strict);
    try {
      await fs.writeFile(path.join(out, exported.fileName), exported.yaml);
      result.rules++;
      for (const [name, text] of Object.entries(exported.scripts)) {
        const written = scripts.get(name);
        if (written?.text === text) continue;
        if (written) {
          result.errors.push(`${rule.doc.id}: script ${name} differs from the one ${written.owner} names; not written`);
          continue;
        }
        await fs.writeFile(path.join(out, name), text);
        scripts.set(name, { text, owner: rule.doc.id });
        result.scripts++;
      }
    } catch (error) {
      result.errors.push(`${rule.doc.id}: cannot write to ${out}: ${describeFsError(error)}`);
    }
  }
  return result;
}
