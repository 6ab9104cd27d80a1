import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs, type ScanCommand } from '../../../server/src/cli/parseArgs';

function scan(paths: string[], extra: Partial<ScanCommand> = {}): ScanCommand {
  return { kind: 'scan', paths, format: 'text', include: [], exclude: [], rules: [], failOn: 'warning', color: true, ...extra };
}

describe('parseArgs', () => {
  it('reads scan with paths and the defaults', () => {
    assert.deepEqual(parseArgs(['scan', 'a.xml', 'logs']), scan(['a.xml', 'logs']));
  });

  it('reads --format in both spellings, anywhere', () => {
    assert.deepEqual(parseArgs(['--format', 'json', 'scan', 'a.xml']), scan(['a.xml'], { format: 'json' }));
    assert.deepEqual(parseArgs(['scan', 'a.xml', '--format=sarif']), scan(['a.xml'], { format: 'sarif' }));
  });

  it('collects repeatable options in order and keeps the last of the others', () => {
    assert.deepEqual(
      parseArgs([
        'scan', 'logs', '--include', '*.xml', '--include=**/*.evtx', '--exclude', 'old/**', '--rules', 'r1', '--rules=r2',
        '--config', 'a.json', '--config', 'b.json', '--fail-on', 'error', '--base', 'logs', '--jobs', '3', '--no-color',
      ]),
      scan(['logs'], {
        include: ['*.xml', '**/*.evtx'],
        exclude: ['old/**'],
        rules: ['r1', 'r2'],
        config: 'b.json',
        failOn: 'error',
        base: 'logs',
        jobs: 3,
        color: false,
      }),
    );
  });

  it('takes everything after -- as a path', () => {
    assert.deepEqual(parseArgs(['scan', '--', '--odd-name.xml']), scan(['--odd-name.xml']));
  });

  it('answers help and version before anything else', () => {
    assert.deepEqual(parseArgs(['scan', '--help']), { kind: 'help' });
    assert.deepEqual(parseArgs(['-h']), { kind: 'help' });
    assert.deepEqual(parseArgs(['--version']), { kind: 'version' });
    assert.deepEqual(parseArgs(['-v']), { kind: 'version' });
  });

  it('reads export-sigma with its options', () => {
    assert.deepEqual(parseArgs(['export-sigma', 'out']), { kind: 'export-sigma', out: 'out', strict: false, rules: [] });
    assert.deepEqual(parseArgs(['export-sigma', '--strict', 'out', '--rules', 'mine', '--config', 'c.json']), {
      kind: 'export-sigma',
      out: 'out',
      strict: true,
      rules: ['mine'],
      config: 'c.json',
    });
  });

  it('reports usage errors', () => {
    const error = (argv: string[]) => parseArgs(argv);
    assert.deepEqual(error([]), { kind: 'usage-error', message: 'missing command' });
    assert.deepEqual(error(['lint', 'a.xml']), { kind: 'usage-error', message: 'unknown command lint' });
    assert.deepEqual(error(['scan']), { kind: 'usage-error', message: 'scan needs at least one file or folder' });
    assert.deepEqual(error(['scan', 'a.xml', '--format', 'yaml']), { kind: 'usage-error', message: '--format must be text, json or sarif, not yaml' });
    assert.deepEqual(error(['scan', 'a.xml', '--format']), { kind: 'usage-error', message: '--format must be text, json or sarif, not nothing' });
    assert.deepEqual(error(['scan', 'a.xml', '--fail-on', 'fatal']), {
      kind: 'usage-error',
      message: '--fail-on must be hint, information, warning, error or never, not fatal',
    });
    assert.deepEqual(error(['scan', 'a.xml', '--include']), { kind: 'usage-error', message: '--include needs a value' });
    assert.deepEqual(error(['scan', 'a.xml', '--jobs', '0']), { kind: 'usage-error', message: '--jobs must be a whole number from 1 to 9999, not 0' });
    assert.deepEqual(error(['scan', '--rules-config', 'x.yml', 'a.xml']), { kind: 'usage-error', message: 'unknown option --rules-config' });
    assert.deepEqual(error(['scan', '--strict', 'a.xml']), { kind: 'usage-error', message: '--strict does not apply to scan' });
    assert.deepEqual(error(['export-sigma', '--format', 'json', 'out']), { kind: 'usage-error', message: '--format does not apply to export-sigma' });
    assert.deepEqual(error(['export-sigma']), { kind: 'usage-error', message: 'export-sigma needs exactly one output folder' });
    assert.deepEqual(error(['export-sigma', 'a', 'b']), { kind: 'usage-error', message: 'export-sigma needs exactly one output folder' });
  });
});
