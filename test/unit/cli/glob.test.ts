import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlob, expandBraces } from '../../../server/src/cli/glob';

function matches(pattern: string, paths: string[]): string[] {
  const matcher = compileGlob(pattern);
  return paths.filter((p) => matcher(p));
}

const tree = ['a.xml', 'a.evtx', 'logs/b.xml', 'logs/old/c.xml', 'logs/old/c.txt', 'x/logs/d.xml', 'ab.xml', '.hidden/e.xml'];

describe('glob', () => {
  it('expands braces, nested, and leaves single or unclosed groups alone', () => {
    assert.deepEqual(expandBraces('*.{xml,evtx}'), ['*.xml', '*.evtx']);
    assert.deepEqual(expandBraces('{a,b{1,2}}/c'), ['a/c', 'b1/c', 'b2/c']);
    assert.deepEqual(expandBraces('{a}.xml'), ['{a}.xml']);
    assert.deepEqual(expandBraces('{a,b.xml'), ['{a,b.xml']);
    assert.throws(() => expandBraces('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}'), /expands to more than 256 alternatives/);
  });

  it('matches a pattern without / against the name at any depth', () => {
    assert.deepEqual(matches('*.xml', tree), ['a.xml', 'logs/b.xml', 'logs/old/c.xml', 'x/logs/d.xml', 'ab.xml', '.hidden/e.xml']);
    assert.deepEqual(matches('?.xml', tree), ['a.xml', 'logs/b.xml', 'logs/old/c.xml', 'x/logs/d.xml', '.hidden/e.xml']);
    assert.deepEqual(matches('old', ['logs/old', 'old', 'older']), ['logs/old', 'old']);
  });

  it('anchors a pattern with / at the root, with ** for any number of folders', () => {
    assert.deepEqual(matches('logs/*.xml', tree), ['logs/b.xml']);
    assert.deepEqual(matches('logs/**/*.xml', tree), ['logs/b.xml', 'logs/old/c.xml']);
    assert.deepEqual(matches('**/logs/*.xml', tree), ['logs/b.xml', 'x/logs/d.xml']);
    assert.deepEqual(matches('logs/', tree), ['logs/b.xml', 'logs/old/c.xml', 'logs/old/c.txt']);
    assert.deepEqual(matches('./logs/old/*', tree), ['logs/old/c.xml', 'logs/old/c.txt']);
    assert.deepEqual(matches('**', ['a', 'b/c']), ['a', 'b/c']);
  });

  it('ignores case, and * never crosses a folder', () => {
    assert.deepEqual(matches('*.EVTX', ['A.evtx', 'b.Evtx', 'c.xml']), ['A.evtx', 'b.Evtx']);
    assert.deepEqual(matches('logs*', ['logs/b.xml', 'logsb']), ['logsb']);
  });

  it('answers patterns that make backtracking matchers explode (a regex here would not finish)', () => {
    const name = `${'a'.repeat(5000)}b`;
    assert.equal(compileGlob(`${'*a'.repeat(30)}*c`)(name), false);
    assert.equal(compileGlob(`${'*a'.repeat(30)}*b`)(name), true);
  });
});
