import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { portabilityProblems } from '../../../server/src/export/sigmaCompat';
import { exportSigmaRule, scriptFileName, sigmaFileName, SIGMA_FIELDS } from '../../../server/src/export/sigmaRule';
import { loadBuiltinRules } from '../../../server/src/rules/catalog';
import type { Rule } from '../../../server/src/rules/schema';

const repoRoot = path.resolve(__dirname, '../../..');
const schema = JSON.parse(readFileSync(path.join(repoRoot, 'test/schemas/sigma-detection-rule-schema.json'), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSigma = ajv.compile(schema);

/** The Sigma part of a rule file as written: everything before the product's block. */
function sigmaPartOf(rule: Rule): string {
  const text = readFileSync(path.join(repoRoot, rule.source), 'utf8');
  return text.slice(0, text.indexOf('\neventlogdoctor:') + 1);
}

describe('exportSigmaRule', () => {
  const rules = loadBuiltinRules();

  it('writes each built-in rule with --strict exactly as its file\'s Sigma part', () => {
    for (const rule of rules) {
      const exported = exportSigmaRule(rule, true);
      assert.equal(exported.fileName, `${rule.doc.id}.yml`);
      assert.equal(exported.yaml, sigmaPartOf(rule), rule.doc.id);
      assert.deepEqual(exported.scripts, {});
    }
  });

  it('keeps the eventlogdoctor block last and names its scripts when not strict', () => {
    for (const rule of rules) {
      const exported = exportSigmaRule(rule, false);
      const document = parse(exported.yaml) as Record<string, unknown> & { eventlogdoctor: { remediations: { script?: string }[] } };
      const source = rule.sigma as unknown as typeof document;
      // Shared scripts (`../shared/x.ps1`) are named by file name: they are written beside the exported rule.
      const flat = source.eventlogdoctor.remediations.map((r) => (r.script === undefined ? r : { ...r, script: path.posix.basename(r.script) }));
      assert.deepEqual(document, { ...source, eventlogdoctor: { ...source.eventlogdoctor, remediations: flat } }, rule.doc.id);
      assert.equal(Object.keys(document).at(-1), 'eventlogdoctor');
      assert.deepEqual(exported.scripts, Object.fromEntries(Object.entries(rule.scripts).map(([name, text]) => [path.posix.basename(name), text])));
      assert.ok(exported.yaml.startsWith(sigmaPartOf(rule)), rule.doc.id);
    }
  });

  it('is valid against the Sigma rule JSON schema, strict or not', () => {
    for (const rule of rules) {
      for (const strict of [true, false]) {
        const document = parse(exportSigmaRule(rule, strict).yaml) as unknown;
        assert.equal(validateSigma(document), true, `${rule.doc.id}: ${JSON.stringify(validateSigma.errors)}`);
      }
    }
  });

  it('uses only modifiers pySigma knows and one-string conditions in the built-in rules', () => {
    for (const rule of rules) assert.deepEqual(portabilityProblems(rule.sigma), [], rule.doc.id);
  });

  it('drops every non-standard field of a user\'s rule with --strict and orders the standard ones', () => {
    const rule = {
      sigma: { custom: 1, level: 'low', detection: { sel: { EventID: 1 }, condition: 'sel' }, logsource: { product: 'windows' }, title: 'T' },
      doc: { id: 'Odd/Id', severity: 'information', message: 'T', explanation: '', harmful: '', cause: '', variants: [], remediations: [] },
      scripts: {},
      source: '/rules/t.yml',
      builtin: false,
    } as unknown as Rule;
    assert.equal(exportSigmaRule(rule, true).yaml, 'title: T\nlogsource:\n    product: windows\ndetection:\n    sel:\n        EventID: 1\n    condition: sel\nlevel: low\n');
    assert.match(exportSigmaRule(rule, false).yaml, /\nlevel: low\ncustom: 1\n$/);
    assert.equal(sigmaFileName('Odd/Id'), 'Odd-Id.yml');
    assert.equal(sigmaFileName('../x'), 'x.yml');
    assert.equal(scriptFileName('../shared/winhttp-proxy.ps1'), 'winhttp-proxy.ps1');
    assert.equal(scriptFileName('fix.cmd'), 'fix.cmd');
    assert.ok(SIGMA_FIELDS.includes('logsource'));
  });
});

describe('portabilityProblems', () => {
  it('names modifiers pySigma does not know, list conditions and empty log sources', () => {
    const sigma = {
      title: 'T',
      id: '0d7f3c0e-51f0-4d7b-9a53-6d8f2f0a3c21',
      logsource: {},
      detection: { sel: { 'CommandLine|utf16le|base64offset|contains': 'x' }, other: [{ 'Count|neq': 3 }, 'keyword'], condition: ['sel', 'other'] },
    };
    assert.deepEqual(portabilityProblems(sigma), [
      "detection.sel: modifier 'utf16le' (in 'CommandLine|utf16le|base64offset|contains') is not one pySigma knows",
      "detection.other: modifier 'neq' (in 'Count|neq') is not one pySigma knows",
      'detection.condition must be one string (a list of conditions is Sigma 1 only)',
      'logsource needs a product, category or service',
    ]);
  });
});

describe('built-in log sources', () => {
  it('are windows application or system logs, except the keyword rules for setup logs, which name no service', () => {
    const byService = new Map<string, string[]>();
    for (const rule of loadBuiltinRules()) {
      assert.equal(rule.sigma.logsource.product, 'windows', rule.doc.id);
      assert.equal(rule.sigma.logsource.category, undefined, rule.doc.id);
      const service = rule.sigma.logsource.service ?? '(none)';
      byService.set(service, [...(byService.get(service) ?? []), rule.doc.id].sort());
    }
    assert.deepEqual(Object.fromEntries([...byService].sort()), {
      '(none)': ['cryptsvc.catalog-install-failed', 'cryptsvc.connection-disable-failed', 'cryptsvc.security-option-blocked', 'cryptsvc.setup-cannot-verify'],
      application: [
        'crypt32.logging-suspended',
        'crypt32.root-certificate-unreachable',
        'crypt32.root-list-cab-unreachable',
        'crypt32.root-list-extract-failed',
        'crypt32.root-list-sequence-unreachable',
        'cryptsvc.catalog-database-failed',
        'cryptsvc.system-writer-failed',
      ],
      system: ['cryptsvc.service-crashed', 'cryptsvc.service-disabled', 'cryptsvc.service-failed'],
    });
  });
});
