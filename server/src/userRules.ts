/**
 * Users' own Sigma rules from disk (the `eventlogDoctor.rulePaths` setting, the scanner's `--rules`): folders
 * read recursively for `.yml` / `.yaml` files, or single files. An invalid rule becomes errors naming its file
 * and line; the other rules still load.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { loadBuiltinRules } from './rules/catalog';
import { compileRuleSource, parseRuleYaml, type CompileOptions, type RuleError } from './rules/loadRule';
import { lineLocatorOf } from './rules/ruleYaml';
import type { Rule } from './rules/schema';

/** A rule error with the file it is in. */
export interface UserRuleError extends RuleError {
  /** Absolute path of the rule file (or of the folder that could not be read). */
  file: string;
}

export interface UserRuleOptions extends CompileOptions {
  /** Product ids users' rules may not take; default: the built-in rules' ids. */
  reservedIds?: Iterable<string>;
}

/** Larger files are no rules; reading them would only cost memory. */
const MAX_RULE_FILE_BYTES = 1024 * 1024;
/** A folder holding more rule files than this is not a rule folder (a home directory picked by mistake). */
const MAX_RULE_FILES = 20000;
const RULE_FILE = /\.ya?ml$/i;
/** Script names a rule may give (as the rule schema allows): beside it or in `../shared/`, nothing else is read. */
const SCRIPT_NAME = /^(\.\.\/shared\/)?[A-Za-z0-9][A-Za-z0-9._-]*\.(ps1|cmd)$/;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The rule files under `root`, recursively, in a stable order; hidden folders and symbolic links are skipped. */
function listRuleFiles(root: string, errors: UserRuleError[]): string[] {
  const files: string[] = [];
  const pending = [root];
  while (pending.length > 0 && files.length < MAX_RULE_FILES) {
    const dir = pending.pop() ?? root;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      errors.push({ file: dir, path: '', message: `cannot read the rule folder: ${message(error)}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subfolders: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) subfolders.push(full);
      else if (entry.isFile() && RULE_FILE.test(entry.name)) files.push(full);
    }
    pending.push(...subfolders.reverse());
  }
  if (pending.length > 0) errors.push({ file: root, path: '', message: `more than ${MAX_RULE_FILES} rule files; the rest were not loaded` });
  return files;
}

/** The script file names a rule's `eventlogdoctor.remediations` give. */
function scriptNames(document: unknown): string[] {
  if (typeof document !== 'object' || document === null) return [];
  const block = (document as Record<string, unknown>)['eventlogdoctor'];
  if (typeof block !== 'object' || block === null) return [];
  const remediations = (block as Record<string, unknown>)['remediations'];
  if (!Array.isArray(remediations)) return [];
  return remediations.flatMap((r: unknown) => {
    const script = typeof r === 'object' && r !== null ? (r as Record<string, unknown>)['script'] : undefined;
    return typeof script === 'string' && SCRIPT_NAME.test(script) ? [script] : [];
  });
}

/**
 * Compiles one rule file. `text` is its content when the caller has it (an editor buffer); otherwise it is read.
 * Scripts the rule names are read from beside it.
 */
export function loadRuleFile(file: string, text?: string, options: CompileOptions = {}): { rule?: Rule; errors: UserRuleError[] } {
  const located = (errors: readonly RuleError[]): UserRuleError[] => errors.map((e) => ({ file, ...e }));
  let yamlText = text;
  if (yamlText === undefined) {
    try {
      if (statSync(file).size > MAX_RULE_FILE_BYTES) return { errors: located([{ path: '', message: `the file is larger than ${MAX_RULE_FILE_BYTES} bytes` }]) };
      yamlText = readFileSync(file, 'utf8');
    } catch (error) {
      return { errors: located([{ path: '', message: `cannot read the rule: ${message(error)}` }]) };
    }
  }
  const src = parseRuleYaml(file, yamlText.charCodeAt(0) === 0xfeff ? yamlText.slice(1) : yamlText);
  if (src.errors.length > 0) return { errors: located(src.errors) };
  for (const name of scriptNames(src.document)) {
    try {
      src.scripts[name] = readFileSync(path.join(path.dirname(file), name), 'utf8');
    } catch {
      // compileRuleSource reports the missing script with its line.
    }
  }
  const { rule, errors } = compileRuleSource(src, false, options);
  return rule ? { rule, errors: [] } : { errors: located(errors) };
}

/**
 * Loads every rule under the given folders (recursively) or files. A rule whose product id is taken by a
 * built-in rule or by a rule loaded before it is an error; the other rules still load.
 */
export function loadRuleFolders(paths: readonly string[], options: UserRuleOptions = {}): { rules: Rule[]; errors: UserRuleError[] } {
  const rules: Rule[] = [];
  const errors: UserRuleError[] = [];
  const taken = new Map<string, string>();
  for (const id of options.reservedIds ?? loadBuiltinRules().map((r) => r.doc.id)) taken.set(id, 'a built-in rule');
  const seenFiles = new Set<string>();
  for (const given of paths) {
    const root = path.resolve(given);
    let files: string[];
    try {
      files = statSync(root).isDirectory() ? listRuleFiles(root, errors) : [root];
    } catch (error) {
      errors.push({ file: root, path: '', message: `cannot read the rule path: ${message(error)}` });
      continue;
    }
    for (const file of files) {
      if (seenFiles.has(file)) continue;
      seenFiles.add(file);
      const loaded = loadRuleFile(file, undefined, options);
      errors.push(...loaded.errors);
      const rule = loaded.rule;
      if (!rule) continue;
      const owner = taken.get(rule.doc.id);
      if (owner !== undefined) {
        errors.push(idTakenError(file, rule, owner));
        continue;
      }
      taken.set(rule.doc.id, file);
      rules.push(rule);
    }
  }
  return { rules, errors };
}

/**
 * The errors of one rule file as the editor shows them while it is edited: its own errors, then a product id
 * taken by a built-in rule (or by one of `options.reservedIds`).
 */
export function checkRuleFile(file: string, text: string, options: UserRuleOptions = {}): UserRuleError[] {
  const { rule, errors } = loadRuleFile(file, text, options);
  if (!rule) return errors;
  const reserved = new Set(options.reservedIds ?? loadBuiltinRules().map((r) => r.doc.id));
  if (!reserved.has(rule.doc.id)) return [];
  return [idTakenError(file, rule, 'a built-in rule')];
}

/** The error of a rule whose product id is already used, on the line of the id. */
function idTakenError(file: string, rule: Rule, owner: string): UserRuleError {
  // The product id comes from the eventlogdoctor block, else the Sigma id, else the title.
  const idPath = rule.sigma['eventlogdoctor'] !== undefined ? ['eventlogdoctor', 'id'] : rule.sigma['id'] !== undefined ? ['id'] : ['title'];
  const line = lineLocatorOf(rule.sigma)?.(idPath);
  const derived = idPath[0] === 'title' ? ' (derived from the title; give the rule an id)' : '';
  const error: UserRuleError = { file, path: idPath.join('.'), message: `rule id '${rule.doc.id}'${derived} is already used by ${owner}` };
  return line === undefined ? error : { ...error, line };
}

/**
 * The folders and files a `rulePaths` setting names: absolute paths as they are, relative ones against each
 * workspace folder (none without a workspace).
 */
export function resolveRulePaths(paths: readonly string[], workspaceFolders: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (path.isAbsolute(p)) out.push(path.normalize(p));
    else for (const folder of workspaceFolders) out.push(path.resolve(folder, p));
  }
  return [...new Set(out)];
}

/** True when `file` is one of `roots` or sits below one of them. */
export function isUnderRulePath(file: string, roots: readonly string[]): boolean {
  const target = path.resolve(file);
  return roots.some((root) => {
    const relative = path.relative(root, target);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });
}

/** A YAML text that is a Sigma rule by its shape: top-level `logsource:` and `detection:` keys. */
export function looksLikeSigmaRule(text: string): boolean {
  return /^detection:/m.test(text) && /^logsource:/m.test(text);
}

/** One line per error: `file:line: message (at path)`, as a log or a terminal shows it. */
export function formatRuleError(error: UserRuleError): string {
  const where = error.line === undefined ? error.file : `${error.file}:${error.line}`;
  return `${where}: ${error.message}${error.path ? ` (at ${error.path})` : ''}`;
}

/** A rule file's errors as diagnostics on their lines (the whole first line when an error has none). */
export function ruleErrorDiagnostics(errors: readonly RuleError[], text: string): Diagnostic[] {
  const lines = text.split(/\r?\n/);
  return errors.map((error) => {
    const line = Math.max(0, Math.min((error.line ?? 1) - 1, lines.length - 1));
    const lineText = lines[line] ?? '';
    const start = lineText.length - lineText.trimStart().length;
    return {
      range: { start: { line, character: start }, end: { line, character: Math.max(start, lineText.length) } },
      severity: DiagnosticSeverity.Error,
      source: 'Event Log Doctor',
      code: 'eventlog.rule-error',
      message: error.path ? `${error.message} (at ${error.path})` : error.message,
    };
  });
}
