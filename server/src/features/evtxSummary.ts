/**
 * The findings-first rendering of a decoded .evtx whose full XML is too large for the editor: every event with a
 * finding in full, then the rest counted by provider and event id with their time range. Everything that is not an
 * event is an XML comment, so the XML parser reads the events and nothing else.
 */

/** The XML declaration and root of a rendering, as Event Viewer's "Save All Events As... XML" starts it. */
export const EVENTS_PROLOGUE = '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n';
export const EVENTS_OPEN = '<Events>\n';
export const EVENTS_CLOSE = '</Events>\n';

/** What the summary needs of an event it counts instead of showing. */
export interface SummarizedEvent {
  provider: string;
  eventId: string;
  /** Milliseconds since the Unix epoch (UTC). */
  time?: number;
}

/** The events of one provider and event id that the summary counts. */
export interface EvtxSummaryGroup {
  provider: string;
  eventId: string;
  count: number;
  first?: number;
  last?: number;
}

/** Everything the findings-first rendering says. */
export interface EvtxSummary {
  /** The .evtx file's name (not its path), for the header. */
  fileName: string;
  /** Characters the full rendering would have had (at least), and the limit it broke. */
  fullLength: number;
  maxLength: number;
  totalEvents: number;
  /** The XML of each event shown in full, in file order. */
  findingEvents: string[];
  /** Events with findings left out because even they would not fit; they are counted in `groups`. */
  omittedFindingEvents: number;
  /** The events not shown, most frequent first. */
  groups: EvtxSummaryGroup[];
  /** Lines about skipped or damaged parts of the file. */
  issues: string[];
}

/** At most this many groups are listed; a summary of a hostile file must still fit. */
const MAX_GROUPS = 10_000;

/**
 * Collects a findings-first summary event by event: events with findings are kept in full while they fit in
 * `budget` characters; every other event only adds to its group's count and time range.
 */
export class EvtxSummaryCollector {
  readonly findingEvents: string[] = [];
  omittedFindingEvents = 0;
  totalEvents = 0;
  private findingLength = 0;
  private readonly groups = new Map<string, EvtxSummaryGroup>();

  constructor(private readonly budget: number) {}

  /** Adds an event with a finding: shown in full when it fits, else counted. */
  addFinding(xml: string, event: SummarizedEvent): void {
    if (this.findingLength + xml.length + 1 <= this.budget) {
      this.totalEvents++;
      this.findingEvents.push(xml);
      this.findingLength += xml.length + 1;
    } else {
      this.omittedFindingEvents++;
      this.add(event);
    }
  }

  /** Adds an event without findings: counted in its provider and event id's group. */
  add(event: SummarizedEvent): void {
    this.totalEvents++;
    const key = `${event.provider}\u0000${event.eventId}`;
    let group = this.groups.get(key);
    if (!group) {
      group = { provider: event.provider, eventId: event.eventId, count: 0 };
      this.groups.set(key, group);
    }
    group.count++;
    const time = event.time;
    if (time !== undefined && Number.isFinite(time)) {
      if (group.first === undefined || time < group.first) group.first = time;
      if (group.last === undefined || time > group.last) group.last = time;
    }
  }

  /** The groups, most frequent first, then by provider and event id. */
  sortedGroups(): EvtxSummaryGroup[] {
    return [...this.groups.values()].sort(
      (a, b) => b.count - a.count || compare(a.provider, b.provider) || compare(a.eventId, b.eventId),
    );
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Text safe inside an XML comment: no `--`, no line breaks, no trailing `-`. */
export function commentSafe(text: string): string {
  let safe = text.replace(/[\r\n\t]/g, ' ').replace(/-(?=-)/g, '- ');
  if (safe.endsWith('-')) safe += ' ';
  return safe;
}

function size(length: number): string {
  return length >= 1024 * 1024 ? `${Math.round(length / (1024 * 1024))} MB` : `${Math.max(1, Math.round(length / 1024))} KB`;
}

function isoTime(time: number | undefined): string {
  if (time === undefined) return '-';
  const date = new Date(time);
  return Number.isNaN(date.getTime()) ? '-' : date.toISOString();
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function headerLines(summary: EvtxSummary): string[] {
  const file = commentSafe(summary.fileName);
  const others = summary.totalEvents - summary.findingEvents.length;
  const lines = [
    `Event Log Doctor: a findings-first summary of ${file}, not every event.`,
    `Its full XML rendering is about ${size(summary.fullLength)}, more than the ${size(summary.maxLength)} VS Code hands to extensions.`,
    `Shown in full below: ${plural(summary.findingEvents.length, 'event', 'events')} with findings` +
      (summary.omittedFindingEvents > 0 ? ` (${summary.omittedFindingEvents} more with findings did not fit and are counted in the summary)` : '') +
      `. Counted at the end by provider and event id: ${plural(others, 'event', 'events')}.`,
    'For every event as XML, run "Event Log Doctor: Render .evtx to XML file",',
    `or on the command line: eventlog-doctor render "${file}" --out "${commentSafe(summary.fileName.replace(/\.evtx$/i, ''))}.xml"`,
  ];
  for (const issue of summary.issues) lines.push(`Decoding: ${commentSafe(issue)}`);
  return lines;
}

function groupLines(groups: readonly EvtxSummaryGroup[]): string[] {
  const shown = groups.slice(0, MAX_GROUPS);
  const rows = shown.map((g) => [String(g.count), commentSafe(g.eventId), commentSafe(g.provider), isoTime(g.first), isoTime(g.last)]);
  const titles = ['Count', 'Event ID', 'Provider', 'First (UTC)', 'Last (UTC)'];
  const widths = titles.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const format = (row: readonly string[]): string =>
    row
      .map((cell, column) => (column < 2 ? cell.padStart(widths[column] ?? 0) : column === row.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  const lines = [format(titles), ...rows.map(format)];
  if (groups.length > shown.length) lines.push(`... and ${groups.length - shown.length} more providers and event ids`);
  return lines;
}

/**
 * The findings-first rendering: the XML declaration, a header comment saying this is a summary, why, and how to
 * get every event; the events with findings in full inside `<Events>`; and a closing comment counting the rest by
 * provider and event id with the first and last time each was written.
 */
export function renderEvtxSummary(summary: EvtxSummary): string {
  const parts = [EVENTS_PROLOGUE, '<!--\n', ...headerLines(summary).map((line) => `  ${line}\n`), '-->\n', EVENTS_OPEN];
  for (const xml of summary.findingEvents) parts.push(xml, '\n');
  const others = summary.totalEvents - summary.findingEvents.length;
  parts.push(`<!--\n  Summary of the ${plural(others, 'event', 'events')} not shown above, by provider and event id, most frequent first:\n\n`);
  for (const line of groupLines(summary.groups)) parts.push(`  ${line.trimEnd()}\n`);
  parts.push('-->\n', EVENTS_CLOSE);
  return parts.join('');
}
