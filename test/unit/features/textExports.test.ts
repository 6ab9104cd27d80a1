import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { MarkupContent } from 'vscode-languageserver-types';
import { parseLog } from '../../../server/src/parse/parseLog';
import { loadBuiltinRules } from '../../../server/src/rules/catalog';
import { createRuleEngine } from '../../../server/src/rules/engine';
import { analyze, computeDiagnostics, defaultSettings, getCodeActions, getHover } from '../../../server/src/service';

// Every rule's event as a text export (each rule's hit.txt uses another shape: legacy details, wevtutil text,
// Save as Text, CSV, Copy details, Format-List, Export-Csv, PowerShell tables, setup/update log lines):
// the same rule fires as on XML, the hover explains it and says which evidence matched, and the quick fixes
// offer the rule's remediations.
const fixtures = resolve(__dirname, '../../fixtures/rules');
const rules = loadBuiltinRules();
const engine = createRuleEngine(rules);

describe('findings on text exports', () => {
  for (const rule of rules) {
    const id = rule.doc.id;
    it(`${id} fires on every event of its text export, with hover and quick fixes`, () => {
      const text = readFileSync(resolve(fixtures, id, 'hit.txt'), 'utf8');
      const parsed = parseLog(text);
      assert.equal(parsed.kind, 'text', `${id}/hit.txt is read as a text export`);
      assert.deepEqual(parsed.problems, [], `${id}/hit.txt parses cleanly`);
      assert.ok(parsed.events.length > 0);

      const analysis = analyze(parsed, text, engine, defaultSettings);
      const own = analysis.findings.filter((f) => f.match.rule.doc.id === id);
      assert.equal(own.length, parsed.events.length, `${id} fires once per event of hit.txt`);

      const document = TextDocument.create('file:///logs/export.txt', 'eventlog-text', 1, text);
      const diagnostics = computeDiagnostics(document, analysis, defaultSettings).filter((d) => d.code === id);
      assert.equal(diagnostics.length, parsed.events.length);
      const first = own[0]!;
      const diagnostic = diagnostics[0]!;
      assert.deepEqual(diagnostic.range, {
        start: document.positionAt(first.match.event.anchor.start),
        end: document.positionAt(first.match.event.anchor.end),
      });
      const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
      assert.ok(message.startsWith(rule.doc.message), message);

      const hover = getHover(document, analysis, diagnostic.range.start);
      const markdown = (hover?.contents as MarkupContent | undefined)?.value ?? '';
      const explanationStart = rule.doc.explanation.trim().split('\n')[0]!.slice(0, 40);
      assert.ok(markdown.includes(explanationStart), `hover of ${id} explains the event`);
      assert.match(markdown, /Matched on/);

      const titles = getCodeActions(document, analysis, diagnostic.range, [diagnostic]).map((a) => a.title);
      for (const remediation of rule.doc.remediations.filter((r) => r.kind === 'script')) {
        assert.ok(titles.includes(`Insert remediation script: ${remediation.title}`), `${id}: ${remediation.title}`);
      }
      assert.ok(titles.some((t) => t.startsWith('Mark as benign')));
    });
  }
});
