/**
 * The pure language service: everything the server offers for an event log, as functions of the document text,
 * the cached analysis and the settings. No transport, no editor, no file system; `server.ts` wires these to LSP.
 * Every function here is total: it returns an empty or null result rather than throwing on any input.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
} from 'vscode-languageserver-types';
import type { ParsedLog } from './parse/model';
import { scriptPreamble } from './rules/catalog';
import type { RuleEngine } from './rules/engine';
import type { Rule } from './rules/schema';
import { analyze as analyzeLog, reanalyzeEvent as reanalyzeOneEvent, type Analysis } from './features/analysis';
import { getCodeActions as codeActions } from './features/codeActions';
import { computeDiagnostics as diagnostics } from './features/diagnostics';
import { getDocumentSymbols as documentSymbols } from './features/documentSymbols';
import { getFoldingRanges as foldingRanges } from './features/foldingRanges';
import { getHover as hover } from './features/hover';
import { planRemediationInsertWith, type RemediationInsertPlan, type ScriptLanguage } from './features/remediationInsert';
import { remediationScriptPath as scriptPath } from './features/remediationScriptPath';
import type { ServiceSettings } from './features/settings';

export type { Analysis, Finding, FindingGroup } from './features/analysis';
export type { Recurrence } from './features/recurrence';
export type { FindingDiagnosticData } from './features/diagnostics';
export type { InsertRemediationArgs } from './features/commands';
export { detectedLanguage } from './features/detectedLanguage';
export type { RemediationInsertPlan, ScriptLanguage } from './features/remediationInsert';
export { defaultSettings, type ServiceSettings } from './features/settings';
export {
  DIAGNOSTIC_SOURCE,
  INSERT_REMEDIATION_COMMAND,
  PARSE_ERROR_CODE,
  SET_RULE_SEVERITY_COMMAND,
} from './features/commands';

/**
 * Runs the engine's rules over a parsed document and groups the findings by rule product id, with each
 * finding's severity under `settings` (rules set `off` are left out). Every other feature reads the result,
 * so callers cache it per document version (and settings).
 */
export function analyze(parsed: ParsedLog, text: string, engine: RuleEngine, settings: ServiceSettings): Analysis {
  return analyzeLog(parsed, text, engine, settings);
}

/**
 * `analyze` after an edit re-read one event (`parsed.events[eventIndex]`; the others are the objects `previous`
 * saw, moved in place): only that event's rules run again. `previous` must come from the same engine and settings.
 */
export function reanalyzeEvent(
  previous: Analysis,
  parsed: ParsedLog,
  text: string,
  eventIndex: number,
  engine: RuleEngine,
  settings: ServiceSettings,
): Analysis {
  return reanalyzeOneEvent(previous, parsed, text, eventIndex, engine, settings);
}

/**
 * The document's diagnostics: one per finding at its event's anchor (code = rule product id, message with the
 * variant and the recurrence, other occurrences as related information, `data` = `{ ruleId, eventIndex }`),
 * one Information diagnostic per parse problem, capped at `settings.maxDiagnostics` (most severe kept, plus one
 * diagnostic counting the rest). None when `settings.enable` is false or the document is not an event log.
 */
export function computeDiagnostics(document: TextDocument, analysis: Analysis, settings: ServiceSettings): Diagnostic[] {
  return diagnostics(document, analysis, settings);
}

/**
 * The hover at `position`: the event's summary (provider, id, level, time, computer, record, channel) and, per
 * finding on that event, its explanation, harm, cause, evidence, resolution options, occurrences and sources.
 * Log text is escaped so it can never inject markdown, HTML or links. Null outside every event.
 */
export function getHover(document: TextDocument, analysis: Analysis, position: Position): Hover | null {
  return hover(document, analysis, position);
}

/**
 * Quick fixes for the product's diagnostics in `diagnostics` that touch `range`: insert each script remediation,
 * and mark the rule as benign (turn it off in the workspace; preferred when the rule offers to disregard).
 */
export function getCodeActions(document: TextDocument, analysis: Analysis, range: Range, diagnostics: Diagnostic[]): CodeAction[] {
  return codeActions(document, analysis, range, diagnostics);
}

/** The outline: events grouped by provider and event id, groups with findings first, capped per group. */
export function getDocumentSymbols(document: TextDocument, analysis: Analysis): DocumentSymbol[] {
  return documentSymbols(document, analysis);
}

/** Folding ranges: every multi-line event, and its multi-line RenderingInfo and EventData blocks. */
export function getFoldingRanges(document: TextDocument, analysis: Analysis): FoldingRange[] {
  return foldingRanges(document, analysis);
}

/**
 * Plans inserting a rule's script remediation into the remediation file whose content is `existing`
 * (undefined: the file does not exist yet). A new file gets the language's preamble (with `logName` filled in)
 * and the block; an existing one gets the block appended after a blank line (`append: true`), or nothing when
 * the block's marker line is already there. The block sits between `# >>> Event Log Doctor: <rule>/<remediation>`
 * and `# <<< ...` lines (`REM` for cmd). CRLF files stay CRLF.
 */
export function planRemediationInsert(
  existing: string | undefined,
  rule: Rule,
  remediationId: string,
  logName: string,
): RemediationInsertPlan {
  return planRemediationInsertWith(existing, rule, remediationId, logName, scriptPreamble);
}

/**
 * The remediation script's path for a log: `<folder>/<log name>.remediation.ps1` (or `.cmd`), where the folder is
 * the log's own or `scriptFolder` (relative to the log's folder, or absolute). Pure string operations on a
 * '/'-separated path.
 */
export function remediationScriptPath(logPath: string, language: ScriptLanguage, scriptFolder?: string): string {
  return scriptPath(logPath, language, scriptFolder);
}
