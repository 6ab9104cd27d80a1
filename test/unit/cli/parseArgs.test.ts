import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from '../../../server/src/cli/parseArgs';

describe('parseArgs', () => {
  it('reads scan with paths and the default text format', () => {
    assert.deepEqual(parseArgs(['scan', 'a.xml', 'logs']), { kind: 'scan', paths: ['a.xml', 'logs'], format: 'text' });
  });

  it('reads --format in both spellings, anywhere', () => {
    assert.deepEqual(parseArgs(['--format', 'json', 'scan', 'a.xml']), { kind: 'scan', paths: ['a.xml'], format: 'json' });
    assert.deepEqual(parseArgs(['scan', 'a.xml', '--format=json']), { kind: 'scan', paths: ['a.xml'], format: 'json' });
  });

  it('takes everything after -- as a path', () => {
    assert.deepEqual(parseArgs(['scan', '--', '--odd-name.xml']), { kind: 'scan', paths: ['--odd-name.xml'], format: 'text' });
  });

  it('answers help and version before anything else', () => {
    assert.deepEqual(parseArgs(['scan', '--help']), { kind: 'help' });
    assert.deepEqual(parseArgs(['-h']), { kind: 'help' });
    assert.deepEqual(parseArgs(['--version']), { kind: 'version' });
    assert.deepEqual(parseArgs(['-v']), { kind: 'version' });
  });

  it('reports usage errors', () => {
    assert.deepEqual(parseArgs([]), { kind: 'usage-error', message: 'missing command' });
    assert.deepEqual(parseArgs(['lint', 'a.xml']), { kind: 'usage-error', message: 'unknown command lint' });
    assert.deepEqual(parseArgs(['scan']), { kind: 'usage-error', message: 'scan needs at least one file or folder' });
    assert.deepEqual(parseArgs(['scan', 'a.xml', '--format', 'yaml']), { kind: 'usage-error', message: '--format must be text or json, not yaml' });
    assert.deepEqual(parseArgs(['scan', 'a.xml', '--format']), { kind: 'usage-error', message: '--format must be text or json, not nothing' });
    assert.deepEqual(parseArgs(['scan', '--rules-config', 'x.yml', 'a.xml']), { kind: 'usage-error', message: 'unknown option --rules-config' });
  });
});
