/** One rule value under a field's modifiers -> a test of one field value. */
import { compileCidr } from './cidr';
import { base64, base64Offsets, encodeText } from './encodings';
import type { FieldSpec, Operator } from './modifiers';
import { compileSafeRegex } from './safeRegex';
import { timePartOf } from './timeParts';
import { applyWindash, compileTextTest, hasSpecialUnits, literalUnits, parseSigmaString, unitsToText, type TextOperator, type TextTest } from './values';

/** Parses a field value as a number: decimal, or hexadecimal with `0x` (as Keywords are written). */
export function parseNumber(text: string): number {
  const t = text.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return Number(t);
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  return NaN;
}

function numericTest(op: Operator, bound: number, read: (v: string) => number = parseNumber): TextTest {
  switch (op) {
    case 'gt':
      return (v) => read(v) > bound;
    case 'gte':
      return (v) => read(v) >= bound;
    case 'lt':
      return (v) => read(v) < bound;
    case 'lte':
      return (v) => read(v) <= bound;
    default:
      return (v) => read(v) === bound;
  }
}

function boundOf(raw: string | number | boolean): number {
  return typeof raw === 'number' ? raw : typeof raw === 'string' ? parseNumber(raw) : NaN;
}

/** A test passing when any of `tests` passes. */
export function anyTest(tests: readonly TextTest[]): TextTest {
  const [first, ...rest] = tests;
  if (first && rest.length === 0) return first;
  return (v) => {
    for (const t of tests) if (t(v)) return true;
    return false;
  };
}

function base64Test(spec: FieldSpec, text: string, op: TextOperator): TextTest | string {
  const units = parseSigmaString(text);
  if (hasSpecialUnits(units)) return 'wildcards cannot be combined with base64 encodings';
  const bytes = encodeText(unitsToText(units), spec.encoding);
  const forms = spec.base64 === 'base64offset' ? base64Offsets(bytes) : [base64(bytes)];
  // Base64 text is case-significant, so its forms always compare case-sensitively.
  return anyTest(forms.map((form) => compileTextTest(literalUnits(form), op, true)));
}

/** Compiles one scalar rule value; returns an error message when the value does not fit the modifiers. */
export function compileValueTest(spec: FieldSpec, raw: string | number | boolean, op: Operator): TextTest | string {
  const text = String(raw);
  if (spec.timePart) {
    const part = spec.timePart;
    const bound = boundOf(raw);
    return Number.isFinite(bound) ? numericTest(op, bound, (v) => timePartOf(v, part)) : `'${part}' needs a number, not '${text}'`;
  }
  switch (op) {
    case 're':
      if (typeof raw !== 'string') return `'re' needs a string value`;
      return compileSafeRegex(text, spec.regexFlags);
    case 'cidr': {
      const test = compileCidr(text);
      return test ?? `'${text}' is not a CIDR range (a.b.c.d/n or x:y::/n)`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const bound = boundOf(raw);
      return Number.isFinite(bound) ? numericTest(op, bound) : `'${op}' needs a number, not '${text}'`;
    }
    case 'exists':
      return `'exists' takes true or false`;
    default:
      if (spec.base64) return base64Test(spec, text, op);
      return compileTextTest(spec.windash ? applyWindash(parseSigmaString(text)) : parseSigmaString(text), op, spec.cased);
  }
}
