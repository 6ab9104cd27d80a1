import type { TextDocument } from 'vscode-languageserver-textdocument';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { LogEvent } from '../parse/model';
import type { Analysis } from './analysis';
import { eventIdText, levelText, messageExcerpt, providerText, timeText, valueText } from './eventText';
import { anchorSpan, clampSpan, rangeOfSpan } from './spans';

/** Events listed under one group; the rest are summed up in one "… N more" entry so huge logs stay usable. */
export const MAX_EVENTS_PER_GROUP = 500;

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

/**
 * The outline: events grouped by provider, then event id, groups with findings first (each part in order of
 * first appearance); each group lists its events (name: time or record id; detail: level, findings, message).
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
    const shown = group.indexes.slice(0, MAX_EVENTS_PER_GROUP);
    const children = shown.map((index) => eventSymbol(document, events[index]!, index, analysis.findingsByEvent.get(index)?.length ?? 0));
    const hidden = group.indexes.length - shown.length;
    if (hidden > 0) {
      const next = events[group.indexes[MAX_EVENTS_PER_GROUP]!]!;
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
