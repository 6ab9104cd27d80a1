import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { LogKind, ParsedLog } from '../parse/model';
import type { RuleEngine } from '../rules/engine';
import type { Severity } from '../rules/schema';
import { analyze, computeDiagnostics, type Analysis, type Finding, type ServiceSettings } from '../service';

/** A place in a log: 1-based lines and columns (UTF-16 code units, as editors count), null in a binary .evtx file. */
export interface CliPlace {
  line: number | null;
  column: number | null;
  /** Where the marked part ends (exclusive column). */
  endLine: number | null;
  endColumn: number | null;
  /** The event's EventRecordID as written, or null when the export has none. */
  recordId: string | null;
  /** In a binary .evtx file: where the record is (its header's offset and size); null in text logs. */
  byteOffset: number | null;
  byteLength: number | null;
}

/** Where an event is beyond its text: its record id, and in a binary log its bytes. */
export interface EventPlace {
  recordId: string | null;
  byteOffset: number | null;
  byteLength: number | null;
}

const NOWHERE: EventPlace = { recordId: null, byteOffset: null, byteLength: null };

/** One finding as the CLI reports it. */
export interface CliFinding extends CliPlace {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The other occurrences of the same rule in the log (at most 20, as the editor lists them). */
  related: (CliPlace & { message: string })[];
}

/** What one event log holds. */
export interface ScannedLog {
  format: LogKind;
  events: number;
  findings: CliFinding[];
  /** Findings left out by `eventlogDoctor.maxDiagnostics`. */
  omitted: number;
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

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

function placeOf(range: Range, event: EventPlace, lines: boolean): CliPlace {
  if (!lines) return { line: null, column: null, endLine: null, endColumn: null, ...event };
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
    ...event,
  };
}

/**
 * The findings of an analysed log: exactly the diagnostics the editor shows for it (rule findings and parse
 * problems), so the CLI and the editor never disagree. `lines` false leaves lines out (a binary log, where the
 * record is the place: `eventPlace` gives its id and bytes).
 */
export function findingsOfAnalysis(
  analysis: Analysis,
  text: string,
  settings: ServiceSettings,
  eventPlace: (eventIndex: number) => EventPlace,
  lines: boolean,
): { findings: CliFinding[]; omitted: number } {
  const document = TextDocument.create('file:///cli', 'eventlog', 1, text);
  const findings: CliFinding[] = [];
  const diagnostics = computeDiagnostics(document, analysis, settings);
  // Each finding's place in its rule's group: the editor lists the group's other findings in order, skipping
  // this one, so the related information's i-th entry is the group's i-th finding after skipping it.
  const positions = new Map<Finding, number>();
  for (const group of analysis.groups.values()) group.findings.forEach((finding, i) => positions.set(finding, i));
  const byEvent = new Map<string, Finding>();
  for (const finding of analysis.findings) byEvent.set(`${finding.group.rule.doc.id}\u0000${finding.match.eventIndex}`, finding);
  for (const diagnostic of diagnostics) {
    if (typeof diagnostic.code !== 'string') continue;
    const eventIndex = eventIndexOf(diagnostic);
    const place = eventIndex === undefined ? NOWHERE : eventPlace(eventIndex);
    const finding = eventIndex === undefined ? undefined : byEvent.get(`${diagnostic.code}\u0000${eventIndex}`);
    const own = finding === undefined ? -1 : (positions.get(finding) ?? -1);
    const group = finding?.group.findings ?? [];
    const related = (diagnostic.relatedInformation ?? []).map((info, i) => {
      const other = group[own >= 0 && i >= own ? i + 1 : i];
      return { ...placeOf(info.location.range, other ? eventPlace(other.match.eventIndex) : NOWHERE, lines), message: oneLine(info.message) };
    });
    findings.push({
      ruleId: diagnostic.code,
      severity: SEVERITY_NAMES[diagnostic.severity ?? DiagnosticSeverity.Information],
      ...placeOf(diagnostic.range, place, lines),
      message: oneLine(typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value),
      related,
    });
  }
  const shown = diagnostics.length - (diagnostics.length > 0 && typeof diagnostics.at(-1)?.code !== 'string' ? 1 : 0);
  const total = analysis.findings.length + (settings.enable ? (analysis.parsed.problems?.length ?? 0) : 0);
  return { findings, omitted: settings.enable ? Math.max(0, total - shown) : 0 };
}

/** Analyses an already parsed text log and returns its findings. */
export function scanParsedLog(parsed: ParsedLog & { kind: LogKind }, text: string, engine: RuleEngine, settings: ServiceSettings): ScannedLog {
  const analysis = analyze(parsed, text, engine, settings);
  const eventPlace = (eventIndex: number): EventPlace => ({ ...NOWHERE, recordId: parsed.events[eventIndex]?.recordId?.value ?? null });
  const { findings, omitted } = findingsOfAnalysis(analysis, text, settings, eventPlace, true);
  return { format: parsed.kind, events: parsed.events.length, findings, omitted };
}
