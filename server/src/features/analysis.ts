import type { LogEvent, ParsedLog } from '../parse/model';
import type { RuleEngine, RuleMatch } from '../rules/engine';
import type { Rule, Severity } from '../rules/schema';
import { computeRecurrence, type Recurrence } from './recurrence';
import { effectiveSeverity, type ServiceSettings } from './settings';

/** One rule matching one event, with the severity the settings give it. */
export interface Finding {
  match: RuleMatch;
  severity: Severity;
  /** All findings of the same rule in the document. */
  group: FindingGroup;
}

/** Every finding of one rule in a document, and how often it recurred. */
export interface FindingGroup {
  rule: Rule;
  /** In document order. */
  findings: Finding[];
  recurrence: Recurrence;
}

/** One document's parse and rule results: what every feature reads. */
export interface Analysis {
  text: string;
  parsed: ParsedLog;
  /** In document order; rules set `off` are left out. */
  findings: Finding[];
  /** By rule product id. */
  groups: Map<string, FindingGroup>;
  /** By event index (into `parsed.events`). */
  findingsByEvent: Map<number, Finding[]>;
}

function startOf(event: LogEvent | undefined): number {
  const start = event?.span?.start;
  return typeof start === 'number' && Number.isFinite(start) ? start : 0;
}

/** Runs the rules over the parsed events and groups the findings by rule, applying the severity settings. */
export function analyze(parsed: ParsedLog, text: string, engine: RuleEngine, settings: ServiceSettings): Analysis {
  const events = Array.isArray(parsed?.events) ? parsed.events : [];
  const safeParsed: ParsedLog = parsed ?? { kind: undefined, events, problems: [] };
  const matches = events.length === 0 ? [] : engine.match(events);
  const ordered = matches
    .map((match, order) => ({ match, order }))
    .sort((a, b) => startOf(a.match.event) - startOf(b.match.event) || a.match.eventIndex - b.match.eventIndex || a.order - b.order)
    .map(({ match }) => match);
  return groupMatches(safeParsed, text, ordered, settings);
}

/**
 * The analysis after one event was read again (`parsed.events[eventIndex]` replaced, every other event the same
 * object as before, moved in place): the previous matches are kept, only that event's rules run again. Equal to
 * `analyze(parsed, ...)` when `previous` was made with the same engine and settings.
 */
export function reanalyzeEvent(
  previous: Analysis,
  parsed: ParsedLog,
  text: string,
  eventIndex: number,
  engine: RuleEngine,
  settings: ServiceSettings,
): Analysis {
  const event = parsed.events[eventIndex];
  const kept = previous.findings.map((f) => f.match);
  const before = kept.filter((m) => m.eventIndex < eventIndex);
  const after = kept.filter((m) => m.eventIndex > eventIndex);
  const fresh = event === undefined ? [] : engine.matchEvent(event, eventIndex);
  return groupMatches(parsed, text, [...before, ...fresh, ...after], settings);
}

/** Groups matches (in document order) into findings by rule, leaving out rules the settings turn off. */
function groupMatches(parsed: ParsedLog, text: string, matches: readonly RuleMatch[], settings: ServiceSettings): Analysis {
  const analysis: Analysis = {
    text: typeof text === 'string' ? text : '',
    parsed,
    findings: [],
    groups: new Map(),
    findingsByEvent: new Map(),
  };
  for (const match of matches) {
    const setting = effectiveSeverity(match.rule, settings);
    if (setting === 'off') continue;
    const id = match.rule.doc.id;
    let group = analysis.groups.get(id);
    if (!group) {
      group = { rule: match.rule, findings: [], recurrence: computeRecurrence(0, []) };
      analysis.groups.set(id, group);
    }
    const finding: Finding = { match, severity: setting, group };
    group.findings.push(finding);
    analysis.findings.push(finding);
    const forEvent = analysis.findingsByEvent.get(match.eventIndex);
    if (forEvent) forEvent.push(finding);
    else analysis.findingsByEvent.set(match.eventIndex, [finding]);
  }
  for (const group of analysis.groups.values()) {
    group.recurrence = computeRecurrence(group.findings.length, group.findings.map((f) => f.match.event?.time));
  }
  return analysis;
}
