import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type { Severity } from '../rules/schema';
import type { Analysis, Finding, FindingGroup } from './analysis';
import { DIAGNOSTIC_SOURCE, PARSE_ERROR_CODE } from './commands';
import { describeRecurrence } from './recurrence';
import { diagnosticLimit, type ServiceSettings } from './settings';
import { clampSpan, rangeOfSpan } from './spans';
import { formatUtcSecond, hasTime } from './timeFormat';

/** Other occurrences listed under one diagnostic. */
const MAX_RELATED = 20;

/** LSP severity of each product severity (also used for findings of files analysed on disk). */
export const DIAGNOSTIC_SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What each diagnostic needs before it is built, so the cap can drop the rest without building them. */
interface Pending {
  severity: DiagnosticSeverity;
  offset: number;
  build: () => Diagnostic;
}

/** The data every finding diagnostic carries; code actions read it back. */
export interface FindingDiagnosticData {
  ruleId: string;
  eventIndex: number;
}

function alsoAt(finding: Finding): string {
  const event = finding.match.event;
  if (hasTime(event?.time)) return `Also at ${formatUtcSecond(event.time)}`;
  const record = event?.recordId?.value?.trim();
  return record ? `Also at record ${record} (time not parsed)` : 'Also here (time not parsed)';
}

function related(document: TextDocument, finding: Finding): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  for (const other of finding.group.findings) {
    if (out.length >= MAX_RELATED) break;
    if (other === finding) continue;
    out.push({ location: { uri: document.uri, range: rangeOfSpan(document, other.match.event?.anchor) }, message: alsoAt(other) });
  }
  return out;
}

function findingMessage(finding: Finding, recurrenceText: string): string {
  const rule = finding.group.rule;
  const variant = finding.match.variant ? `: ${finding.match.variant.label}` : '';
  return `${rule.doc.message}${variant} ${recurrenceText}`;
}

function findingDiagnostic(document: TextDocument, finding: Finding, recurrenceText: string): Diagnostic {
  const rule = finding.group.rule;
  const diagnostic: Diagnostic = {
    range: rangeOfSpan(document, finding.match.event?.anchor),
    severity: DIAGNOSTIC_SEVERITY[finding.severity] ?? DiagnosticSeverity.Information,
    code: rule.doc.id,
    source: DIAGNOSTIC_SOURCE,
    message: findingMessage(finding, recurrenceText),
  };
  const href = rule.sigma.references?.[0];
  if (typeof href === 'string' && href !== '') diagnostic.codeDescription = { href };
  const relatedInformation = related(document, finding);
  if (relatedInformation.length > 0) diagnostic.relatedInformation = relatedInformation;
  const data: FindingDiagnosticData = { ruleId: rule.doc.id, eventIndex: finding.match.eventIndex };
  diagnostic.data = data;
  return diagnostic;
}

/**
 * One diagnostic per finding at its event's anchor and one Information diagnostic per parse problem,
 * at most `settings.maxDiagnostics` of them (the most severe kept) plus one saying how many were left out.
 */
export function computeDiagnostics(document: TextDocument, analysis: Analysis, settings: ServiceSettings): Diagnostic[] {
  if (!settings?.enable || analysis?.parsed?.kind === undefined) return [];
  const length = document.getText().length;
  const pending: Pending[] = [];
  const recurrenceTexts = new Map<FindingGroup, string>();
  for (const finding of analysis.findings) {
    let recurrenceText = recurrenceTexts.get(finding.group);
    if (recurrenceText === undefined) {
      recurrenceText = describeRecurrence(finding.group.recurrence);
      recurrenceTexts.set(finding.group, recurrenceText);
    }
    const text = recurrenceText;
    pending.push({
      severity: DIAGNOSTIC_SEVERITY[finding.severity] ?? DiagnosticSeverity.Information,
      offset: clampSpan(finding.match.event?.anchor, length).start,
      build: () => findingDiagnostic(document, finding, text),
    });
  }
  for (const problem of analysis.parsed.problems ?? []) {
    pending.push({
      severity: DiagnosticSeverity.Information,
      offset: clampSpan(problem.span, length).start,
      build: () => ({
        range: rangeOfSpan(document, problem.span),
        severity: DiagnosticSeverity.Information,
        code: PARSE_ERROR_CODE,
        source: DIAGNOSTIC_SOURCE,
        message: String(problem.message),
      }),
    });
  }
  pending.sort((a, b) => a.offset - b.offset);

  const limit = diagnosticLimit(settings);
  if (pending.length <= limit) return pending.map((p) => p.build());
  // Severity ranks lower for more severe diagnostics; the stable sort keeps document order within a severity.
  const bySeverity = [...pending].sort((a, b) => a.severity - b.severity);
  const kept = new Set(bySeverity.slice(0, limit));
  const omitted = pending.filter((p) => !kept.has(p));
  const diagnostics = pending.filter((p) => kept.has(p)).map((p) => p.build());
  const firstOmitted = omitted[0]!;
  const at = document.positionAt(firstOmitted.offset);
  diagnostics.push({
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `${omitted.length} more ${omitted.length === 1 ? 'finding' : 'findings'} not shown (eventlogDoctor.maxDiagnostics)`,
  });
  return diagnostics;
}
