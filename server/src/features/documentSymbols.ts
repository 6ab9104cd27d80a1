import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { LogEvent } from '../parse/model';
import type { Analysis } from './analysis';
import { eventIdText, levelText, messageExcerpt, providerText, timeText, valueText } from './eventText';
import { anchorSpan, clampSpan, rangeOfSpan } from './spans';

/** Events listed under one group; the rest are summed up in one "… N more" entry so huge logs stay usable. */
export const MAX_EVENTS_PER_GROUP = 100;
/**
 * Events listed in the whole outline: a 200 MB export has hundreds of groups, and an outline of tens of thousands
 * of entries takes the editor seconds to receive and draw. Groups with findings come first and fill it first.
 */
export const MAX_EVENT_SYMBOLS = 2000;

interface EventGroup {
  provider: string;
  id: string;
  indexes: number[];
  findings: number;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function eventName(event: LogEvent, index: number): string {
  const time = timeText(event);
  if (time !== undefined) return time;
  const record = valueText(event.recordId)?.trim();
  return record !== undefined ? `record ${record}` : `event #${index + 1}`;
}

function eventSymbol(document: TextDocument, event: LogEvent, index: number, findings: number): DocumentSymbol {
  const length = document.getText().length;
  const detail = [levelText(event), findings > 0 ? plural(findings, 'finding') : undefined, messageExcerpt(event)]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
  return {
    name: eventName(event, index),
    detail,
    kind: SymbolKind.Event,
    range: rangeOfSpan(document, event.span),
    selectionRange: rangeOfSpan(document, anchorSpan(event, length)),
  };
}

/** Up to `limit` of a group's events, those with findings first, in document order. */
function shownEvents(indexes: readonly number[], limit: number, analysis: Analysis): number[] {
  if (indexes.length <= limit) return [...indexes];
  const withFindings = indexes.filter((index) => analysis.findingsByEvent.has(index)).slice(0, limit);
  if (withFindings.length === limit) return withFindings;
  const chosen = new Set(withFindings);
  for (const index of indexes) {
    if (chosen.size >= limit) break;
    chosen.add(index);
  }
  return indexes.filter((index) => chosen.has(index));
}

/**
 * The outline: events grouped by provider, then event id, groups with findings first (each part in order of
 * first appearance); each group lists its events (name: time or record id; detail: level, findings, message),
 * at most `MAX_EVENTS_PER_GROUP` (events with findings first) and `MAX_EVENT_SYMBOLS` in all, then "… N more".
 */
export function getDocumentSymbols(document: TextDocument, analysis: Analysis): DocumentSymbol[] {
  const events = analysis?.parsed?.events ?? [];
  const length = document.getText().length;
  const groups = new Map<string, EventGroup>();
  events.forEach((event, index) => {
    if (!event) return;
    const provider = providerText(event)?.trim() || 'unknown provider';
    const id = eventIdText(event) ?? '?';
    const key = `${provider}\u0000${id}`;
    let group = groups.get(key);
    if (!group) {
      group = { provider, id, indexes: [], findings: 0 };
      groups.set(key, group);
    }
    group.indexes.push(index);
    group.findings += analysis.findingsByEvent.get(index)?.length ?? 0;
  });

  const ordered = [...groups.values()].sort((a, b) => Number(b.findings > 0) - Number(a.findings > 0));
  let budget = MAX_EVENT_SYMBOLS;
  return ordered.map((group) => {
    const first = events[group.indexes[0]!]!;
    let start = Infinity;
    let end = 0;
    for (const index of group.indexes) {
      const span = clampSpan(events[index]!.span, length);
      start = Math.min(start, span.start);
      end = Math.max(end, span.end);
    }
    const counts = group.findings > 0 ? `${plural(group.indexes.length, 'event')}, ${plural(group.findings, 'finding')}` : plural(group.indexes.length, 'event');
    const shown = shownEvents(group.indexes, Math.min(MAX_EVENTS_PER_GROUP, budget), analysis);
    budget -= shown.length;
    const children = shown.map((index) => eventSymbol(document, events[index]!, index, analysis.findingsByEvent.get(index)?.length ?? 0));
    const hidden = group.indexes.length - shown.length;
    if (hidden > 0) {
      const listed = new Set(shown);
      const next = events[group.indexes.find((index) => !listed.has(index))!]!;
      const range = rangeOfSpan(document, next.span);
      children.push({ name: `… ${hidden} more`, kind: SymbolKind.Event, range, selectionRange: { start: range.start, end: range.start } });
    }
    const firstAnchor = anchorSpan(first, length);
    return {
      name: `${group.provider} · ${group.id} (${counts})`,
      kind: SymbolKind.Namespace,
      range: rangeOfSpan(document, { start, end }),
      selectionRange: rangeOfSpan(document, firstAnchor.start >= start && firstAnchor.end <= end ? firstAnchor : { start, end: start }),
      children,
    };
  });
}
