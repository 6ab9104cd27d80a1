import type { LogKind } from '../parse/model';
import type { CliFinding } from './scanText';

/** One scanned file in the report: an event log, or a file that could not be read. */
export interface FileReport {
  path: string;
  /** The kind of log read, or null when the file could not be read. */
  format: LogKind | null;
  events: number;
  findings: CliFinding[];
  errors: string[];
}

/** The whole run. */
export interface ScanReport {
  files: FileReport[];
  /** Files that are not event logs. */
  skipped: number;
}

/** True when a finding at warning or above was reported (exit status 1). */
export function hasSeriousFindings(report: ScanReport): boolean {
  return report.files.some((file) => file.findings.some((f) => f.severity === 'warning' || f.severity === 'error'));
}

/** True when a file could not be read (exit status 2). */
export function hasErrors(report: ScanReport): boolean {
  return report.files.some((file) => file.errors.length > 0);
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Where a finding is: `file:line:column`, or `file#record` in a binary log. */
function place(file: FileReport, finding: CliFinding): string {
  if (finding.line !== null && finding.column !== null) return `${file.path}:${finding.line}:${finding.column}`;
  return `${file.path}#${finding.recordId ?? '?'}`;
}

/** `file:line:column severity rule-id message` per finding, in file order. */
export function formatFindings(report: ScanReport): string[] {
  return report.files.flatMap((file) => file.findings.map((f) => `${place(file, f)} ${f.severity} ${f.ruleId} ${f.message}`));
}

/** `file: error: message` per read error. */
export function formatErrors(report: ScanReport): string[] {
  return report.files.flatMap((file) => file.errors.map((message) => `${file.path}: error: ${message}`));
}

/** One line counting files, findings by severity and errors. */
export function formatSummary(report: ScanReport): string {
  const logs = report.files.filter((file) => file.format !== null).length;
  const findings = report.files.flatMap((file) => file.findings);
  const bySeverity = (['error', 'warning', 'information', 'hint'] as const)
    .map((severity) => ({ severity, count: findings.filter((f) => f.severity === severity).length }))
    .filter(({ count }) => count > 0)
    .map(({ severity, count }) => (severity === 'information' ? `${count} information` : plural(count, severity)));
  const errors = report.files.reduce((n, file) => n + file.errors.length, 0);
  const scanned = report.files.length + report.skipped;
  const detail = bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : '';
  return (
    `Scanned ${plural(scanned, 'file')}: ${plural(logs, 'event log')}, ${report.skipped} skipped (not event logs); ` +
    `${plural(findings.length, 'finding')}${detail}; ${plural(errors, 'read error')}.`
  );
}
