// The SigmaHQ regression suite as the measure of the Sigma matcher: every case's rule (loaded like a user's
// rule) runs over the .evtx recorded for it, and must match exactly the expected number of events.
// `match_count` is the minimum SigmaHQ's runner requires (default 1; more only warns there). Here a case passes
// with exactly that count, or with the larger count recorded for it in sigmaRegression.baseline.json
// (`extraMatches`, each checked by hand to be what the rule's Sigma semantics give). Cases listed under
// `knownFailures` may fail (each with its reason); any other failure fails the test, and so does a listed
// case that passes (so the lists only shrink).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { decodeEvtxFile } from '../../server/src/parse/evtx/decodeEvtx';
import { createRuleEngine } from '../../server/src/rules/engine';
import { formatRuleError, loadRuleFolders } from '../../server/src/userRules';

const repoRoot = path.resolve(__dirname, '../..');
const suite = path.resolve(repoRoot, '../shared/samples/sigma-regression');
interface Baseline {
  knownFailures: Record<string, string>;
  extraMatches: Record<string, { count: number; reason: string }>;
}
const baseline = JSON.parse(readFileSync(path.join(__dirname, 'sigmaRegression.baseline.json'), 'utf8')) as Baseline;
const knownFailures = baseline.knownFailures;

type Status = 'passed' | 'failed' | 'unsupported' | 'no evtx test';

interface CaseResult {
  name: string;
  status: Status;
  detail: string;
}

function filesNamed(dir: string, test: (name: string) => boolean): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return filesNamed(full, test);
      return test(name) ? [full] : [];
    });
}

/** Sigma id -> rule file, over every `rules*` folder of the suite. */
function indexRules(): Map<string, string> {
  const index = new Map<string, string>();
  for (const dir of readdirSync(suite).filter((d) => d.startsWith('rules'))) {
    for (const file of filesNamed(path.join(suite, dir), (n) => n.endsWith('.yml'))) {
      const id = /^id:\s*['"]?([0-9a-fA-F-]{36})/m.exec(readFileSync(file, 'utf8'))?.[1];
      if (id) index.set(id.toLowerCase(), file);
    }
  }
  return index;
}

interface CaseInfo {
  rule_metadata?: { id?: string }[];
  regression_tests_info?: { type?: string; match_count?: number; path?: string }[];
}

function runCase(infoFile: string, rules: Map<string, string>): CaseResult {
  const name = path.relative(path.join(suite, 'regression_data'), path.dirname(infoFile));
  const info = parseYaml(readFileSync(infoFile, 'utf8')) as CaseInfo;
  const ruleId = info.rule_metadata?.[0]?.id?.toLowerCase();
  const test = info.regression_tests_info?.find((t) => t.type === 'evtx');
  if (!test || test.path === undefined) {
    return { name, status: 'no evtx test', detail: 'info.yml has no evtx test (upstream comments it out)' };
  }
  const ruleFile = ruleId === undefined ? undefined : rules.get(ruleId);
  if (!ruleFile) return { name, status: 'unsupported', detail: `rule ${ruleId ?? '(no id)'} is not in the suite` };
  const { rules: loaded, errors } = loadRuleFolders([ruleFile], { reservedIds: [] });
  const rule = loaded[0];
  if (!rule) return { name, status: 'unsupported', detail: errors.map(formatRuleError).join('; ') };
  const evtx = path.join(suite, test.path);
  const events = decodeEvtxFile(readFileSync(evtx)).records.map((r) => r.event);
  const matched = createRuleEngine([rule]).match(events).length;
  const minimum = test.match_count ?? 1;
  const recorded = baseline.extraMatches[name];
  const detail = `${matched} of ${events.length} events matched, expected ${minimum}${recorded ? ` (${recorded.count} recorded: ${recorded.reason})` : ''}`;
  return { name, status: matched === (recorded?.count ?? minimum) ? 'passed' : 'failed', detail };
}

function summary(results: readonly CaseResult[]): string {
  const counts = new Map<Status, number>();
  for (const r of results) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const runnable = results.filter((r) => r.status !== 'no evtx test').length;
  const passed = counts.get('passed') ?? 0;
  const lines = results.filter((r) => r.status !== 'passed').map((r) => `  ${r.status.padEnd(12)} ${r.name}: ${r.detail}`);
  const totals = [...counts].map(([status, n]) => `${status} ${n}`).join(', ');
  return [`SigmaHQ regression: ${passed}/${runnable} runnable cases pass (${((100 * passed) / Math.max(1, runnable)).toFixed(1)}%); ${totals}`, ...lines].join('\n');
}

describe('SigmaHQ regression suite', () => {
  it('every case matches its expected count, apart from the known failures', (t) => {
    if (!existsSync(suite)) {
      t.skip(`no regression suite at ${suite}`);
      return;
    }
    const rules = indexRules();
    const results = filesNamed(path.join(suite, 'regression_data'), (n) => n === 'info.yml').map((f) => runCase(f, rules));
    for (const line of summary(results).split('\n')) t.diagnostic(line);
    const regressions = results.filter((r) => (r.status === 'failed' || r.status === 'unsupported') && knownFailures[r.name] === undefined);
    const fixed = results.filter((r) => r.status === 'passed' && knownFailures[r.name] !== undefined);
    assert.deepEqual(
      regressions.map((r) => `${r.name}: ${r.status}: ${r.detail}`),
      [],
      'cases that fail and are not listed in sigmaRegression.baseline.json',
    );
    assert.deepEqual(
      fixed.map((r) => r.name),
      [],
      'cases that now pass: remove them from sigmaRegression.baseline.json',
    );
    assert.ok(results.length >= 100, `expected the 102 cases, found ${results.length}`);
  });
});
