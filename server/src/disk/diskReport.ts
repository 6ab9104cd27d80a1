/** Turns a file read on disk into what the editor shows: capped diagnostics against the file, and a markdown summary. */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, PARSE_ERROR_CODE } from '../features/commands';
import { DIAGNOSTIC_SEVERITY } from '../features/diagnostics';
import { escapeMarkdown } from '../features/markdownEscape';
import { computeRecurrence, describeRecurrence } from '../features/recurrence';
import type { DiskAnalysis, DiskFinding } from './analyzeFile';

/** Findings listed one by one in the summary. */
const TOP_FINDINGS = 25;


/** The recurrence text of each rule's findings, as the editor's diagnostics say it. */
function recurrenceByRule(findings: readonly DiskFinding[]): Map<string, string> {
  const times = new Map<string, (number | undefined)[]>();
  for (const f of findings) {
    const list = times.get(f.ruleId);
    if (list) list.push(f.time);
    else times.set(f.ruleId, [f.time]);
  }
  return new Map([...times].map(([id, list]) => [id, describeRecurrence(computeRecurrence(list.length, list))]));
}

/**
 * One diagnostic per finding and per parse problem, at most `limit` of them (the most severe kept, in file
 * order) plus one saying how many more there are.
 */
export function diskDiagnostics(result: DiskAnalysis, limit: number): Diagnostic[] {
  const recurrence = recurrenceByRule(result.findings);
  const all: Diagnostic[] = result.findings.map((f) => ({
    range: { start: f.start, end: f.end },
    severity: DIAGNOSTIC_SEVERITY[f.severity],
    code: f.ruleId,
    source: DIAGNOSTIC_SOURCE,
    message: `${f.message} ${recurrence.get(f.ruleId) ?? ''}${result.format === 'evtx' && f.recordId ? ` [record ${f.recordId}]` : ''}`.trim(),
  }));
  for (const p of result.problems) {
    all.push({ range: { start: p.start, end: p.end }, severity: DiagnosticSeverity.Information, code: PARSE_ERROR_CODE, source: DIAGNOSTIC_SOURCE, message: p.message });
  }
  const byPlace = (a: Diagnostic, b: Diagnostic) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  const unlisted = result.problemCount - result.problems.length;
  if (all.length <= limit && unlisted === 0) return all.sort(byPlace);
  const kept = [...all].sort((a, b) => (a.severity ?? 4) - (b.severity ?? 4)).slice(0, limit).sort(byPlace);
  const more = all.length - kept.length + unlisted;
  const at = kept.at(-1)?.range.end ?? { line: 0, character: 0 };
  kept.push({
    range: { start: at, end: at },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    message: `${more} more ${more === 1 ? 'finding' : 'findings'} not shown (eventlogDoctor.maxDiagnostics)`,
  });
  return kept;
}

/** Inline code: a file name or path shown as written (markdown inside it means nothing). */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text.replace(/[\r\n]/g, ' ')}${fence}`;
}

function utc(ms: number | undefined): string {
  return ms === undefined ? '-' : new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

function where(result: DiskAnalysis, f: DiskFinding): string {
  if (result.format === 'evtx') return f.recordId ? `record ${escapeMarkdown(f.recordId)}` : 'record ?';
  return `line ${f.start.line + 1}`;
}

/** The findings summary: the file, its events and time range, counts per rule and the first findings. */
export function diskSummary(result: DiskAnalysis, path: string): string {
  const mb = (result.bytes / (1024 * 1024)).toFixed(1);
  const lines = [
    `# Event Log Doctor: ${code(result.file)}`,
    '',
    `- File: ${code(path)} (${mb} MB, ${result.format === 'evtx' ? '.evtx' : result.format === 'xml' ? 'XML export' : 'text export'})`,
    `- Events: ${result.events}${result.firstTime !== undefined ? `, from ${utc(result.firstTime)} to ${utc(result.lastTime)}` : ''}`,
    `- Findings: ${result.findings.length}; parse problems: ${result.problemCount}`,
    `- Read in ${(result.milliseconds / 1000).toFixed(1)} s${result.cancelled ? ' (cancelled: only the part read so far)' : ''}`,
    '',
  ];
  const rules = new Map<string, { f: DiskFinding; count: number; first?: number; last?: number }>();
  for (const f of result.findings) {
    const entry = rules.get(f.ruleId) ?? { f, count: 0 };
    entry.count++;
    if (f.time !== undefined) {
      entry.first = entry.first === undefined ? f.time : Math.min(entry.first, f.time);
      entry.last = entry.last === undefined ? f.time : Math.max(entry.last, f.time);
    }
    rules.set(f.ruleId, entry);
  }
  if (rules.size === 0) {
    lines.push('No rule matched any event.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('## Findings per rule', '', '| Rule | Severity | Count | First | Last |', '|---|---|---|---|---|');
  for (const [id, r] of [...rules].sort((a, b) => b[1].count - a[1].count)) {
    lines.push(`| \`${id}\` ${escapeMarkdown(r.f.title)} | ${r.f.severity} | ${r.count} | ${utc(r.first)} | ${utc(r.last)} |`);
  }
  lines.push('', `## First findings${result.findings.length > TOP_FINDINGS ? ` (${TOP_FINDINGS} of ${result.findings.length})` : ''}`, '');
  for (const f of result.findings.slice(0, TOP_FINDINGS)) {
    lines.push(`- ${where(result, f)}, ${utc(f.time)}: ${escapeMarkdown(f.message)} (\`${f.ruleId}\`)`);
  }
  return `${lines.join('\n')}\n`;
}
