import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ANY_DASH, ANY_ONE, ANY_RUN, applyWindash, compileTextTest, foldString, literalUnits, parseSigmaString, type TextOperator } from '../../../server/src/rules/values';

const test = (pattern: string, op: TextOperator = 'equals', cased = false) => compileTextTest(parseSigmaString(pattern), op, cased);

describe('parseSigmaString', () => {
  it('reads * and ? as wildcards and \\*, \\?, \\\\ as literals', () => {
    assert.deepEqual(parseSigmaString('a*b?'), [97, ANY_RUN, 98, ANY_ONE]);
    assert.deepEqual(parseSigmaString('\\*\\?\\\\'), [42, 63, 92]);
  });
  it('keeps a backslash before any other character, and a trailing one', () => {
    assert.deepEqual(parseSigmaString('C:\\Windows\\'), literalUnits('C:\\Windows\\'));
  });
});

describe('compileTextTest', () => {
  it('compares a whole value, ignoring case by default', () => {
    assert.equal(test('CryptSvc')('cryptsvc'), true);
    assert.equal(test('CryptSvc')('cryptsvc2'), false);
    assert.equal(test('CryptSvc')('Crypt'), false);
  });
  it('compares case-sensitively when cased', () => {
    assert.equal(test('CryptSvc', 'equals', true)('CryptSvc'), true);
    assert.equal(test('CryptSvc', 'equals', true)('cryptsvc'), false);
    assert.equal(test('Svc', 'contains', true)('CryptSVC'), false);
    assert.equal(test('Svc', 'contains', true)('CryptSvc'), true);
  });
  it('ignores case for non-ASCII letters', () => {
    assert.equal(test('ÉCHEC')('échec'), true);
    assert.equal(test('ÉCHEC', 'contains')('un échec ici'), true);
    assert.equal(test('a.b', 'contains')('aXb'), false, 'regular expression characters are literal');
    assert.equal(foldString('ÉCHEC Ab'), 'échec ab');
  });
  it('handles contains, startswith and endswith on literals', () => {
    assert.equal(test('SVC', 'contains')('cryptsvc service'), true);
    assert.equal(test('xyz', 'contains')('cryptsvc'), false);
    assert.equal(test('CRYPT', 'startswith')('cryptsvc'), true);
    assert.equal(test('svc', 'startswith')('cryptsvc'), false);
    assert.equal(test('SVC', 'endswith')('cryptsvc'), true);
    assert.equal(test('crypt', 'endswith')('cryptsvc'), false);
    assert.equal(test('', 'contains')('anything'), true);
  });
  it('matches * as any run and ? as one character over the whole value', () => {
    // A backslash before a wildcard escapes it, so a path ending in `\` before `*` doubles the backslash.
    assert.equal(test('C:\\Windows\\\\*.dll')('c:\\windows\\system32\\crypt32.dll'), true);
    assert.equal(test('C:\\Windows\\\\*.dll')('c:\\windows\\crypt32.dll.mui'), false);
    assert.equal(test('C:\\Windows\\*.dll')('c:\\windows\\crypt32.dll'), false);
    assert.equal(test('C:\\Windows\\*.dll')('c:\\windows*.dll'), true);
    assert.equal(test('crypt??.dll')('crypt32.dll'), true);
    assert.equal(test('crypt??.dll')('crypt3.dll'), false);
    assert.equal(test('*')(''), true);
    assert.equal(test('a*b*c')('aXbYbZc'), true);
    assert.equal(test('a*b*c')('aXbYbZ'), false);
  });
  it('treats escaped wildcards as literal characters', () => {
    assert.equal(test('100\\*')('100*'), true);
    assert.equal(test('100\\*')('1000'), false);
    assert.equal(test('what\\?')('what?'), true);
    assert.equal(test('what\\?')('whatX'), false);
  });
  it('anchors wildcard patterns according to the operator', () => {
    assert.equal(test('b?d', 'contains')('abcde'), true);
    assert.equal(test('b?d', 'startswith')('abcde'), false);
    assert.equal(test('a?c', 'startswith')('abcde'), true);
    assert.equal(test('c*e', 'endswith')('abcde'), true);
    assert.equal(test('c*d', 'endswith')('abcde'), false);
  });
  it('stays fast on patterns that make backtracking regexes explode', () => {
    const value = 'a'.repeat(20000);
    assert.equal(test('*a*a*a*a*a*a*b')(value), false);
  });
  it('windash turns dash-like characters into a class of all of them', () => {
    const units = applyWindash(parseSigmaString('-f /x'));
    assert.deepEqual(units, [ANY_DASH, 102, 32, ANY_DASH, 120]);
    const t = compileTextTest(units, 'contains', false);
    for (const v of ['cmd -f -x', 'cmd /f /x', 'cmd \u2013f \u2014x', 'cmd \u2015F /X']) assert.equal(t(v), true, v);
    assert.equal(t('cmd +f -x'), false);
  });
});
