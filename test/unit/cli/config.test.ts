import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { configFromDocument, DEFAULT_SCAN_CONFIG, loadConfig } from '../../../server/src/cli/config';
import { parseJsonc } from '../../../server/src/cli/jsonc';

describe('parseJsonc', () => {
  it('reads comments and trailing commas as settings.json has them, and keeps them inside strings', () => {
    const text = `{
      // a line comment
      "a": "http://x/*y*/", /* a block
      comment */ "b": [1, 2,],
      "c": "quote \\" // not a comment",
    }`;
    assert.deepEqual(parseJsonc(text), { a: 'http://x/*y*/', b: [1, 2], c: 'quote " // not a comment' });
  });

  it('still rejects what is not JSON', () => {
    assert.throws(() => parseJsonc('{ "a": }'), SyntaxError);
  });
});

describe('configFromDocument', () => {
  const base = path.resolve('/work/project');

  it('reads flat VS Code settings and resolves rule folders from the base', () => {
    const result = configFromDocument(
      {
        'editor.fontSize': 14,
        'eventlogDoctor.rules': { 'crypt32.root-list-sequence-unreachable': 'off', 'cryptsvc.service-failed': 'warning' },
        'eventlogDoctor.maxDiagnostics': 10.7,
        'eventlogDoctor.rulePaths': ['rules', '/abs/rules'],
        'eventlogDoctor.scriptFolder': 'scripts',
        'eventlogDoctor.trace.server': 'verbose',
      },
      base,
    );
    assert.deepEqual(result, {
      config: {
        settings: { enable: true, rules: { 'crypt32.root-list-sequence-unreachable': 'off', 'cryptsvc.service-failed': 'warning' }, maxDiagnostics: 10 },
        rulePaths: [path.join(base, 'rules'), path.resolve(base, '/abs/rules')],
        scriptFolder: 'scripts',
      },
    });
  });

  it('reads the nested shape the same way, and keeps the scanner defaults for what is unset', () => {
    assert.deepEqual(configFromDocument({ eventlogDoctor: { enable: false } }, base), {
      config: { settings: { ...DEFAULT_SCAN_CONFIG.settings, rules: {}, enable: false }, rulePaths: [], scriptFolder: '' },
    });
  });

  it('names every invalid setting', () => {
    assert.deepEqual(
      configFromDocument({ eventlogDoctor: { enable: 'yes', rules: { x: 'loud' }, maxDiagnostics: -1, rulePaths: 'rules', scriptFolder: 3 } }, base),
      {
        errors: [
          'eventlogDoctor.enable must be true or false',
          'eventlogDoctor.rules.x must be one of off, hint, information, warning, error',
          'eventlogDoctor.maxDiagnostics must be a number >= 0',
          'eventlogDoctor.rulePaths must be a list of folder paths',
          'eventlogDoctor.scriptFolder must be a string',
        ],
      },
    );
    assert.deepEqual(configFromDocument([1], base), { errors: ['the config must be a JSON object of settings'] });
  });
});

describe('loadConfig', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-config-'));
    mkdirSync(path.join(dir, '.vscode'));
    writeFileSync(path.join(dir, '.vscode', 'settings.json'), '{\n  // workspace settings\n  "eventlogDoctor.rulePaths": ["rules"],\n}\n');
    writeFileSync(path.join(dir, 'bad.json'), '{ "eventlogDoctor.rules": ');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves the rule folders of a .vscode/settings.json from the workspace folder', async () => {
    const result = await loadConfig(path.join(dir, '.vscode', 'settings.json'));
    assert.ok('config' in result);
    assert.deepEqual(result.config.rulePaths, [path.join(dir, 'rules')]);
  });

  it('reports a missing file and invalid JSON with the file name', async () => {
    const missing = path.join(dir, 'none.json');
    assert.deepEqual(await loadConfig(missing), { errors: [`cannot read the config ${missing}: no such file or folder`] });
    const bad = await loadConfig(path.join(dir, 'bad.json'));
    assert.ok('errors' in bad);
    assert.match(bad.errors[0] ?? '', /^the config .*bad\.json is not valid JSON: /);
  });
});
