/**
 * A rule written back as a standard Sigma rule file: the Sigma fields in the usual order, then (unless strict)
 * the custom fields, the product's `eventlogdoctor` block last, with the scripts it names. Scripts a rule shares
 * with others (`../shared/x.ps1`) are named by file name, so the exported folder loads back as users' rules.
 * Pure.
 */
import { stringify } from 'yaml';
import type { Rule } from '../rules/schema';

/** The top-level fields of the Sigma rule specification (v2), in the order SigmaHQ writes them. */
export const SIGMA_FIELDS: readonly string[] = [
  'title', 'id', 'related', 'name', 'taxonomy', 'status', 'description', 'license', 'references', 'author', 'date',
  'modified', 'tags', 'scope', 'logsource', 'detection', 'fields', 'falsepositives', 'level',
];

const PRODUCT_BLOCK = 'eventlogdoctor';

/** One rule ready to write: `<product id>.yml` and, unless strict, the scripts its block names (by file name). */
export interface ExportedRule {
  fileName: string;
  yaml: string;
  /** Script file name -> content, to write beside the rule (empty when strict). */
  scripts: Record<string, string>;
}

/** The file name of a script path (`../shared/x.ps1` -> `x.ps1`): exported scripts sit beside their rules. */
export function scriptFileName(script: string): string {
  return script.slice(Math.max(script.lastIndexOf('/'), script.lastIndexOf('\\')) + 1);
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The product block with every script named by its file name, as it will sit beside the exported rule. */
function flattenScripts(block: unknown): unknown {
  if (!isMap(block) || !Array.isArray(block['remediations'])) return block;
  const remediations = block['remediations'].map((r: unknown) =>
    isMap(r) && typeof r['script'] === 'string' ? { ...r, script: scriptFileName(r['script']) } : r,
  );
  return { ...block, remediations };
}

/** The rule's document with the Sigma fields first; custom fields kept unless `strict`. */
export function sigmaDocument(rule: Rule, strict: boolean): Record<string, unknown> {
  const source = rule.sigma as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of SIGMA_FIELDS) if (source[field] !== undefined) out[field] = source[field];
  if (!strict) {
    for (const [field, value] of Object.entries(source)) {
      if (!SIGMA_FIELDS.includes(field) && field !== PRODUCT_BLOCK && value !== undefined) out[field] = value;
    }
    if (source[PRODUCT_BLOCK] !== undefined) out[PRODUCT_BLOCK] = flattenScripts(source[PRODUCT_BLOCK]);
  }
  return out;
}

/** The file name of a product id: safe on every file system. */
export function sigmaFileName(productId: string): string {
  const safe = productId.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return `${safe === '' ? 'rule' : safe}.yml`;
}

/** Writes one rule as Sigma YAML (4-space indentation, single quotes, no folding, as SigmaHQ writes rules). */
export function exportSigmaRule(rule: Rule, strict: boolean): ExportedRule {
  const document = sigmaDocument(rule, strict);
  const yaml = stringify(document, { indent: 4, lineWidth: 0, minContentWidth: 0, singleQuote: true });
  const scripts: Record<string, string> = {};
  if (!strict && document[PRODUCT_BLOCK] !== undefined) {
    for (const [script, text] of Object.entries(rule.scripts)) scripts[scriptFileName(script)] = text;
  }
  return { fileName: sigmaFileName(rule.doc.id), yaml, scripts };
}
