import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOG_LINE_PATTERNS } from '../../../../server/src/parse/text/logLinePatterns';
import { loadBuiltinRules } from '../../../../server/src/rules/catalog';
import { parseLog } from '../../../../server/src/parse/parseLog';

/** Keyword selections (plain lists of strings) of the built-in rules that name no provider: the message-text rules. */
function messageRuleKeywords(): Array<{ rule: string; keyword: string }> {
  const out: Array<{ rule: string; keyword: string }> = [];
  for (const rule of loadBuiltinRules()) {
    if (JSON.stringify(rule.sigma.detection).includes('Provider_Name')) continue;
    for (const [name, selection] of Object.entries(rule.sigma.detection)) {
      if (name === 'condition') continue;
      const values = typeof selection === 'string' ? [selection] : Array.isArray(selection) ? selection : [];
      for (const value of values) if (typeof value === 'string') out.push({ rule: rule.doc.id, keyword: value });
    }
  }
  return out;
}

test('every keyword a message rule searches for turns a plain log line into an event', () => {
  const keywords = messageRuleKeywords();
  assert.ok(keywords.length >= 4, 'the message-text rules have keyword selections');
  for (const { rule, keyword } of keywords) {
    const covered = LOG_LINE_PATTERNS.some((p) => keyword.toLowerCase().includes(p.toLowerCase()));
    assert.ok(covered, `${rule}: keyword "${keyword}" is not in LOG_LINE_PATTERNS, so setup/update log lines carrying it are never read`);
  }
});

test('a CBS.log line with a catalog install failure becomes one log-line event', () => {
  const text = '2024-01-15 10:12:01, Info   CBS    Loaded Servicing Stack\n2024-01-15 10:12:02, Error  CBS    MyInstallCatalogFiles failed:STR_CATALOG_INSTALL_FAILED\n';
  const parsed = parseLog(text);
  assert.equal(parsed.events.length, 1);
  assert.equal(parsed.events[0]?.format, 'log-line');
});
