import type { LogKind } from '../parse/model';
import { SEVERITIES, type Severity } from '../rules/schema';
import type { FailOn } from './parseArgs';
import type { CliFinding } from './scanText';

/** One scanned file in the report: an event log, or a file that could not be read. */
export interface FileReport {
  path: string;
  /** The kind of log read, or null when the file could not be read. */
  format: LogKind | null;
  events: number;
  findings: CliFinding[];
  /** Findings left out by a `maxDiagnostics` setting from `--config`. */
  omitted: number;
  errors: string[];
}

/** The whole run, in the order the files were named and found (never in completion order). */
export interface ScanReport {
  files: FileReport[];
  /** Files that are not event logs. */
  skipped: number;
  /** Users' rules that could not be loaded (the others ran). */
  ruleErrors: string[];
}

/** True when a finding at `failOn` or above was reported (exit status 1). */
export function hasFailingFindings(report: ScanReport, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const lowest = SEVERITIES.indexOf(failOn);
  return report.files.some((file) => file.findings.some((f) => SEVERITIES.indexOf(f.severity) >= lowest));
}

/** True when a file or a rule could not be read (exit status 2). */
export function hasErrors(report: ScanReport): boolean {
  return report.ruleErrors.length > 0 || report.files.some((file) => file.errors.length > 0);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** `file: error: message` per read error, then one line per rule that could not be loaded. */
export function formatErrors(report: ScanReport): string[] {
  return [
    ...report.files.flatMap((file) => file.errors.map((message) => `${file.path}: error: ${message}`)),
    ...report.ruleErrors.map((message) => `rule error: ${message}`),
  ];
}

/** Findings per severity, most severe first. */
export function countBySeverity(report: ScanReport): { severity: Severity; count: number }[] {
  const counts = new Map<Severity, number>();
  for (const file of report.files) for (const f of file.findings) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return [...SEVERITIES].reverse().map((severity) => ({ severity, count: counts.get(severity) ?? 0 }));
}

/** One line counting files, findings by severity and errors. */
export function formatSummary(report: ScanReport): string {
  const logs = report.files.filter((file) => file.format !== null).length;
  const findings = report.files.reduce((n, file) => n + file.findings.length, 0);
  const omitted = report.files.reduce((n, file) => n + file.omitted, 0);
  const bySeverity = countBySeverity(report)
    .filter(({ count }) => count > 0)
    .map(({ severity, count }) => (severity === 'information' ? `${count} information` : plural(count, severity)));
  const errors = report.files.reduce((n, file) => n + file.errors.length, 0);
  const scanned = report.files.length + report.skipped;
  const detail = bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : '';
  const hidden = omitted > 0 ? `, ${omitted} more not shown (maxDiagnostics)` : '';
  const rules = report.ruleErrors.length > 0 ? `; ${plural(report.ruleErrors.length, 'rule error')}` : '';
  return (
    `Scanned ${plural(scanned, 'file')}: ${plural(logs, 'event log')}, ${report.skipped} skipped (not event logs); ` +
    `${plural(findings, 'finding')}${detail}${hidden}; ${plural(errors, 'read error')}${rules}.`
  );
}
