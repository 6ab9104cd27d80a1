/** One `Field|modifiers: value(s)` entry of a selection map -> a MatchNode. */
import type { LogEvent } from '../parse/model';
import { mappedField, type CompileContext } from './compileContext';
import { fieldReader, readKeywordText, type FieldReader } from './fields';
import { UNCONSTRAINED, type IndexConstraint } from './indexConstraint';
import { allOfNodes, anyOfNodes, evidenceOf, notNode, type MatchNode } from './matchNode';
import { parseFieldKey, type FieldSpec, type Operator } from './modifiers';
import { expandPlaceholders } from './placeholders';
import type { DocPath, RuleErrorSink } from './ruleErrors';
import { anyTest, compileValueTest } from './valueTest';
import { equalsIgnoreCase, foldString, hasSpecialUnits, parseSigmaString, unitsToText, type TextTest } from './values';

const ANY_VALUE: TextTest = () => true;
const NON_EMPTY: TextTest = (v) => v.length > 0;

/** A node that holds when some value of the field passes `test`; its evidence is that value. */
function valueNode(reader: FieldReader, test: TextTest): MatchNode {
  return {
    test: (event) => reader(event, test),
    collect: (event, out) =>
      reader(event, (value, source, field) => {
        if (!test(value)) return false;
        out.push(evidenceOf(field, value, source));
        return true;
      }),
    constraint: UNCONSTRAINED,
  };
}

/** `null`: the field is absent or empty. */
function absentNode(reader: FieldReader): MatchNode {
  return { test: (event) => !reader(event, NON_EMPTY), collect: (event) => !reader(event, NON_EMPTY), constraint: UNCONSTRAINED };
}

function existsNode(reader: FieldReader, expected: boolean): MatchNode {
  if (!expected) return { test: (event) => !reader(event, ANY_VALUE), collect: (event) => !reader(event, ANY_VALUE), constraint: UNCONSTRAINED };
  return valueNode(reader, ANY_VALUE);
}

function compareText(op: Operator, cased: boolean, value: string, other: string): boolean {
  const a = cased ? value : foldString(value);
  const b = cased ? other : foldString(other);
  switch (op) {
    case 'contains':
      return a.includes(b);
    case 'startswith':
      return a.startsWith(b);
    case 'endswith':
      return a.endsWith(b);
    default:
      return cased ? a === b : equalsIgnoreCase(value, other);
  }
}

/** `fieldref`: some value of the field compares with some value of the referenced field. */
function fieldRefNode(reader: FieldReader, spec: FieldSpec, op: Operator, refField: string, context: CompileContext): MatchNode {
  const ref = fieldReader(mappedField(context, refField));
  const matches = (event: LogEvent, value: string): boolean => ref(event, (other) => compareText(op, spec.cased, value, other));
  return {
    test: (event) => reader(event, (value) => matches(event, value)),
    collect: (event, out) =>
      reader(event, (value, source, field) => {
        if (!matches(event, value)) return false;
        out.push(evidenceOf(field, value, source));
        return true;
      }),
    constraint: UNCONSTRAINED,
  };
}

/** The provider/id constraint of a plain equality on `Provider_Name` or `EventID`. */
function itemConstraint(spec: FieldSpec, op: Operator, values: readonly unknown[]): IndexConstraint {
  const indexable = spec.field === 'EventID' || spec.field === 'Provider_Name';
  if (!indexable || op !== 'equals' || spec.fieldref || spec.windash || spec.base64 || spec.negate || spec.timePart) return UNCONSTRAINED;
  const literals: string[] = [];
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') return UNCONSTRAINED;
    const units = parseSigmaString(String(v));
    if (hasSpecialUnits(units)) return UNCONSTRAINED;
    literals.push(unitsToText(units));
  }
  if (spec.field === 'Provider_Name') return { providers: new Set(literals.map(foldString)) };
  // Only canonical decimal text can equal a displayed id; other values can never match.
  return { ids: new Set(literals.filter((t) => /^\d+$/.test(t) && String(Number(t)) === t).map(Number)) };
}

/** Compiles one selection-map entry; reports errors to `sink` and returns undefined when it is invalid. */
export function compileFieldItem(key: string, raw: unknown, path: DocPath, sink: RuleErrorSink, context: CompileContext = {}): MatchNode | undefined {
  const parsed = parseFieldKey(key);
  if ('error' in parsed) {
    sink.add(path, parsed.error);
    return undefined;
  }
  const spec = parsed.spec;
  // A keyless entry (`'|all': [...]`) is a keyword search, which looks for the values anywhere in the text.
  const reader = spec.field === '' ? readKeywordText : fieldReader(mappedField(context, spec.field));
  const op: Operator = spec.field === '' && spec.operator === 'equals' ? 'contains' : spec.operator;
  const listed: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  if (listed.length === 0) {
    sink.add(path, 'the list of values is empty');
    return undefined;
  }
  if (op === 'exists') {
    if (typeof raw !== 'boolean') {
      sink.add(path, `'exists' takes true or false`);
      return undefined;
    }
    return existsNode(reader, raw);
  }
  const values = spec.expand ? expandValues(listed, path, Array.isArray(raw), sink, context) : listed;
  if (!values) return undefined;

  const tests: TextTest[] = [];
  const nodes: MatchNode[] = [];
  let valid = true;
  values.forEach((value, i) => {
    const valuePath = Array.isArray(raw) && !spec.expand ? [...path, i] : path;
    if (value === null) {
      if (op !== 'equals' || spec.base64 || spec.windash || spec.fieldref) {
        sink.add(valuePath, 'null cannot be combined with modifiers');
        valid = false;
      } else {
        nodes.push(absentNode(reader));
      }
      return;
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      sink.add(valuePath, 'a value must be a string, a number, a boolean or null');
      valid = false;
      return;
    }
    if (spec.fieldref) {
      if (typeof value !== 'string' || value === '') {
        sink.add(valuePath, `'fieldref' needs a field name`);
        valid = false;
      } else {
        nodes.push(fieldRefNode(reader, spec, op, value, context));
      }
      return;
    }
    const test = compileValueTest(spec, value, op);
    if (typeof test === 'string') {
      sink.add(valuePath, test);
      valid = false;
    } else if (spec.all) {
      nodes.push(valueNode(reader, test));
    } else {
      tests.push(test);
    }
  });
  if (!valid) return undefined;
  if (tests.length > 0) {
    nodes.unshift(valueNode(reader, anyTest(tests)));
  }
  const node = spec.all ? allOfNodes(nodes) : anyOfNodes(nodes);
  if (spec.negate) return notNode(node);
  return { ...node, constraint: itemConstraint(spec, op, values) };
}

/** The values of an `expand` item with each placeholder replaced by its values; undefined after an error. */
function expandValues(values: readonly unknown[], path: DocPath, listed: boolean, sink: RuleErrorSink, context: CompileContext): unknown[] | undefined {
  const out: unknown[] = [];
  let valid = true;
  values.forEach((value, i) => {
    if (typeof value !== 'string') {
      out.push(value);
      return;
    }
    const expanded = expandPlaceholders(value, context.placeholders);
    if (typeof expanded === 'string') {
      sink.add(listed ? [...path, i] : path, expanded);
      valid = false;
    } else {
      out.push(...expanded);
    }
  });
  return valid ? out : undefined;
}
