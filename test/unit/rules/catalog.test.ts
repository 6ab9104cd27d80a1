// The catalog suite: the generated catalog is current, every built-in rule validates, ids are unique, and
// each rule fires on every event of its hit fixture and on none of its miss fixture.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parseLog } from '../../../server/src/parse/parseLog';
import { builtinRuleSources, scriptPreambles } from '../../../server/src/rules/catalog.generated';
import { loadBuiltinRules, scriptPreamble } from '../../../server/src/rules/catalog';
import { createRuleEngine } from '../../../server/src/rules/engine';
import { compileRuleSource, parseRuleYaml } from '../../../server/src/rules/loadRule';

const repoRoot = path.resolve(__dirname, '../../..');
const knowledgeDir = path.join(repoRoot, 'server/knowledge');
const fixturesDir = path.join(repoRoot, 'test/fixtures/rules');

const ruleFolders = readdirSync(knowledgeDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(path.join(knowledgeDir, d.name, 'rule.yml')))
  .map((d) => d.name)
  .sort();

describe('built-in rule catalog', () => {
  it('catalog.generated.ts is up to date with server/knowledge', () => {
    const run = spawnSync(process.execPath, ['scripts/generateCatalog.mjs', '--check'], { cwd: repoRoot, encoding: 'utf8' });
    assert.equal(run.status, 0, `${run.stderr}${run.stdout}`);
  });

  it('holds every rule folder, and reads YAML exactly as parseRuleYaml does', () => {
    assert.deepEqual(builtinRuleSources.map((s) => s.path), ruleFolders.map((f) => `server/knowledge/${f}/rule.yml`));
    assert.ok(ruleFolders.length > 0);
    for (const src of builtinRuleSources) {
      const text = readFileSync(path.join(repoRoot, src.path), 'utf8').replace(/\r\n?/g, '\n');
      const parsed = parseRuleYaml(src.path, text);
      assert.deepEqual(parsed.errors, [], src.path);
      assert.deepEqual(parsed.document, src.document, src.path);
    }
  });

  it('every built-in rule compiles without errors', () => {
    for (const src of builtinRuleSources) {
      assert.deepEqual(compileRuleSource(src, true).errors, [], src.path);
    }
    assert.equal(loadBuiltinRules().length, builtinRuleSources.length);
    assert.equal(loadBuiltinRules(), loadBuiltinRules(), 'compiled once');
  });

  it('product ids match their folders and are unique; Sigma ids are unique', () => {
    const rules = loadBuiltinRules();
    assert.deepEqual(rules.map((r) => r.doc.id), ruleFolders);
    assert.equal(new Set(rules.map((r) => r.doc.id)).size, rules.length);
    assert.equal(new Set(rules.map((r) => r.sigma.id?.toLowerCase())).size, rules.length);
  });

  it('exposes the script preambles', () => {
    assert.equal(scriptPreamble('powershell'), scriptPreambles.powershell);
    assert.equal(scriptPreamble('cmd'), scriptPreambles.cmd);
    for (const [file, language] of [['preamble.ps1', 'powershell'], ['preamble.cmd', 'cmd']] as const) {
      if (existsSync(path.join(knowledgeDir, file))) assert.notEqual(scriptPreamble(language), '', file);
    }
  });

  // Compiled here without throwing, so one invalid rule fails its own tests rather than the whole file.
  const compiled = builtinRuleSources.flatMap((src) => compileRuleSource(src, true).rule ?? []);
  const engine = createRuleEngine(compiled);
  for (const folder of ruleFolders) {
    it(`${folder} fires on every event of hit.xml and on none of miss.xml`, () => {
      const rule = compiled.find((r) => r.doc.id === folder);
      assert.ok(rule, `the rule in server/knowledge/${folder} does not compile or has another id`);
      const hitFile = path.join(fixturesDir, folder, 'hit.xml');
      const missFile = path.join(fixturesDir, folder, 'miss.xml');
      assert.ok(existsSync(hitFile), `missing ${path.relative(repoRoot, hitFile)}`);
      assert.ok(existsSync(missFile), `missing ${path.relative(repoRoot, missFile)}`);

      const hit = parseLog(readFileSync(hitFile, 'utf8'));
      assert.ok(hit.events.length > 0, 'hit.xml has events');
      const hitIndexes = engine.match(hit.events).filter((m) => m.rule === rule).map((m) => m.eventIndex);
      assert.deepEqual(hitIndexes, hit.events.map((_, i) => i), 'the rule fires once on each event of hit.xml');

      const miss = parseLog(readFileSync(missFile, 'utf8'));
      assert.ok(miss.events.length > 0, 'miss.xml has events');
      const missIndexes = engine.match(miss.events).filter((m) => m.rule === rule).map((m) => m.eventIndex);
      assert.deepEqual(missIndexes, [], 'the rule fires on no event of miss.xml');
    });
  }
});
