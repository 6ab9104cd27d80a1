import type { Severity } from '../rules/schema';
import type { FileReport, ScanReport } from './report';
import type { CliFinding } from './scanText';

/** ANSI styles, or none; `paint` wraps text in one. */
export interface Palette {
  paint(style: 'path' | 'dim' | Severity, text: string): string;
}

const ANSI: Readonly<Record<'path' | 'dim' | Severity, [string, string]>> = {
  path: ['\x1b[1;4m', '\x1b[22;24m'],
  dim: ['\x1b[2m', '\x1b[22m'],
  error: ['\x1b[31m', '\x1b[39m'],
  warning: ['\x1b[33m', '\x1b[39m'],
  information: ['\x1b[36m', '\x1b[39m'],
  hint: ['\x1b[2m', '\x1b[22m'],
};

export const PLAIN: Palette = { paint: (_style, text) => text };
export const COLORED: Palette = { paint: (style, text) => `${ANSI[style][0]}${text}${ANSI[style][1]}` };

/** Where a finding is within its file: `line:column`, or `#record` in a binary log. */
function placeOf(finding: CliFinding): string {
  if (finding.line !== null && finding.column !== null) return `${finding.line}:${finding.column}`;
  return `#${finding.recordId ?? '?'}`;
}

function describe(file: FileReport): string {
  const events = `${file.events} ${file.events === 1 ? 'event' : 'events'}`;
  return file.format === null ? 'not read' : `${file.format}, ${events}`;
}

/**
 * The findings grouped by file: a header per log with findings, then one aligned line per finding
 * (`line:column  severity  rule-id  message`). Logs without findings are not listed; the summary counts them.
 */
export function formatGrouped(report: ScanReport, palette: Palette): string[] {
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`${palette.paint('path', file.path)} ${palette.paint('dim', `(${describe(file)})`)}`);
    const places = file.findings.map(placeOf);
    const placeWidth = Math.max(...places.map((p) => p.length));
    const severityWidth = Math.max(...file.findings.map((f) => f.severity.length));
    const ruleWidth = Math.max(...file.findings.map((f) => f.ruleId.length));
    file.findings.forEach((finding, i) => {
      const place = (places[i] ?? '').padEnd(placeWidth);
      const severity = palette.paint(finding.severity, finding.severity.padEnd(severityWidth));
      const rule = palette.paint('dim', finding.ruleId.padEnd(ruleWidth));
      lines.push(`  ${place}  ${severity}  ${rule}  ${finding.message}`);
    });
    if (file.omitted > 0) lines.push(`  ${palette.paint('dim', `... ${file.omitted} more not shown (maxDiagnostics)`)}`);
  }
  return lines;
}
