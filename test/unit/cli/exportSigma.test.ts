import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../../../server/src/cli/runCli';
import { loadBuiltinRules } from '../../../server/src/rules/catalog';
import { loadRuleFolders } from '../../../server/src/userRules';

const wideRule = `title: Encoded Command
id: 3c1f0f5e-9a41-4a0e-8d52-0c2c7d0b7f10
status: test
description: An encoded command line.
author: Test
date: 2026-11-23
logsource:
    product: windows
    service: system
detection:
    selection:
        CommandLine|utf16le|base64offset|contains: whoami
    condition: selection
level: high
`;

async function run(argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runCli(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

describe('export-sigma', () => {
  let dir = '';
  const builtin = loadBuiltinRules();
  const scriptNames = [...new Set(builtin.flatMap((r) => Object.keys(r.scripts).map((s) => path.posix.basename(s))))].sort();

  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-export-'));
    mkdirSync(path.join(dir, 'mine'));
    writeFileSync(path.join(dir, 'mine', 'encoded.yml'), wideRule);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every built-in rule as <id>.yml with its scripts beside it', async () => {
    const out = path.join(dir, 'out');
    const result = await run(['export-sigma', out]);
    assert.deepEqual(result, { status: 0, stdout: `Wrote ${builtin.length} Sigma rules and ${scriptNames.length} remediation scripts to ${out}.\n`, stderr: '' });
    assert.deepEqual(readdirSync(out).sort(), [...builtin.map((r) => `${r.doc.id}.yml`), ...scriptNames].sort());
  });

  it('writes a folder that loads back as users\' rules with the same product blocks', async () => {
    const out = path.join(dir, 'roundtrip');
    await run(['export-sigma', out]);
    const loaded = loadRuleFolders([out], { reservedIds: [] });
    assert.deepEqual(loaded.errors, []);
    assert.deepEqual(
      loaded.rules.map((r) => r.doc.id).sort(),
      builtin.map((r) => r.doc.id).sort(),
    );
    for (const rule of loaded.rules) {
      const original = builtin.find((r) => r.doc.id === rule.doc.id)!;
      const flat = (doc: typeof rule.doc) => ({ ...doc, remediations: doc.remediations.map((r) => (r.script ? { ...r, script: path.posix.basename(r.script) } : r)) });
      assert.deepEqual(rule.doc, flat(original.doc), rule.doc.id);
    }
  });

  it('drops the product block and the scripts with --strict', async () => {
    const out = path.join(dir, 'strict');
    const result = await run(['export-sigma', '--strict', out]);
    assert.deepEqual(result, { status: 0, stdout: `Wrote ${builtin.length} Sigma rules to ${out}.\n`, stderr: '' });
    const files = readdirSync(out).sort();
    assert.deepEqual(files, builtin.map((r) => `${r.doc.id}.yml`).sort());
    for (const file of files) assert.equal((parse(readFileSync(path.join(out, file), 'utf8')) as Record<string, unknown>)['eventlogdoctor'], undefined);
  });

  it('exports --rules rules, warning about what pySigma cannot convert, and refuses them with --strict', async () => {
    const out = path.join(dir, 'mixed');
    const loose = await run(['export-sigma', '--rules', path.join(dir, 'mine'), out]);
    assert.equal(loose.status, 0);
    assert.equal(
      loose.stderr,
      "warning: 3c1f0f5e-9a41-4a0e-8d52-0c2c7d0b7f10: detection.selection: modifier 'utf16le' (in 'CommandLine|utf16le|base64offset|contains') is not one pySigma knows\n",
    );
    assert.equal(readFileSync(path.join(out, '3c1f0f5e-9a41-4a0e-8d52-0c2c7d0b7f10.yml'), 'utf8'), wideRule);

    const strictOut = path.join(dir, 'mixed-strict');
    const strict = await run(['export-sigma', '--strict', '--rules', path.join(dir, 'mine'), strictOut]);
    assert.equal(strict.status, 2);
    assert.equal(
      strict.stderr,
      "error: 3c1f0f5e-9a41-4a0e-8d52-0c2c7d0b7f10: detection.selection: modifier 'utf16le' (in 'CommandLine|utf16le|base64offset|contains') is not one pySigma knows (not written)\n",
    );
    assert.equal(strict.stdout, `Wrote ${builtin.length} Sigma rules to ${strictOut}.\n`);
  });

  it('reports a folder it cannot create', async () => {
    const blocker = path.join(dir, 'file');
    writeFileSync(blocker, '');
    const result = await run(['export-sigma', path.join(blocker, 'out')]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /^error: cannot create .*file[/\\]out: /);
  });
});
