/**
 * The rule engine: runs compiled rules over events. Rules are indexed by (provider, displayed id) from what
 * their detection requires, so a typical event costs one Map lookup. Rules that cannot be indexed are checked
 * on every event; those that need a keyword share one search for all their keywords first, so an event
 * that holds none of them costs one pass over its text, not one per rule.
 */
import type { LogEvent } from '../parse/model';
import { detectionOf } from './compiledRules';
import type { CompiledDetection } from './detection';
import type { Evidence } from './evidence';
import type { Rule, RuleVariant } from './schema';
import { readKeywordText } from './fields';
import { compileContainsAny, foldString, type TextTest } from './values';
import { variantPicker } from './variant';

export type { Evidence } from './evidence';

/** One rule firing on one event. */
export interface RuleMatch {
  rule: Rule;
  event: LogEvent;
  /** The event's index in the list given to `match`. */
  eventIndex: number;
  /** The field values that satisfied the selections the condition needed. */
  evidence: Evidence[];
  /** The first of `rule.doc.variants` whose substrings occur in the message or a data value. */
  variant?: RuleVariant;
}

export interface RuleEngine {
  readonly rules: readonly Rule[];
  /** Every match, in event order and then rule order. */
  match(events: readonly LogEvent[]): RuleMatch[];
  /** The matches of one event, in rule order. */
  matchEvent(event: LogEvent, eventIndex: number): RuleMatch[];
}

interface Entry {
  order: number;
  rule: Rule;
  detection: CompiledDetection;
  pickVariant: (event: LogEvent) => RuleVariant | undefined;
}

interface IdBucket {
  /** Rules constrained by id only. */
  anyProvider: Entry[];
  /** Rules constrained by id and provider, by folded provider. */
  byProvider: Map<string, Entry[]>;
}

function push<K>(map: Map<K, Entry[]>, key: K, entry: Entry): void {
  const list = map.get(key);
  if (list) list.push(entry);
  else map.set(key, [entry]);
}

class IndexedRuleEngine implements RuleEngine {
  private readonly byId = new Map<number, IdBucket>();
  private readonly byProviderOnly = new Map<string, Entry[]>();
  private readonly unindexed: Entry[] = [];
  /** Unindexed rules that need a keyword, and a test for any of their keywords. */
  private readonly keywordGated: Entry[] = [];
  private readonly anyKeyword: TextTest;

  constructor(readonly rules: readonly Rule[]) {
    const keywords: (readonly number[])[] = [];
    rules.forEach((rule, order) => {
      const detection = detectionOf(rule);
      const entry: Entry = { order, rule, detection, pickVariant: variantPicker(rule.doc.variants) };
      const { ids, providers } = detection.constraint;
      if (ids) {
        for (const id of ids) {
          let bucket = this.byId.get(id);
          if (!bucket) this.byId.set(id, (bucket = { anyProvider: [], byProvider: new Map() }));
          if (providers) for (const p of providers) push(bucket.byProvider, p, entry);
          else bucket.anyProvider.push(entry);
        }
      } else if (providers) {
        for (const p of providers) push(this.byProviderOnly, p, entry);
      } else if (detection.constraint.keywords) {
        this.keywordGated.push(entry);
        keywords.push(...detection.constraint.keywords);
      } else {
        this.unindexed.push(entry);
      }
    });
    this.anyKeyword = compileContainsAny(keywords);
  }

  match(events: readonly LogEvent[]): RuleMatch[] {
    const matches: RuleMatch[] = [];
    for (let i = 0; i < events.length; i++) {
      const event = events[i];
      if (event) this.collect(event, i, matches);
    }
    return matches;
  }

  matchEvent(event: LogEvent, eventIndex: number): RuleMatch[] {
    const matches: RuleMatch[] = [];
    this.collect(event, eventIndex, matches);
    return matches;
  }

  /** Reused between events: most events match nothing, so they should allocate nothing. */
  private readonly found: Entry[] = [];
  /** The last provider folded: runs of events share a provider, and parsers share its string. */
  private lastProvider = '';
  private lastFolded = '';

  private foldedProvider(value: string): string {
    if (value !== this.lastProvider) {
      this.lastProvider = value;
      this.lastFolded = foldString(value);
    }
    return this.lastFolded;
  }

  private collect(event: LogEvent, eventIndex: number, matches: RuleMatch[]): void {
    const found = this.found;
    if (found.length > 0) found.length = 0;
    let provider: string | undefined;
    // Read once: a stored event builds the value on each read.
    const source = event.provider;
    const bucket = event.id === undefined ? undefined : this.byId.get(event.id);
    if (bucket) {
      test(bucket.anyProvider, event, found);
      if (bucket.byProvider.size > 0 && source) {
        provider = this.foldedProvider(source.value);
        test(bucket.byProvider.get(provider), event, found);
      }
    }
    if (this.byProviderOnly.size > 0 && source) {
      provider ??= this.foldedProvider(source.value);
      test(this.byProviderOnly.get(provider), event, found);
    }
    test(this.unindexed, event, found);
    if (this.keywordGated.length > 0 && readKeywordText(event, this.anyKeyword)) test(this.keywordGated, event, found);
    if (found.length === 0) return;
    if (found.length > 1) found.sort((a, b) => a.order - b.order);
    for (const entry of found) matches.push(toMatch(entry, event, eventIndex));
  }
}

function test(entries: readonly Entry[] | undefined, event: LogEvent, found: Entry[]): void {
  if (!entries) return;
  for (const entry of entries) if (entry.detection.test(event)) found.push(entry);
}

function toMatch(entry: Entry, event: LogEvent, eventIndex: number): RuleMatch {
  const match: RuleMatch = { rule: entry.rule, event, eventIndex, evidence: entry.detection.evidence(event) };
  const variant = entry.pickVariant(event);
  if (variant) match.variant = variant;
  return match;
}

/** Builds an engine over rules (compiled by `compileRuleSource` or compiled here on first use). */
export function createRuleEngine(rules: readonly Rule[]): RuleEngine {
  return new IndexedRuleEngine(rules);
}
