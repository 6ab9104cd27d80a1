import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileLinearRegex } from '../../../server/src/rules/regexMatcher';

/** [pattern, flags, value]: each must give what JavaScript's RegExp gives. */
const CASES: [string, string, string][] = [
  ['abc', '', 'xxabcx'],
  ['^abc$', '', 'abc'],
  ['^abc$', '', 'abcd'],
  ['a{2,3}b', '', 'aab'],
  ['a{2,3}b', '', 'ab'],
  ['^a{2,3}b', '', 'aaaab'],
  ['^a{2}$', '', 'aa'],
  ['^a{2,}$', '', 'a'],
  ['^a{2,}$', '', 'aaaaa'],
  ['(?:ab|cd)+e', '', 'abcdabe'],
  ['[^a-c]x', '', 'ax'],
  ['[^a-c]x', '', 'dx'],
  ['[^a]', 'i', 'A'],
  ['[a-z]+\\d', 'i', 'ABC1'],
  ['[\\d.]+$', '', '10.0.0.1'],
  ['[\\]]', '', ']'],
  ['\\bcmd\\b', '', 'run cmd /c'],
  ['\\bcmd\\b', '', 'runcmd'],
  ['\\Bcmd', '', 'runcmd'],
  ['a.c', '', 'a\nc'],
  ['a.c', 's', 'a\nc'],
  ['^b', 'm', 'a\nb'],
  ['^b', '', 'a\nb'],
  ['a$', 'm', 'a\nb'],
  ['x*', '', ''],
  ['colou?r', '', 'color'],
  ['colou??r', '', 'colour'],
  ['CMD', 'i', 'run cmd'],
  ['\\x41\\u0042\\t', '', 'AB\t'],
  ['a{0}b', '', 'b'],
  ['(a|)+b', '', 'b'],
  ['$', '', 'x'],
  ['a{,2}', '', 'a{,2}'],
  ['\\s+\\S+', '', '   x'],
  ['\\W\\w', '', '-a'],
];

describe('compileLinearRegex', () => {
  it('agrees with JavaScript regular expressions', () => {
    for (const [pattern, flags, value] of CASES) {
      const linear = compileLinearRegex(pattern, { ignoreCase: flags.includes('i'), multiline: flags.includes('m'), dotAll: flags.includes('s') });
      assert.equal(linear(value), new RegExp(pattern, flags).test(value), `/${pattern}/${flags} on ${JSON.stringify(value)}`);
    }
  });

  it('can be run again and again', () => {
    const linear = compileLinearRegex('b+c', { ignoreCase: false, multiline: false, dotAll: false });
    assert.deepEqual(['abbc', 'ab', 'bc', 'c'].map(linear), [true, false, true, false]);
  });
});
