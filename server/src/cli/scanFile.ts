import { promises as fs } from 'node:fs';
import { decodeLogBytes } from '../parse/decodeText';
import { decodeEvtxFile } from '../parse/evtx/decodeEvtx';
import type { LogKind, ParsedLog } from '../parse/model';
import { parseLog } from '../parse/parseLog';
import type { RuleEngine } from '../rules/engine';
import { analyze, PARSE_ERROR_CODE, type ServiceSettings } from '../service';
import { describeFsError } from './collectFiles';
import type { FileReport } from './report';
import { findingsOfAnalysis, scanParsedLog, type CliFinding, type EventPlace } from './scanText';

/** The result of scanning one path: its report, or `skipped` when it is not an event log. */
export type FileScan = { report: FileReport } | { skipped: true };

function isEventLog(parsed: ParsedLog): parsed is ParsedLog & { kind: LogKind } {
  return parsed.kind !== undefined;
}

/** A file that could not be read. */
export function unreadable(file: string, message: string): FileReport {
  return { path: file, format: null, events: 0, findings: [], omitted: 0, errors: [message] };
}

/** The size an .evtx record's header gives (the uint32 after its signature), kept within the file. */
function recordSize(view: DataView, offset: number): number {
  if (offset < 0 || offset + 8 > view.byteLength) return 0;
  return Math.min(view.getUint32(offset + 4, true), view.byteLength - offset);
}

/**
 * A binary log: its decoded records' events are analysed directly (their spans point into each record's own
 * XML, so lines mean nothing to the user and findings carry the record id instead). Damage the decoder
 * skipped or repaired is reported like a text log's parse problems.
 */
export function scanEvtxBytes(file: string, bytes: Uint8Array, engine: RuleEngine, settings: ServiceSettings): FileReport {
  const { records, issues } = decodeEvtxFile(bytes);
  const parsed: ParsedLog = { kind: 'evtx', events: records.map((record) => record.event), problems: [] };
  const analysis = analyze(parsed, '', engine, settings);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eventPlace = (eventIndex: number): EventPlace => {
    const record = records[eventIndex];
    if (!record) return { recordId: null, byteOffset: null, byteLength: null };
    return { recordId: record.event.recordId?.value ?? String(record.recordId), byteOffset: record.offset, byteLength: recordSize(view, record.offset) };
  };
  const { findings, omitted } = findingsOfAnalysis(analysis, '', settings, eventPlace, false);
  const damage: CliFinding[] = settings.enable
    ? issues.map((issue) => ({
        ruleId: PARSE_ERROR_CODE,
        severity: 'information',
        line: null,
        column: null,
        endLine: null,
        endColumn: null,
        recordId: issue.recordId === undefined ? null : String(issue.recordId),
        byteOffset: issue.offset,
        byteLength: 0,
        message: `${issue.message} (at byte ${issue.offset})`,
        related: [],
      }))
    : [];
  return { path: file, format: 'evtx', events: records.length, findings: [...findings, ...damage], omitted, errors: [] };
}

/** Scans bytes already read: sniffs the content, parses it and runs the rules. */
export function scanBytes(file: string, bytes: Uint8Array, engine: RuleEngine, settings: ServiceSettings): FileScan {
  const decoded = decodeLogBytes(bytes);
  if ('binary' in decoded) return decoded.binary === 'evtx' ? { report: scanEvtxBytes(file, bytes, engine, settings) } : { skipped: true };
  const parsed = parseLog(decoded.text);
  if (!isEventLog(parsed)) return { skipped: true };
  return { report: { path: file, ...scanParsedLog(parsed, decoded.text, engine, settings), errors: [] } };
}

/**
 * Reads and scans one file. Never throws: a file that cannot be read, or whose analysis fails, is reported
 * with its error so the rest of the run goes on.
 */
export async function scanFile(file: string, engine: RuleEngine, settings: ServiceSettings): Promise<FileScan> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    return { report: unreadable(file, describeFsError(error)) };
  }
  try {
    return scanBytes(file, bytes, engine, settings);
  } catch (error) {
    return { report: unreadable(file, `analysis failed: ${error instanceof Error ? error.message : String(error)}`) };
  }
}
