import {
  EVENTS_CLOSE,
  EVENTS_OPEN,
  EVENTS_PROLOGUE,
  commentSafe,
  EvtxSummaryCollector,
  renderEvtxSummary,
  type SummarizedEvent,
} from '../features/evtxSummary';
import { effectiveSeverity, type ServiceSettings } from '../features/settings';
import { EvtxDecoder, type EvtxSource } from '../parse/evtx/decodeEvtx';
import type { EvtxRecord } from '../parse/evtx/types';
import type { RuleEngine } from '../rules/engine';
import { chunkCount, formatEvtxIssue, type EvtxProgress } from './streamEvtxXml';

/** VS Code hands no document over 50 MB to extensions (no diagnostics, hovers or fixes): stay under it. */
export const EDITOR_MAX_LENGTH = 50 * 1024 * 1024 - 64 * 1024;
/** Issues listed at the top of a rendering; the rest are counted. */
const MAX_LISTED_ISSUES = 50;

export interface EditorRenderOptions {
  /** The .evtx file's name, for the header of a summary. */
  fileName: string;
  engine: RuleEngine;
  settings: ServiceSettings;
  /** Characters the rendering may have; beyond, the findings-first summary is rendered instead. */
  maxLength?: number;
  onProgress?: (progress: EvtxProgress) => void;
  /** Checked after each chunk. */
  isCancelled?: () => boolean;
}

/** The document the editor shows for an .evtx. */
export interface EditorRendering {
  text: string;
  /** True when `text` is the findings-first summary, not every event. */
  summary: boolean;
  records: number;
  /** Skipped and damaged parts, one line each. */
  issues: string[];
}

interface KeptRecord extends SummarizedEvent {
  xml: string;
  finding: boolean;
}

function summarized(record: EvtxRecord): SummarizedEvent {
  const event = record.event;
  const summary: SummarizedEvent = { provider: event.provider?.value ?? '', eventId: event.eventId?.value ?? '' };
  const time = event.time ?? record.time;
  if (time !== undefined) summary.time = time;
  return summary;
}

/**
 * Decodes an .evtx for the editor: the whole XML rendering while it stays under `maxLength`, else the
 * findings-first summary (events with a finding of `engine` under `settings` in full, the rest counted).
 * Undefined when cancelled.
 */
export function renderEvtxForEditor(source: EvtxSource, options: EditorRenderOptions): EditorRendering | undefined {
  const maxLength = options.maxLength ?? EDITOR_MAX_LENGTH;
  const decoder = new EvtxDecoder();
  const totalChunks = chunkCount(source.size);
  const hasFinding = (record: EvtxRecord, index: number): boolean =>
    options.settings.enable && options.engine.matchEvent(record.event, index).some((match) => effectiveSeverity(match.rule, options.settings) !== 'off');

  let kept: KeptRecord[] | undefined = [];
  let length = 0;
  let collector: EvtxSummaryCollector | undefined;
  let records = 0;
  let chunk = -1;
  for (const record of decoder.decode(source)) {
    if (record.chunk !== chunk) {
      if (chunk >= 0) {
        options.onProgress?.({ records, chunks: decoder.stats.chunks, totalChunks });
        if (options.isCancelled?.()) return undefined;
      }
      chunk = record.chunk;
    }
    const finding = hasFinding(record, records);
    records++;
    length += record.xml.length + 1;
    if (kept) {
      kept.push({ ...summarized(record), xml: record.xml, finding });
      if (length > maxLength) {
        // Too large for the editor: what was kept so far goes into the summary, and so does the rest.
        collector = new EvtxSummaryCollector(Math.floor(maxLength * 0.9));
        for (const k of kept) {
          if (k.finding) collector.addFinding(k.xml, k);
          else collector.add(k);
        }
        kept = undefined;
      }
    } else if (collector) {
      if (finding) collector.addFinding(record.xml, summarized(record));
      else collector.add(summarized(record));
    }
  }
  options.onProgress?.({ records, chunks: decoder.stats.chunks, totalChunks });
  if (options.isCancelled?.()) return undefined;

  const issues = decoder.issues.map(formatEvtxIssue);
  if (kept) {
    const parts = [EVENTS_PROLOGUE, ...issueComment(options.fileName, records, issues), EVENTS_OPEN];
    for (const k of kept) parts.push(k.xml, '\n');
    parts.push(EVENTS_CLOSE);
    return { text: parts.join(''), summary: false, records, issues };
  }
  const summary = collector ?? new EvtxSummaryCollector(0);
  const text = renderEvtxSummary({
    fileName: options.fileName,
    fullLength: length,
    maxLength,
    totalEvents: summary.totalEvents,
    findingEvents: summary.findingEvents,
    omittedFindingEvents: summary.omittedFindingEvents,
    groups: summary.sortedGroups(),
    issues: listed(issues),
  });
  return { text, summary: true, records, issues };
}

function listed(issues: readonly string[]): string[] {
  if (issues.length <= MAX_LISTED_ISSUES) return [...issues];
  return [...issues.slice(0, MAX_LISTED_ISSUES), `... and ${issues.length - MAX_LISTED_ISSUES} more`];
}

/** A comment before `<Events>` listing what the decoder skipped; nothing for a clean file. */
function issueComment(fileName: string, records: number, issues: readonly string[]): string[] {
  if (issues.length === 0) return [];
  const lines = [`Event Log Doctor decoded ${records} records from ${fileName}; damaged parts of the file were skipped:`, ...listed(issues)];
  return ['<!--\n', ...lines.map((line) => `  ${commentSafe(line)}\n`), '-->\n'];
}
