import { writeSync } from 'node:fs';
import { EVENTS_CLOSE, EVENTS_OPEN, EVENTS_PROLOGUE } from '../features/evtxSummary';
import { EvtxDecoder, type EvtxSource } from '../parse/evtx/decodeEvtx';
import type { EvtxIssue, EvtxStats } from '../parse/evtx/types';

/** How far a decode has come: records written and chunks read of the file's total. */
export interface EvtxProgress {
  records: number;
  chunks: number;
  totalChunks: number;
}

export interface StreamEvtxOptions {
  /** Called after each chunk. */
  onProgress?: (progress: EvtxProgress) => void;
  /** Checked after each chunk; true stops the rendering (the output is then incomplete). */
  isCancelled?: () => boolean;
}

export interface StreamEvtxResult {
  records: number;
  stats: EvtxStats;
  issues: EvtxIssue[];
  cancelled: boolean;
}

/** Chunks after the 4096-byte file header, the last one possibly truncated. */
export function chunkCount(size: number): number {
  return Math.max(0, Math.ceil((size - 4096) / 65536));
}

/**
 * Writes the XML rendering of an .evtx (`<?xml ...?><Events>`, each record's `<Event>` on its own lines,
 * `</Events>`) to `write`, one call per chunk, waiting for each write (a stream's backpressure): memory stays
 * bounded by a chunk and its records' text.
 */
export async function streamEvtxXml(
  source: EvtxSource,
  write: (text: string) => void | Promise<void>,
  options: StreamEvtxOptions = {},
): Promise<StreamEvtxResult> {
  const decoder = new EvtxDecoder();
  const totalChunks = chunkCount(source.size);
  await write(EVENTS_PROLOGUE + EVENTS_OPEN);
  let pending: string[] = [];
  let records = 0;
  let chunk = -1;
  let cancelled = false;
  const flush = async (): Promise<void> => {
    if (pending.length > 0) await write(pending.join(''));
    pending = [];
    options.onProgress?.({ records, chunks: decoder.stats.chunks, totalChunks });
  };
  for (const record of decoder.decode(source)) {
    if (record.chunk !== chunk) {
      if (chunk >= 0) {
        await flush();
        if (options.isCancelled?.()) {
          cancelled = true;
          break;
        }
      }
      chunk = record.chunk;
    }
    pending.push(record.xml, '\n');
    records++;
  }
  if (!cancelled) {
    await flush();
    await write(EVENTS_CLOSE);
  }
  return { records, stats: decoder.stats, issues: decoder.issues, cancelled };
}

/** One line per issue: where, which record, and why. */
export function formatEvtxIssue(issue: EvtxIssue): string {
  const where = [`byte ${issue.offset}`];
  if (issue.chunk !== undefined) where.push(`chunk ${issue.chunk}`);
  if (issue.recordId !== undefined) where.push(`record ${issue.recordId}`);
  return `${issue.message} (${where.join(', ')})`;
}

/** Writes all of `text` as UTF-8 to a file descriptor. */
export function writeAllSync(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
}
