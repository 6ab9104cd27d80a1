// Inline events and rules for the matcher tests.
import assert from 'node:assert/strict';
import type { DataValue, LogEvent, SourceValue } from '../../../server/src/parse/model';
import { compileRuleSource, parseRuleYaml } from '../../../server/src/rules/loadRule';
import type { Rule } from '../../../server/src/rules/schema';

export interface EventSpec {
  provider?: string;
  id?: number;
  level?: number;
  channel?: string;
  computer?: string;
  message?: string;
  keywords?: string;
  /** Named data as [name, value]; unnamed data as a plain string. */
  data?: (string | [string, string])[];
}

/**
 * Builds an event whose values sit at made-up but distinct offsets: each value's span starts at 1000 × its
 * position in creation order, so evidence spans can be asserted exactly.
 */
export function makeEvent(spec: EventSpec): LogEvent {
  let next = 0;
  const at = (value: string): SourceValue => {
    next += 1000;
    return { value, start: next, end: next + value.length };
  };
  const event: LogEvent = { format: 'xml', span: { start: 0, end: 100000 }, anchor: { start: 0, end: 1 }, data: [] };
  if (spec.provider !== undefined) event.provider = at(spec.provider);
  if (spec.id !== undefined) {
    event.eventId = at(String(spec.id));
    event.id = spec.id;
  }
  if (spec.level !== undefined) {
    event.level = at(String(spec.level));
    event.levelNumber = spec.level;
  }
  if (spec.channel !== undefined) event.channel = at(spec.channel);
  if (spec.computer !== undefined) event.computer = at(spec.computer);
  if (spec.keywords !== undefined) event.keywords = at(spec.keywords);
  for (const d of spec.data ?? []) {
    const value: DataValue = typeof d === 'string' ? at(d) : { ...at(d[1]), name: d[0] };
    event.data.push(value);
  }
  if (spec.message !== undefined) event.message = at(spec.message);
  return event;
}

let counter = 0;

/** Wraps a detection (YAML lines, indented by 4) into a valid plain Sigma rule. */
export function ruleYaml(detection: string, extra = ''): string {
  counter++;
  const id = `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
  return `title: Test rule ${counter}\nid: ${id}\nlogsource:\n    product: windows\ndetection:\n${detection}\n${extra}`;
}

/** Compiles a detection that must be valid. */
export function compileDetectionRule(detection: string, extra = ''): Rule {
  const src = parseRuleYaml('test.yml', ruleYaml(detection, extra));
  assert.deepEqual(src.errors, []);
  const { rule, errors } = compileRuleSource(src, false);
  assert.deepEqual(errors, []);
  assert.ok(rule);
  return rule;
}

/** The errors of a rule text. */
export function ruleErrors(text: string, builtin = false): { path: string; line?: number; message: string }[] {
  const src = parseRuleYaml('test.yml', text);
  if (src.errors.length > 0) return src.errors;
  return compileRuleSource(src, builtin).errors;
}
