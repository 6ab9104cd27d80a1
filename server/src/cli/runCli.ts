import { promises as fs } from 'node:fs';
import packageJson from '../../../package.json';
import { decodeLogBytes } from '../parse/decodeText';
import { decodeEvtxFile } from '../parse/evtx/decodeEvtx';
import type { LogKind, ParsedLog } from '../parse/model';
import { parseLog } from '../parse/parseLog';
import { loadBuiltinRules } from '../rules/catalog';
import { createRuleEngine, type RuleEngine } from '../rules/engine';
import { defaultSettings, type ServiceSettings } from '../service';
import { collectFiles, describeFsError } from './collectFiles';
import { parseArgs, USAGE } from './parseArgs';
import { formatErrors, formatFindings, formatSummary, hasErrors, hasSeriousFindings, type FileReport, type ScanReport } from './report';
import { scanParsedLog } from './scanText';

/** Where the CLI writes; tests capture it instead of the process streams. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit statuses: nothing serious found, a warning or error found, usage or read errors. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERRORS = 2;

/** The CLI reports every finding: the editor's cap on diagnostics per document does not apply. */
const CLI_SETTINGS: ServiceSettings = { ...defaultSettings, maxDiagnostics: Number.MAX_SAFE_INTEGER };

function isEventLog(parsed: ParsedLog): parsed is ParsedLog & { kind: LogKind } {
  return parsed.kind !== undefined;
}

/** Reads, sniffs and scans one file; undefined when it is not an event log. */
async function scanFile(file: string, engine: RuleEngine): Promise<FileReport | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { path: file, format: null, events: 0, findings: [], errors: [describeFsError(error)] };
  }
  const decoded = decodeLogBytes(bytes);
  if ('binary' in decoded) return decoded.binary === 'evtx' ? scanEvtx(file, bytes, engine) : undefined;
  const parsed = parseLog(decoded.text);
  if (!isEventLog(parsed)) return undefined;
  return { path: file, ...scanParsedLog(parsed, decoded.text, engine, CLI_SETTINGS), errors: [] };
}

/**
 * A binary log: its records rendered as XML (as `evtxexport -f xml` does) and scanned like an XML export.
 * Lines of that rendering mean nothing to the user, so findings carry the record id instead.
 */
function scanEvtx(file: string, bytes: Uint8Array, engine: RuleEngine): FileReport {
  const { records } = decodeEvtxFile(bytes);
  const text = records.map((record) => record.xml).join('\n');
  const parsed = parseLog(text);
  const findings = isEventLog(parsed) ? scanParsedLog(parsed, text, engine, CLI_SETTINGS).findings : [];
  return {
    path: file,
    format: 'evtx',
    events: records.length,
    findings: findings.map((finding) => ({ ...finding, line: null, column: null })),
    errors: [],
  };
}

/** Scans every path and collects the report; files that cannot be read are reported, the others still scanned. */
export async function scanPaths(paths: readonly string[]): Promise<ScanReport> {
  const collected = await collectFiles(paths);
  const engine = createRuleEngine(loadBuiltinRules());
  const report: ScanReport = { files: [], skipped: 0 };
  for (const file of collected.files) {
    const scanned = await scanFile(file, engine);
    if (scanned) report.files.push(scanned);
    else report.skipped++;
  }
  for (const { path, message } of collected.errors) {
    report.files.push({ path, format: null, events: 0, findings: [], errors: [message] });
  }
  return report;
}

/** Runs `eventlog-doctor` with `argv` (without node and the script) and returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'help':
      io.stdout(USAGE);
      return EXIT_CLEAN;
    case 'version':
      io.stdout(`${packageJson.version}\n`);
      return EXIT_CLEAN;
    case 'usage-error':
      io.stderr(`eventlog-doctor: ${command.message}\n\n${USAGE}`);
      return EXIT_ERRORS;
    case 'scan':
      break;
  }

  const report = await scanPaths(command.paths);
  if (command.format === 'json') {
    io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const findings = formatFindings(report);
    if (findings.length > 0) io.stdout(`${findings.join('\n')}\n`);
    const errors = formatErrors(report);
    if (errors.length > 0) io.stderr(`${errors.join('\n')}\n`);
    io.stdout(`${formatSummary(report)}\n`);
  }
  if (hasErrors(report)) return EXIT_ERRORS;
  return hasSeriousFindings(report) ? EXIT_FINDINGS : EXIT_CLEAN;
}
