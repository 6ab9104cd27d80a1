/**
 * Analyses a log file on disk without holding it whole: text and XML exports are read in pieces and parsed up
 * to the start of each piece's last event (the rest waits for the next piece), .evtx files record by record
 * through the decoder. Findings keep their line and column, so they can be published against the file.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { analyze } from '../features/analysis';
import type { ServiceSettings } from '../features/settings';
import type { LogEvent, ParsedLog } from '../parse/model';
import { parseLog } from '../parse/parseLog';
import { EvtxDecoder } from '../parse/evtx/decodeEvtx';
import type { RuleEngine } from '../rules/engine';
import type { Severity } from '../rules/schema';
import { LineCounter } from './lineCounter';
import { detectTextEncoding } from './textEncoding';

/** Bytes read at a time. */
const PIECE_BYTES = 8 * 1024 * 1024;
/** A piece holding fewer than two events grows up to this many characters before it is parsed whole. */
const MAX_PIECE_CHARS = 64 * 1024 * 1024;
/** Events analysed together from an .evtx file. */
const EVTX_BATCH = 2000;
/** Shapes whose rows need the header line above them to be read. */
const HEADED_FORMATS: ReadonlySet<string> = new Set(['tab-text', 'csv', 'powershell-table', 'powershell-csv']);

export interface Position {
  line: number;
  character: number;
}

/** One finding, where it is and what the summary needs about it. */
export interface DiskFinding {
  ruleId: string;
  title: string;
  /** The rule's diagnostic message, with the variant when one applies. */
  message: string;
  severity: Severity;
  start: Position;
  end: Position;
  time?: number;
  recordId?: string;
}

/** What reading a file found. */
export interface DiskAnalysis {
  file: string;
  format: 'xml' | 'text' | 'evtx';
  bytes: number;
  events: number;
  firstTime?: number;
  lastTime?: number;
  findings: DiskFinding[];
  /** Parse problems (a file with many only keeps the first ones; `problemCount` counts them all). */
  problems: { message: string; start: Position; end: Position }[];
  problemCount: number;
  cancelled: boolean;
  milliseconds: number;
}

export interface DiskAnalysisOptions {
  engine: RuleEngine;
  settings: ServiceSettings;
  /** Called after each piece with the bytes read so far. */
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  /** Checked between pieces; true stops the reading and returns what was found so far. */
  isCancelled?: () => boolean;
}

const MAX_PROBLEMS_KEPT = 1000;

/** Reads `file` and runs the rules over its events. Never throws on the content; I/O errors propagate. */
export function analyzeFile(file: string, options: DiskAnalysisOptions): DiskAnalysis {
  const started = Date.now();
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    readSync(fd, head, 0, head.length, 0);
    const result: DiskAnalysis = {
      file: basename(file),
      format: head.subarray(0, 8).toString('latin1') === 'ElfFile\0' ? 'evtx' : 'text',
      bytes: size,
      events: 0,
      findings: [],
      problems: [],
      problemCount: 0,
      cancelled: false,
      milliseconds: 0,
    };
    if (result.format === 'evtx') readEvtx(fd, size, result, options);
    else readText(fd, size, head, result, options);
    result.milliseconds = Date.now() - started;
    return result;
  } finally {
    closeSync(fd);
  }
}

function readText(fd: number, size: number, head: Buffer, result: DiskAnalysis, options: DiskAnalysisOptions): void {
  const decoder = new TextDecoder(detectTextEncoding(head));
  const lines = new LineCounter();
  const buffer = Buffer.alloc(PIECE_BYTES);
  let position = 0;
  let carry = '';
  /** The header line of a table export, put above every later piece so its rows are read the same way. */
  let prefix: string | undefined;
  for (;;) {
    if (options.isCancelled?.()) {
      result.cancelled = true;
      return;
    }
    const read = position < size ? readSync(fd, buffer, 0, Math.min(buffer.length, size - position), position) : 0;
    position += read;
    const atEnd = read === 0 || position >= size;
    const piece = carry + decoder.decode(buffer.subarray(0, read), { stream: !atEnd });
    const above = prefix ?? '';
    const doc = above + piece;
    const parsed = parseLog(doc);
    if (prefix === undefined) {
      const first = parsed.events[0];
      prefix = first && HEADED_FORMATS.has(first.format) ? piece.slice(0, first.span.start) : '';
    }
    if (parsed.kind === 'xml' || parsed.kind === 'mixed') result.format = 'xml';
    const last = parsed.events.at(-1);
    let boundary = piece.length;
    if (!atEnd) {
      if (parsed.events.length < 2 || last === undefined) {
        if (piece.length < MAX_PIECE_CHARS) {
          carry = piece;
          continue;
        }
      } else {
        boundary = last.span.start - above.length;
      }
    }
    lines.setPiece(piece);
    takePiece(parsed, doc, above.length, boundary, lines, result, options);
    lines.advance(boundary);
    carry = piece.slice(boundary);
    options.onProgress?.(position, size);
    if (atEnd) return;
  }
}

/** Analyses the events of `parsed` that start before `boundary` (an offset into the piece after `shift`). */
function takePiece(parsed: ParsedLog, doc: string, shift: number, boundary: number, lines: LineCounter, result: DiskAnalysis, options: DiskAnalysisOptions): void {
  const events = parsed.events.filter((e) => e.span.start - shift < boundary && e.span.start >= shift);
  const kept: ParsedLog = { kind: parsed.kind, events, problems: [] };
  const at = (offset: number): Position => lines.position(Math.max(0, offset - shift));
  collect(kept, doc, result, options, (event) => ({ start: at(event.anchor.start), end: at(event.anchor.end) }));
  for (const problem of parsed.problems) {
    const start = problem.span.start - shift;
    if (start < 0 || start >= boundary) continue;
    result.problemCount++;
    if (result.problems.length < MAX_PROBLEMS_KEPT) result.problems.push({ message: problem.message, start: at(problem.span.start), end: at(problem.span.end) });
  }
}

function readEvtx(fd: number, size: number, result: DiskAnalysis, options: DiskAnalysisOptions): void {
  result.format = 'evtx';
  const buffer = Buffer.alloc(65536);
  const source = {
    size,
    read(offset: number, length: number): Uint8Array {
      const view = buffer.subarray(0, Math.max(0, Math.min(length, size - offset)));
      readSync(fd, view, 0, view.length, offset);
      return view;
    },
  };
  const decoder = new EvtxDecoder();
  const zero = { line: 0, character: 0 };
  let batch: LogEvent[] = [];
  const flush = (done: number) => {
    collect({ kind: 'evtx', events: batch, problems: [] }, '', result, options, () => ({ start: zero, end: zero }));
    batch = [];
    options.onProgress?.(done, size);
  };
  for (const record of decoder.decode(source)) {
    batch.push(record.event);
    if (batch.length >= EVTX_BATCH) {
      flush(Math.min(size, record.offset));
      if (options.isCancelled?.()) {
        result.cancelled = true;
        return;
      }
    }
  }
  flush(size);
  result.problemCount += decoder.issues.length;
  for (const issue of decoder.issues.slice(0, MAX_PROBLEMS_KEPT)) result.problems.push({ message: `${issue.message} (byte ${issue.offset})`, start: zero, end: zero });
}

/** Runs the rules over `parsed` and adds its events' count, time range and findings to `result`. */
function collect(parsed: ParsedLog, doc: string, result: DiskAnalysis, options: DiskAnalysisOptions, where: (event: LogEvent) => { start: Position; end: Position }): void {
  result.events += parsed.events.length;
  for (const event of parsed.events) {
    const time = event.time;
    if (time === undefined) continue;
    if (result.firstTime === undefined || time < result.firstTime) result.firstTime = time;
    if (result.lastTime === undefined || time > result.lastTime) result.lastTime = time;
  }
  if (parsed.events.length === 0) return;
  const analysis = analyze(parsed, doc, options.engine, options.settings);
  for (const finding of analysis.findings) {
    const { rule, event, variant } = finding.match;
    const finding_: DiskFinding = {
      ruleId: rule.doc.id,
      title: typeof rule.sigma.title === 'string' ? rule.sigma.title : rule.doc.id,
      message: variant ? `${rule.doc.message}: ${variant.label}` : rule.doc.message,
      severity: finding.severity,
      ...where(event),
    };
    if (event.time !== undefined) finding_.time = event.time;
    const record = event.recordId?.value;
    if (record !== undefined && record !== '') finding_.recordId = record;
    result.findings.push(finding_);
  }
}
