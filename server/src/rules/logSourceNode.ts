/** A rule's `logsource` -> the implicit condition it puts on events (see logSources.ts for the data). */
import type { LogEvent } from '../parse/model';
import type { IndexConstraint } from './indexConstraint';
import { WINDOWS_CATEGORIES, WINDOWS_SERVICES, type EventSource } from './logSources';
import type { MatchNode } from './matchNode';
import type { RuleErrorSink } from './ruleErrors';
import { isPlainObject } from './selection';
import { equalsIgnoreCase, foldString } from './values';

function stringField(logsource: Record<string, unknown>, key: string): string | undefined {
  const value = logsource[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim().toLowerCase() : undefined;
}

/**
 * The kinds of event a rule's log source stands for: undefined when it puts no restriction (no category or
 * service), an empty list after an error (reported to `sink`). Category and service together must both hold.
 */
export function resolveLogSource(logsource: unknown, sink: RuleErrorSink): EventSource[] | undefined {
  if (!isPlainObject(logsource)) return undefined;
  const product = stringField(logsource, 'product');
  const category = stringField(logsource, 'category');
  const service = stringField(logsource, 'service');
  if (product !== undefined && product !== 'windows') {
    sink.add(['logsource', 'product'], `logsource product '${product}' is not supported: Event Log Doctor reads Windows event logs (product: windows)`);
    return [];
  }
  const byCategory = category === undefined ? undefined : Object.hasOwn(WINDOWS_CATEGORIES, category) ? WINDOWS_CATEGORIES[category] : undefined;
  const byService = service === undefined ? undefined : Object.hasOwn(WINDOWS_SERVICES, service) ? WINDOWS_SERVICES[service] : undefined;
  let failed = false;
  if (category !== undefined && !byCategory) {
    sink.add(['logsource', 'category'], `unknown Windows logsource category '${category}' (see the Sigma taxonomy appendix)`);
    failed = true;
  }
  if (service !== undefined && !byService) {
    sink.add(['logsource', 'service'], `unknown Windows logsource service '${service}' (see the Sigma taxonomy appendix)`);
    failed = true;
  }
  if (failed) return [];
  if (!byCategory) return byService ? [...byService] : undefined;
  if (!byService) return [...byCategory];
  return byCategory.flatMap((c) => byService.map((s) => ({ ...c, channels: [...(c.channels ?? []), ...(s.channels ?? [])] })));
}

function matchesAny(value: string | undefined, names: readonly string[]): boolean {
  return value !== undefined && names.some((n) => equalsIgnoreCase(n, value));
}

function dataMatches(event: LogEvent, name: string, values: readonly string[]): boolean {
  return event.data.some((d) => d.name !== undefined && equalsIgnoreCase(d.name, name) && matchesAny(d.value, values));
}

/** The test that an event is of the kind `source` describes; indexed by its providers and ids. */
export function eventSourceNode(source: EventSource): MatchNode {
  const { providers, ids, channels, data } = source;
  const dataEntries = Object.entries(data ?? {});
  const test = (event: LogEvent): boolean => {
    if (ids && (event.id === undefined || !ids.includes(event.id))) return false;
    if (providers && !matchesAny(event.provider?.value, providers)) return false;
    if (channels && event.channel !== undefined && !matchesAny(event.channel.value, channels)) return false;
    for (const [name, values] of dataEntries) if (!dataMatches(event, name, values)) return false;
    return true;
  };
  const constraint: IndexConstraint = {};
  if (providers) constraint.providers = new Set(providers.map(foldString));
  if (ids) constraint.ids = new Set(ids);
  return { test, collect: test, constraint };
}
