import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCondition } from '../../../server/src/rules/condition';
import { detectionOf } from '../../../server/src/rules/compiledRules';
import { compileDetectionRule, makeEvent, ruleErrors, ruleYaml } from './ruleHelpers';

/** Selections a, b, c and sel_x/sel_y each test one named data value `<name>` for 'yes'. */
const SELECTIONS = ['a', 'b', 'c', 'sel_x', 'sel_y', '_hidden']
  .map((n) => `    ${n}:\n        ${n}: 'yes'`)
  .join('\n');

function holds(condition: string, truths: string[]): boolean {
  const rule = compileDetectionRule(`${SELECTIONS}\n    condition: ${condition}`);
  return detectionOf(rule).test(makeEvent({ data: truths.map((t): [string, string] => [t, 'yes']) }));
}

/** Every assignment of truth to a, b, c. */
const ASSIGNMENTS = [0, 1, 2, 3, 4, 5, 6, 7].map((bits) => ({
  a: (bits & 1) !== 0,
  b: (bits & 2) !== 0,
  c: (bits & 4) !== 0,
}));

function truthsOf(v: { a: boolean; b: boolean; c: boolean }): string[] {
  return (['a', 'b', 'c'] as const).filter((k) => v[k]);
}

describe('conditions', () => {
  it('and, or, not and parentheses follow boolean logic with not > and > or', () => {
    const cases: [string, (v: { a: boolean; b: boolean; c: boolean }) => boolean][] = [
      ['a and b', (v) => v.a && v.b],
      ['a or b', (v) => v.a || v.b],
      ['not a', (v) => !v.a],
      ['a or b and c', (v) => v.a || (v.b && v.c)],
      ['a and b or c', (v) => (v.a && v.b) || v.c],
      ['not a and b', (v) => !v.a && v.b],
      ['not a or b', (v) => !v.a || v.b],
      ['not (a or b)', (v) => !(v.a || v.b)],
      ['(a or b) and c', (v) => (v.a || v.b) && v.c],
      ['a and not b and not c', (v) => v.a && !v.b && !v.c],
      ['not not a', (v) => v.a],
      ['a AND (b OR NOT c)', (v) => v.a && (v.b || !v.c)],
    ];
    for (const [condition, expected] of cases) {
      for (const v of ASSIGNMENTS) assert.equal(holds(condition, truthsOf(v)), expected(v), `${condition} with ${JSON.stringify(v)}`);
    }
  });

  it('1 of / all of a pattern, and of them (which skips names starting with _)', () => {
    assert.equal(holds('1 of sel_*', ['sel_y']), true);
    assert.equal(holds('1 of sel_*', ['a']), false);
    assert.equal(holds('all of sel_*', ['sel_x']), false);
    assert.equal(holds('all of sel_*', ['sel_x', 'sel_y']), true);
    assert.equal(holds('1 of them', ['c']), true);
    assert.equal(holds('1 of them', ['_hidden']), false);
    assert.equal(holds('all of them', ['a', 'b', 'c', 'sel_x', 'sel_y']), true);
    assert.equal(holds('all of them', ['a', 'b', 'c', 'sel_x']), false);
    assert.equal(holds('a and not 1 of sel_*', ['a']), true);
    assert.equal(holds('a and not 1 of sel_*', ['a', 'sel_x']), false);
  });

  it('a list of conditions is their OR', () => {
    assert.equal(holds('\n        - a and b\n        - c', ['c']), true);
    assert.equal(holds('\n        - a and b\n        - c', ['a']), false);
  });

  it('parses into a tree with the right shape', () => {
    assert.deepEqual(parseCondition('a or not b and (c or 1 of x*)'), {
      kind: 'or',
      operands: [
        { kind: 'ref', name: 'a' },
        {
          kind: 'and',
          operands: [
            { kind: 'not', operand: { kind: 'ref', name: 'b' } },
            { kind: 'or', operands: [{ kind: 'ref', name: 'c' }, { kind: 'of', quantifier: 'one', pattern: 'x*' }] },
          ],
        },
      ],
    });
  });

  it('reports malformed conditions and unknown names with the line of the condition', () => {
    const errors = (condition: string) => ruleErrors(ruleYaml(`    sel:\n        EventID: 8\n    condition: ${condition}`));
    const at = (message: string) => [{ path: 'detection.condition', line: 8, message }];
    assert.deepEqual(errors('sel and other'), at("the condition refers to 'other', which is not a selection"));
    assert.deepEqual(errors('se*'), at("the condition refers to 'se*', which is not a selection"));
    assert.deepEqual(errors('1 of filter_*'), at("'filter_*' matches no selection"));
    assert.deepEqual(errors('sel and'), at('invalid condition: the condition ends too early'));
    assert.deepEqual(errors('(sel'), at("invalid condition: the condition ends too early"));
    assert.deepEqual(errors('sel)'), at("invalid condition: unexpected ')'"));
    assert.deepEqual(errors('sel sel'), at("invalid condition: unexpected 'sel'"));
    assert.deepEqual(errors('sel | count() > 5'), at('invalid condition: aggregations (`| count() ...`) are not supported'));
    assert.deepEqual(errors("''"), at('invalid condition: the condition is empty'));
  });
});
