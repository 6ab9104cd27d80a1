import type { TextDocument } from 'vscode-languageserver-textdocument';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import type { LogEvent } from '../parse/model';
import type { Analysis, Finding } from './analysis';
import { eventIdText, levelText, providerText, timeText, valueText } from './eventText';
import { escapeMarkdown } from './markdownEscape';
import { summarizeRecurrence } from './recurrence';
import { anchorSpan, eventIndexAt, rangeOfSpan } from './spans';

/** A link target a hover may show: http(s) only, with the characters that would end a markdown link encoded. */
function safeHref(reference: string): string | undefined {
  if (!/^https?:\/\/[^\s]+$/i.test(reference)) return undefined;
  return reference.replace(/[()<>[\]\\`"']/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function eventIdPart(event: LogEvent): string {
  const id = eventIdText(event);
  let text = id === undefined ? 'event id unknown' : `event ${escapeMarkdown(id)}`;
  const written = valueText(event.eventId)?.trim();
  if (written !== undefined && id !== undefined && written !== id) text += ` (EventID ${escapeMarkdown(written)})`;
  const qualifiers = valueText(event.qualifiers)?.trim();
  if (qualifiers !== undefined) text += ` (qualifiers ${escapeMarkdown(qualifiers)})`;
  return text;
}

/** The compact summary every event's hover starts with; every value is log text and is escaped. */
export function eventSummary(event: LogEvent): string {
  const provider = providerText(event);
  const level = levelText(event);
  const head = [provider === undefined ? 'unknown provider' : `**${escapeMarkdown(provider)}**`, eventIdPart(event)];
  if (level !== undefined) head.push(escapeMarkdown(level));

  const time = timeText(event);
  const writtenTime = valueText(event.timeCreated);
  const details = [
    time !== undefined
      ? `Time: ${time}`
      : `Time not parsed${writtenTime === undefined ? '' : ` (${escapeMarkdown(writtenTime, 80)})`}`,
  ];
  const computer = valueText(event.computer);
  if (computer !== undefined) details.push(`Computer: ${escapeMarkdown(computer, 200)}`);
  const record = valueText(event.recordId);
  if (record !== undefined) details.push(`Record: ${escapeMarkdown(record, 40)}`);
  const channel = valueText(event.channel) ?? valueText(event.renderedChannel);
  if (channel !== undefined) details.push(`Channel: ${escapeMarkdown(channel, 200)}`);
  return `${head.join(' · ')}\n\n${details.join(' · ')}`;
}

function section(title: string, body: string | undefined): string | undefined {
  const text = body?.trim();
  return text ? `**${title}**\n\n${text}` : undefined;
}

/** One finding's explanation. Rule text is ours and rendered as markdown; evidence is log text and escaped. */
export function findingSection(finding: Finding): string {
  const { rule } = finding.group;
  const { doc } = rule;
  const variant = finding.match.variant;
  const parts: (string | undefined)[] = [`### ${doc.message}${variant ? `: ${variant.label}` : ''}`];
  parts.push(section('What it means', doc.explanation));
  parts.push(section('Is it harmful?', doc.harmful));
  parts.push(section(variant ? `Cause (${variant.label})` : 'Cause', variant?.cause || doc.cause));
  const evidence = finding.match.evidence ?? [];
  if (evidence.length > 0) {
    const lines = evidence.map((e) => `- ${escapeMarkdown(String(e.field), 100)} = ${escapeMarkdown(String(e.value), 300)}`);
    parts.push(`**Matched on:**\n\n${lines.join('\n')}`);
  }
  const remediations = doc.remediations ?? [];
  if (remediations.length > 0) {
    parts.push(`**Resolution options:**\n\n${remediations.map((r) => `- ${r.title}`).join('\n')}`);
  }
  parts.push(`**Occurrences:** ${summarizeRecurrence(finding.group.recurrence)}`);
  const links = (rule.sigma.references ?? []).flatMap((reference) => {
    const href = typeof reference === 'string' ? safeHref(reference) : undefined;
    return href ? [`[${escapeMarkdown(reference, 200)}](${href})`] : [];
  });
  if (links.length > 0) parts.push(`**Sources:** ${links.join(' · ')}`);
  return parts.filter((p): p is string => p !== undefined).join('\n\n');
}

/** The hover on an event: its summary, then each finding's explanation; null outside every event. */
export function getHover(document: TextDocument, analysis: Analysis, position: Position): Hover | null {
  const events = analysis?.parsed?.events ?? [];
  if (events.length === 0 || !position) return null;
  const offset = document.offsetAt(position);
  const index = eventIndexAt(events, offset);
  const event = events[index];
  if (!event) return null;
  const findings = analysis.findingsByEvent.get(index) ?? [];
  const value = [eventSummary(event), ...findings.map(findingSection)].join('\n\n---\n\n');
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: rangeOfSpan(document, anchorSpan(event, document.getText().length)),
  };
}
