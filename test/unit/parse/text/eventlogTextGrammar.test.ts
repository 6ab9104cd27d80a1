import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from './textTestHelpers';

// The grammar of the text shapes lives in syntaxes/; this parser-side test checks it against the same shapes.
interface Rule {
  match?: string;
  begin?: string;
  end?: string;
  name?: string;
  include?: string;
  patterns?: Rule[];
  captures?: Record<string, Rule>;
  beginCaptures?: Record<string, Rule>;
  endCaptures?: Record<string, Rule>;
}
interface Grammar extends Rule {
  scopeName: string;
  repository: Record<string, Rule>;
}

const grammar = JSON.parse(readFileSync(path.join(repoRoot, 'syntaxes/eventlog-text.tmLanguage.json'), 'utf8')) as Grammar;

function* rules(rule: Rule): Generator<Rule> {
  yield rule;
  for (const child of rule.patterns ?? []) yield* rules(child);
  for (const group of [rule.captures, rule.beginCaptures, rule.endCaptures]) {
    for (const child of Object.values(group ?? {})) yield* rules(child);
  }
}

const allRules = [...rules(grammar), ...Object.values(grammar.repository).flatMap((r) => [...rules(r)])];

/** The scope a repository rule gives to capture `group` of `line`, following `#level-word` includes. */
function captureScope(key: string, line: string, group: number): string | undefined {
  const rule = grammar.repository[key];
  const source = rule?.match ?? rule?.begin;
  assert.ok(rule && source, key);
  const m = new RegExp(source).exec(line);
  assert.ok(m, `${key} matches ${JSON.stringify(line)}`);
  const capture = (rule.captures ?? rule.beginCaptures)?.[String(group)];
  if (capture?.name) return capture.name;
  const text = m[group] ?? '';
  for (const inner of capture?.patterns ?? []) {
    const target = inner.include ? grammar.repository[inner.include.slice(1)] : inner;
    for (const p of target?.patterns ?? [target!]) {
      if (p.match && new RegExp(`^(?:${p.match})$`).test(text)) return p.name;
    }
  }
  return undefined;
}

describe('eventlog-text grammar', () => {
  it('is JSON with the scope name the manifest uses', () => {
    assert.equal(grammar.scopeName, 'source.eventlog-text');
  });

  it('has regexes that compile in JavaScript and includes that resolve', () => {
    for (const rule of allRules) {
      for (const source of [rule.match, rule.begin, rule.end]) if (source !== undefined) assert.doesNotThrow(() => new RegExp(source), source);
      if (rule.include) assert.ok(grammar.repository[rule.include.slice(1)], rule.include);
    }
  });

  it('colours levels by severity in every shape', () => {
    assert.equal(captureScope('tab-row', 'Critical\t1/15/2024 10:02:01 AM\tKernel-Power\t41\t(63)\tThe system has rebooted.', 1), 'invalid.illegal.level.critical.eventlog-text');
    assert.equal(captureScope('tab-row', 'Error\t1/15/2024 10:02:01 AM\tCrypt32\t8\tNone\tFailed.', 1), 'markup.deleted.level.error.eventlog-text');
    assert.equal(captureScope('csv-row', 'Warning,15.01.2024 10:02:01,Microsoft-Windows-DistributedCOM,10016,None,"x"', 1), 'markup.changed.level.warning.eventlog-text');
    assert.equal(captureScope('level-field', 'Level:         Information', 3), 'markup.inserted.level.information.eventlog-text');
    assert.equal(captureScope('level-field', 'Event Type:\tError', 3), 'markup.deleted.level.error.eventlog-text');
    assert.equal(captureScope('ps-winevent-row', '1/15/2024 10:12:01 AM          4107 Error            Failed extract', 3), 'markup.deleted.level.error.eventlog-text');
    assert.equal(captureScope('ps-eventlog-row', '   52417 Jan 15 10:12  Warning     Service Control M...   3221232472 The', 3), 'markup.changed.level.warning.eventlog-text');
    assert.equal(captureScope('log-line-start', '2024-01-15 10:12:02, Error                 CBS    Failed', 3), 'markup.deleted.level.error.eventlog-text');
  });

  it('scopes ids, providers, times and messages', () => {
    const row = 'Error\t1/15/2024 10:02:01 AM\tCrypt32\t8\tNone\tFailed auto update retrieval.';
    assert.equal(captureScope('tab-row', row, 3), 'constant.other.date.eventlog-text');
    assert.equal(captureScope('tab-row', row, 5), 'entity.name.type.provider.eventlog-text');
    assert.equal(captureScope('tab-row', row, 7), 'constant.numeric.event-id.eventlog-text');
    assert.equal(captureScope('tab-row', row, 11), 'string.unquoted.message.eventlog-text');
    assert.equal(captureScope('tab-row-quoted', 'Error\t1/14/2024 9:00:00 PM\tService Control Manager\t7000\tNone\t"The Cryptographic', 7), 'constant.numeric.event-id.eventlog-text');
    assert.equal(captureScope('id-field', 'Event ID:      4107', 3), 'constant.numeric.event-id.eventlog-text');
    assert.equal(captureScope('id-field', 'Id           : 4107', 3), 'constant.numeric.event-id.eventlog-text');
    assert.equal(captureScope('provider-field', 'Source:        Microsoft-Windows-CAPI2', 3), 'entity.name.type.provider.eventlog-text');
    assert.equal(captureScope('date-field', '  Date: 2021-12-25T07:33:18.1520000Z', 3), 'constant.other.date.eventlog-text');
    assert.equal(captureScope('group-header', '   ProviderName: Service Control Manager', 3), 'entity.name.type.provider.eventlog-text');
    assert.equal(captureScope('wevtutil-header', 'Event[12]:', 3), 'constant.numeric.index.eventlog-text');
    assert.match('Level\t      Date and Time\t                Source           Event ID\t     Task Category', new RegExp(grammar.repository['table-header']!.match!));
    assert.match('-----------                     -- ---------------- -------', new RegExp(grammar.repository['dash-line']!.match!));
    assert.match('!!!  sig: Setup could not verify the integrity of the file Update.inf.', new RegExp(grammar.repository['cryptsvc-pattern']!.match!));
  });

  it('does not take prose for a row or a field', () => {
    assert.doesNotMatch('Errors happen\tsometimes', new RegExp(grammar.repository['tab-row']!.match!));
    assert.doesNotMatch('The Level of detail: high', new RegExp(grammar.repository['level-field']!.match!));
    const date = new RegExp(grammar.repository['date']!.match!);
    assert.doesNotMatch('version 16.0.18827.20164 at 10.0.0.1', date);
    assert.equal(date.exec('at 27-06-2025 22:12:09 and')?.[0], '27-06-2025 22:12:09');
    assert.equal(date.exec('Date: 2021-12-25T07:33:18.1520000Z')?.[0], '2021-12-25T07:33:18.1520000Z');
  });
});
