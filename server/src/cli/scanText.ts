import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { LogKind, ParsedLog } from '../parse/model';
import type { RuleEngine } from '../rules/engine';
import type { Severity } from '../rules/schema';
import { analyze, computeDiagnostics, type ServiceSettings } from '../service';

/**
 * One finding as the CLI reports it: 1-based line and column (UTF-16 code units, as editors count), null for
 * binary .evtx files, where the record id is the place.
 */
export interface CliFinding {
  ruleId: string;
  severity: Severity;
  line: number | null;
  column: number | null;
  message: string;
  /** The event's EventRecordID as written, or null when the export has none. */
  recordId: string | null;
}

/** What one event log holds. */
export interface ScannedLog {
  format: LogKind;
  events: number;
  findings: CliFinding[];
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, Severity> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

function eventIndexOf(diagnostic: Diagnostic): number | undefined {
  const data: unknown = diagnostic.data;
  if (typeof data !== 'object' || data === null || !('eventIndex' in data)) return undefined;
  return typeof data.eventIndex === 'number' ? data.eventIndex : undefined;
}

/**
 * The findings of an already parsed event log: exactly the diagnostics the editor shows for it (rule findings
 * and parse problems), so the CLI and the editor never disagree.
 */
export function scanParsedLog(parsed: ParsedLog & { kind: LogKind }, text: string, engine: RuleEngine, settings: ServiceSettings): ScannedLog {
  const document = TextDocument.create('file:///cli', 'eventlog', 1, text);
  const analysis = analyze(parsed, text, engine, settings);
  const findings: CliFinding[] = [];
  for (const diagnostic of computeDiagnostics(document, analysis, settings)) {
    if (typeof diagnostic.code !== 'string') continue;
    const eventIndex = eventIndexOf(diagnostic);
    const recordId = eventIndex === undefined ? undefined : parsed.events[eventIndex]?.recordId?.value;
    findings.push({
      ruleId: diagnostic.code,
      severity: SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Information],
      line: diagnostic.range.start.line + 1,
      column: diagnostic.range.start.character + 1,
      message: (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value).replace(/\s*[\r\n]+\s*/g, ' ').trim(),
      recordId: recordId ?? null,
    });
  }
  return { format: parsed.kind, events: parsed.events.length, findings };
}
