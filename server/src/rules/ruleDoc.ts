/** The `eventlogdoctor` block: validation, or a derived block for users' plain Sigma rules. */
import type { DocPath, RuleErrorSink } from './ruleErrors';
import { SEVERITIES, type Remediation, type RuleDoc, type RuleVariant, type Severity, type SigmaLevel } from './schema';
import { isPlainObject } from './selection';

const PRODUCT_ID = /^[a-z0-9]+(\.[a-z0-9-]+)+$/;
const REMEDIATION_ID = /^[a-z0-9][a-z0-9-]*$/;
/** A file beside rule.yml, or one several rules share in the knowledge base's `shared` folder. */
const SCRIPT_NAME = /^(\.\.\/shared\/)?[A-Za-z0-9][A-Za-z0-9._-]*\.(ps1|cmd)$/;
const DOC_KEYS = ['id', 'severity', 'message', 'explanation', 'harmful', 'cause', 'variants', 'remediations'];
const VARIANT_KEYS = ['label', 'match', 'cause'];
const REMEDIATION_KEYS = ['id', 'title', 'kind', 'script'];

const SEVERITY_OF_LEVEL: Readonly<Record<SigmaLevel, Severity>> = {
  informational: 'information',
  low: 'information',
  medium: 'warning',
  high: 'error',
  critical: 'error',
};

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/** "Is it harmful?" for a plain Sigma rule: its level and the false positives its author lists. */
function levelAndFalsePositives(level: SigmaLevel | undefined, falsepositives: unknown): string {
  const parts: string[] = [];
  if (level) parts.push(`Sigma level: **${level}**.`);
  const list = typeof falsepositives === 'string' ? [falsepositives] : Array.isArray(falsepositives) ? falsepositives.filter((f): f is string => typeof f === 'string') : [];
  if (list.length > 0) parts.push(`Known false positives:\n\n${list.map((f) => `- ${f}`).join('\n')}`);
  return parts.join('\n\n');
}

/**
 * The block of a plain Sigma rule: id from the Sigma id (or the title), severity from the level, the
 * description as the explanation, and the level and false positives under "Is it harmful?".
 */
export function deriveRuleDoc(rule: Record<string, unknown>): RuleDoc {
  const title = typeof rule['title'] === 'string' ? rule['title'] : '';
  const id = typeof rule['id'] === 'string' ? rule['id'].toLowerCase() : slug(title);
  const level = SEVERITY_OF_LEVEL[rule['level'] as SigmaLevel] === undefined ? undefined : (rule['level'] as SigmaLevel);
  return {
    id,
    severity: level ? SEVERITY_OF_LEVEL[level] : 'warning',
    message: title,
    explanation: typeof rule['description'] === 'string' ? rule['description'] : '',
    harmful: levelAndFalsePositives(level, rule['falsepositives']),
    cause: '',
    variants: [],
    remediations: [],
  };
}

function checkKeys(value: Record<string, unknown>, allowed: readonly string[], path: DocPath, sink: RuleErrorSink): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) sink.add([...path, key], `unknown field '${key}' (expected ${allowed.join(', ')})`);
  }
}

function text(value: Record<string, unknown>, key: string, path: DocPath, sink: RuleErrorSink): string {
  const v = value[key];
  if (typeof v === 'string' && v.trim() !== '') return v;
  sink.add(v === undefined ? path : [...path, key], `${key} is required (a non-empty string)`);
  return '';
}

function list(value: Record<string, unknown>, key: string, path: DocPath, sink: RuleErrorSink): unknown[] {
  const v = value[key];
  if (v === undefined) return [];
  if (Array.isArray(v)) return v;
  sink.add([...path, key], `${key} must be a list`);
  return [];
}

function checkVariant(raw: unknown, path: DocPath, sink: RuleErrorSink): RuleVariant {
  if (!isPlainObject(raw)) {
    sink.add(path, 'a variant must be a map with label, match and cause');
    return { label: '', match: [], cause: '' };
  }
  checkKeys(raw, VARIANT_KEYS, path, sink);
  const match = raw['match'];
  const valid = Array.isArray(match) && match.length > 0 && match.every((m) => typeof m === 'string' && m !== '');
  if (!valid) sink.add(match === undefined ? path : [...path, 'match'], 'match is required (a non-empty list of non-empty strings)');
  return { label: text(raw, 'label', path, sink), match: valid ? (match as string[]) : [], cause: text(raw, 'cause', path, sink) };
}

function checkRemediation(raw: unknown, path: DocPath, scripts: Readonly<Record<string, string>>, sink: RuleErrorSink): Remediation {
  if (!isPlainObject(raw)) {
    sink.add(path, 'a remediation must be a map with id, title and kind');
    return { id: '', title: '', kind: 'disregard' };
  }
  checkKeys(raw, REMEDIATION_KEYS, path, sink);
  const id = text(raw, 'id', path, sink);
  if (id !== '' && !REMEDIATION_ID.test(id)) sink.add([...path, 'id'], 'a remediation id is lower-case letters, digits and dashes');
  const title = text(raw, 'title', path, sink);
  const kind = raw['kind'];
  if (kind !== 'script' && kind !== 'disregard') {
    sink.add(kind === undefined ? path : [...path, 'kind'], `kind must be 'script' or 'disregard'`);
    return { id, title, kind: 'disregard' };
  }
  const script = raw['script'];
  if (kind === 'disregard') {
    if (script !== undefined) sink.add([...path, 'script'], `a 'disregard' remediation has no script`);
    return { id, title, kind };
  }
  if (typeof script !== 'string' || !SCRIPT_NAME.test(script)) {
    sink.add(script === undefined ? path : [...path, 'script'], 'script is required: a .ps1 or .cmd file name beside rule.yml (or ../shared/<file>)');
  } else if (scripts[script] === undefined) {
    sink.add([...path, 'script'], `script '${script}' was not found beside the rule`);
  }
  return { id, title, kind, script: typeof script === 'string' ? script : '' };
}

/** Validates the `eventlogdoctor` block at `path`; errors go to `sink`. */
export function checkRuleDoc(raw: unknown, path: DocPath, scripts: Readonly<Record<string, string>>, sink: RuleErrorSink): RuleDoc {
  if (!isPlainObject(raw)) {
    sink.add(path, 'eventlogdoctor must be a map');
    return deriveRuleDoc({});
  }
  checkKeys(raw, DOC_KEYS, path, sink);
  const id = text(raw, 'id', path, sink);
  if (id !== '' && !PRODUCT_ID.test(id)) sink.add([...path, 'id'], 'id must look like `provider.what-happened` (lower-case, dot-separated)');
  const severity = raw['severity'];
  if (!SEVERITIES.includes(severity as Severity)) {
    sink.add(severity === undefined ? path : [...path, 'severity'], `severity must be one of ${SEVERITIES.join(', ')}`);
  }
  const variants = list(raw, 'variants', path, sink).map((v, i) => checkVariant(v, [...path, 'variants', i], sink));
  const remediations = list(raw, 'remediations', path, sink).map((r, i) => checkRemediation(r, [...path, 'remediations', i], scripts, sink));
  const seen = new Set<string>();
  remediations.forEach((r, i) => {
    if (r.id !== '' && seen.has(r.id)) sink.add([...path, 'remediations', i, 'id'], `remediation id '${r.id}' is used twice`);
    seen.add(r.id);
  });
  return {
    id,
    severity: SEVERITIES.includes(severity as Severity) ? (severity as Severity) : 'warning',
    message: text(raw, 'message', path, sink),
    explanation: text(raw, 'explanation', path, sink),
    harmful: text(raw, 'harmful', path, sink),
    cause: text(raw, 'cause', path, sink),
    variants,
    remediations,
  };
}
