import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSafeRegex, REGEX_INPUT_LIMIT } from '../../../server/src/rules/safeRegex';

function test(pattern: string, flags = ''): (v: string) => boolean {
  const compiled = compileSafeRegex(pattern, flags);
  assert.equal(typeof compiled, 'function', `rejected: ${String(compiled)}`);
  return compiled as (v: string) => boolean;
}

const UNBOUNDED = 'a repeated group that itself repeats or alternates (like `(a+)+` or `(a|b)*`) can take exponential time';
const SUFFIX = `; rewrite the pattern (a regex runs on at most ${REGEX_INPUT_LIMIT} characters of a value)`;

describe('compileSafeRegex', () => {
  it('runs the regular expressions Sigma rules use', () => {
    assert.equal(test('\\s-c\\s')('curl -c jar'), true);
    assert.equal(test('://[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}')('http://10.1.2.3/x'), true);
    assert.equal(test('(\\.exe|\\.dll)?$')('x.dll'), true);
    assert.equal(test('^(?:a|b)c+$')('bccc'), true);
  });

  it('turns leading PCRE inline flags into JavaScript flags', () => {
    assert.equal(test('(?i)\\s(-u|--user)\\s*:')('curl -U :'), true);
    assert.equal(test('\\s(-u|--user)\\s*:')('curl -U :'), false);
    assert.equal(test('(?s)a.b')('a\nb'), true);
    assert.equal(test('(?P<name>ab)c')('abc'), true);
    assert.equal(compileSafeRegex('(?x)a', ''), "inline flag 'x' is not supported (only i, m and s)");
    assert.equal(compileSafeRegex('a(?i)b', ''), `inline flags are only supported at the start of the pattern${SUFFIX}`);
  });

  it('rejects what could take exponential time', () => {
    for (const pattern of ['(a+)+', '(a*)*b', '(a|aa)*', '(?:x\\d+)+y', '((ab)+c)*', '(a{1,3}){2,}']) {
      assert.equal(compileSafeRegex(pattern, ''), UNBOUNDED + SUFFIX, pattern);
    }
    assert.equal(compileSafeRegex('(a)\\1', ''), `backreferences cannot be run in bounded time${SUFFIX}`);
    assert.equal(compileSafeRegex('(?<x>a)\\k<x>', ''), `backreferences cannot be run in bounded time${SUFFIX}`);
    assert.equal(compileSafeRegex('(?P<x>a)(?P=x)', ''), `backreferences cannot be run in bounded time${SUFFIX}`);
  });

  it('accepts repetition inside an optional group and escaped or classed quantifier characters', () => {
    assert.equal(test('(a+)?b')('aab'), true);
    assert.equal(test('(\\+)+')('++'), true);
    assert.equal(test('([+*])+x')('+*x'), true);
  });

  it('reports invalid patterns and unbalanced groups', () => {
    assert.equal(compileSafeRegex('a)', ''), `unmatched ')'${SUFFIX}`);
    assert.match(String(compileSafeRegex('(a', '')), /^invalid regular expression: /);
    assert.equal(compileSafeRegex('[a', ''), `a character class is not closed${SUFFIX}`);
  });

  it('looks at the first REGEX_INPUT_LIMIT characters of a value only', () => {
    const match = test('needle');
    assert.equal(match(`${'x'.repeat(REGEX_INPUT_LIMIT - 6)}needle`), true);
    assert.equal(match(`${'x'.repeat(REGEX_INPUT_LIMIT - 5)}needle`), false);
  });
});
