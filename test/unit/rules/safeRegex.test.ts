import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSafeRegex, REGEX_INPUT_LIMIT } from '../../../server/src/rules/safeRegex';

function test(pattern: string, flags = ''): (v: string) => boolean {
  const compiled = compileSafeRegex(pattern, flags);
  assert.equal(typeof compiled, 'function', `rejected: ${String(compiled)}`);
  return compiled as (v: string) => boolean;
}

describe('compileSafeRegex', () => {
  it('runs the regular expressions Sigma rules use', () => {
    assert.equal(test('\\s-c\\s')('curl -c jar'), true);
    assert.equal(test('://[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}')('http://10.1.2.3/x'), true);
    assert.equal(test('(\\.exe|\\.dll)?$')('x.dll'), true);
    assert.equal(test('^(?:a|b)c+$')('bccc'), true);
    assert.equal(test('\\.exe["\']?\\s+[^"]{0,64}werfaultsecure\\.exe["\']?\\s+\\d{2,10}', 'i')('"w.exe" C:\\x\\WerFaultSecure.exe 684'), true);
  });

  it('turns leading PCRE inline flags into flags', () => {
    assert.equal(test('(?i)\\s(-u|--user)\\s*:')('curl -U :'), true);
    assert.equal(test('\\s(-u|--user)\\s*:')('curl -U :'), false);
    assert.equal(test('(?s)a.b')('a\nb'), true);
    assert.equal(test('(?P<name>ab)c')('abc'), true);
    assert.equal(test('\\Aab\\Z')('ab'), true);
    assert.equal(compileSafeRegex('(?x)a', ''), "inline flag 'x' is not supported (only i, m and s)");
    assert.equal(compileSafeRegex('a(?i)b', ''), 'invalid regular expression: inline flags are only supported at the start of the pattern');
  });

  it('runs patterns that make a backtracking engine explode in linear time', () => {
    // Each of these takes minutes or longer on JavaScript's own engine; a hang here fails the test by timeout.
    const long = `${'a'.repeat(REGEX_INPUT_LIMIT - 1)}c`;
    assert.equal(test('(a+)+b')(long), false);
    assert.equal(test('(a|aa)*b')(long), false);
    assert.equal(test('(a|aa)*c')(long), true);
    assert.equal(test('.*a.*b.*c.*x')('abcd'.repeat(REGEX_INPUT_LIMIT / 4)), false);
    assert.equal(test('.*a.*b.*c.*d')('abcd'.repeat(REGEX_INPUT_LIMIT / 4)), true);
  });

  it('rejects what no linear-time matcher can run, and invalid patterns', () => {
    assert.equal(compileSafeRegex('(a)\\1', ''), 'invalid regular expression: backreferences cannot be matched in linear time');
    assert.equal(compileSafeRegex('(?<x>a)\\k<x>', ''), 'invalid regular expression: backreferences cannot be matched in linear time');
    assert.equal(compileSafeRegex('(?P<x>a)(?P=x)', ''), 'invalid regular expression: backreferences cannot be matched in linear time');
    assert.equal(compileSafeRegex('a(?=b)', ''), 'invalid regular expression: lookarounds are not part of Sigma regular expressions');
    assert.equal(compileSafeRegex('a)', ''), "invalid regular expression: unmatched ')' at 2");
    assert.equal(compileSafeRegex('(a', ''), "invalid regular expression: missing ')'");
    assert.equal(compileSafeRegex('[a', ''), 'invalid regular expression: a character class is not closed');
    assert.equal(compileSafeRegex('*a', ''), 'invalid regular expression: nothing to repeat at 1');
    assert.equal(compileSafeRegex('a{5,2}', ''), 'invalid regular expression: numbers out of order in {5,2}');
    assert.equal(compileSafeRegex('\\q', ''), 'invalid regular expression: unsupported escape \\q');
    assert.equal(compileSafeRegex('(a{999}){999}x*', ''), 'invalid regular expression: the pattern is too large (more than 4000 states)');
  });

  it('looks at the first REGEX_INPUT_LIMIT characters of a value only, on either engine', () => {
    for (const pattern of ['needle', 'ne+dle']) {
      const match = test(pattern);
      assert.equal(match(`${'x'.repeat(REGEX_INPUT_LIMIT - 6)}needle`), true, pattern);
      assert.equal(match(`${'x'.repeat(REGEX_INPUT_LIMIT - 5)}needle`), false, pattern);
    }
  });
});
