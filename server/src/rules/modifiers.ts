/**
 * Field keys with modifiers (`CommandLine|windash|contains|all`): parsing and validation of the chain.
 * Unknown modifiers and combinations that make no sense are errors, never silently ignored.
 */
import type { TextEncoding } from './encodings';

/** How a field's values are compared with the rule's values. */
export type Operator =
  | 'equals'
  | 'contains'
  | 'startswith'
  | 'endswith'
  | 're'
  | 'cidr'
  | 'gt'
  | 'gte'
  | 'lt'
  | 'lte'
  | 'exists';

/** A parsed field key. */
export interface FieldSpec {
  /** The field name; '' means a keyword search over the message and the data values. */
  field: string;
  operator: Operator;
  /** `fieldref`: the rule's values name other fields whose values are compared. */
  fieldref: boolean;
  /** `all`: every value must match (default: any). */
  all: boolean;
  /** `cased`: compare case-sensitively (default: ignore case). */
  cased: boolean;
  windash: boolean;
  /** `base64` / `base64offset`: compare against the base64 form of the value. */
  base64?: 'base64' | 'base64offset';
  /** The byte encoding encoded by base64 (`wide`/`utf16le`, `utf16be`, `utf16`; default UTF-8). */
  encoding: TextEncoding;
  /** `re` flags from `i`, `m`, `s`. */
  regexFlags: string;
  /** `neq`: the item holds when the field has no value the rest of the chain accepts. */
  negate: boolean;
  /** `expand`: `%name%` in a value stands for each value of the named placeholder. */
  expand: boolean;
  /** `minute` ... `year`: compare that part of a date value as a number. */
  timePart?: TimePart;
}

/** Sigma 2.1's time modifiers. */
export type TimePart = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';
const TIME_PARTS = new Set<string>(['minute', 'hour', 'day', 'week', 'month', 'year']);

const STRING_OPERATORS = new Set<Operator>(['contains', 'startswith', 'endswith']);
const OPERATORS = new Set<string>(['contains', 'startswith', 'endswith', 're', 'cidr', 'gt', 'gte', 'lt', 'lte', 'exists']);
const ENCODINGS: Readonly<Record<string, TextEncoding>> = {
  wide: 'utf16le',
  utf16le: 'utf16le',
  utf16be: 'utf16be',
  utf16: 'utf16',
};
const REGEX_FLAGS: Readonly<Record<string, string>> = { i: 'i', ignorecase: 'i', m: 'm', multiline: 'm', s: 's', dotall: 's' };

/** Parses `Field|mod|mod`; returns the spec or the reason it is invalid. */
export function parseFieldKey(key: string): { spec: FieldSpec } | { error: string } {
  const [field = '', ...modifiers] = key.split('|');
  const spec: FieldSpec = {
    field,
    operator: 'equals',
    fieldref: false,
    all: false,
    cased: false,
    windash: false,
    encoding: 'utf8',
    regexFlags: '',
    negate: false,
    expand: false,
  };
  const seen = new Set<string>();
  let encodingPending = false;
  for (const modifier of modifiers) {
    if (seen.has(modifier)) return { error: `modifier '${modifier}' is repeated` };
    seen.add(modifier);
    if (OPERATORS.has(modifier)) {
      if (spec.operator !== 'equals') return { error: `modifiers '${spec.operator}' and '${modifier}' cannot be combined` };
      spec.operator = modifier as Operator;
    } else if (modifier === 'all') {
      spec.all = true;
    } else if (modifier === 'cased') {
      spec.cased = true;
    } else if (modifier === 'fieldref') {
      spec.fieldref = true;
    } else if (modifier === 'windash') {
      spec.windash = true;
    } else if (modifier === 'base64' || modifier === 'base64offset') {
      if (spec.base64) return { error: `modifiers '${spec.base64}' and '${modifier}' cannot be combined` };
      spec.base64 = modifier;
      encodingPending = false;
    } else if (ENCODINGS[modifier] !== undefined) {
      if (spec.base64) return { error: `'${modifier}' must come before 'base64' or 'base64offset'` };
      if (spec.encoding !== 'utf8') return { error: `only one of 'wide', 'utf16le', 'utf16be', 'utf16' may be used` };
      spec.encoding = ENCODINGS[modifier] ?? 'utf8';
      encodingPending = true;
    } else if (REGEX_FLAGS[modifier] !== undefined) {
      spec.regexFlags += REGEX_FLAGS[modifier] ?? '';
    } else if (modifier === 'expand') {
      spec.expand = true;
    } else if (modifier === 'neq') {
      spec.negate = true;
    } else if (TIME_PARTS.has(modifier)) {
      if (spec.timePart) return { error: `modifiers '${spec.timePart}' and '${modifier}' cannot be combined` };
      spec.timePart = modifier as TimePart;
    } else {
      return { error: modifier === '' ? 'empty modifier' : `unknown modifier '${modifier}'` };
    }
  }
  return checkCombination(spec, encodingPending);
}

function checkCombination(spec: FieldSpec, encodingPending: boolean): { spec: FieldSpec } | { error: string } {
  const op = spec.operator;
  const textual = op === 'equals' || STRING_OPERATORS.has(op);
  if (encodingPending) return { error: `'wide', 'utf16le', 'utf16be' and 'utf16' must be followed by 'base64' or 'base64offset'` };
  if (spec.regexFlags !== '' && op !== 're') return { error: `regular expression flags (i, m, s) need the 're' modifier` };
  if (spec.fieldref && !textual) return { error: `'fieldref' cannot be combined with '${op}'` };
  if (spec.fieldref && (spec.windash || spec.base64)) return { error: `'fieldref' cannot be combined with value transformations` };
  if ((spec.windash || spec.base64) && !textual) return { error: `'${spec.base64 ?? 'windash'}' cannot be combined with '${op}'` };
  if (spec.windash && spec.base64) return { error: `'windash' cannot be combined with '${spec.base64}'` };
  if (spec.cased && !textual) return { error: `'cased' cannot be combined with '${op}'` };
  if (spec.all && op === 'exists') return { error: `'all' cannot be combined with 'exists'` };
  if (spec.negate && op !== 'equals') return { error: `'neq' cannot be combined with '${op}'` };
  if (spec.expand && (!textual || spec.fieldref)) return { error: `'expand' cannot be combined with '${spec.fieldref ? 'fieldref' : op}'` };
  if (spec.timePart) {
    const numeric = op === 'equals' || op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte';
    if (!numeric || spec.fieldref || spec.windash || spec.base64 || spec.cased || spec.expand) {
      return { error: `'${spec.timePart}' compares a date part as a number: only 'neq', 'gt', 'gte', 'lt' and 'lte' may go with it` };
    }
  }
  return { spec };
}
