/**
 * A named selection of a detection: a map (AND of its fields), a list (OR of its maps and keywords),
 * or a keyword (a string searched in the message and every data value).
 */
import type { CompileContext } from './compileContext';
import { readKeywordText } from './fields';
import { compileFieldItem } from './fieldItem';
import { allOfNodes, anyOfNodes, evidenceOf, type MatchNode } from './matchNode';
import type { DocPath, RuleErrorSink } from './ruleErrors';
import { compileContainsAny, parseSigmaString } from './values';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function keywordNode(keywords: readonly (string | number)[]): MatchNode {
  const patterns = keywords.map((k) => parseSigmaString(String(k)));
  const test = compileContainsAny(patterns);
  return {
    test: (event) => readKeywordText(event, test),
    collect: (event, out) =>
      readKeywordText(event, (value, source, field) => {
        if (!test(value)) return false;
        out.push(evidenceOf(field, value, source));
        return true;
      }),
    constraint: { keywords: patterns },
  };
}

function compileMap(map: Record<string, unknown>, path: DocPath, sink: RuleErrorSink, context: CompileContext): MatchNode | undefined {
  const keys = Object.keys(map);
  if (keys.length === 0) {
    sink.add(path, 'the selection is empty');
    return undefined;
  }
  const items: MatchNode[] = [];
  let valid = true;
  for (const key of keys) {
    const item = compileFieldItem(key, map[key], [...path, key], sink, context);
    if (item) items.push(item);
    else valid = false;
  }
  return valid ? allOfNodes(items) : undefined;
}

/** Compiles the value of one search identifier; reports errors to `sink`. */
export function compileSelection(value: unknown, path: DocPath, sink: RuleErrorSink, context: CompileContext = {}): MatchNode | undefined {
  if (isPlainObject(value)) return compileMap(value, path, sink, context);
  if (typeof value === 'string' || typeof value === 'number') {
    return keywordNode([value]);
  }
  if (!Array.isArray(value)) {
    sink.add(path, 'a selection must be a map of fields, a list of maps or keywords, or a keyword');
    return undefined;
  }
  if (value.length === 0) {
    sink.add(path, 'the selection is empty');
    return undefined;
  }
  const nodes: MatchNode[] = [];
  const keywords: (string | number)[] = [];
  let valid = true;
  value.forEach((element: unknown, i) => {
    if (isPlainObject(element)) {
      const node = compileMap(element, [...path, i], sink, context);
      if (node) nodes.push(node);
      else valid = false;
    } else if (typeof element === 'string' || typeof element === 'number') {
      keywords.push(element);
    } else {
      sink.add([...path, i], 'a list item must be a map of fields or a keyword string');
      valid = false;
    }
  });
  if (!valid) return undefined;
  if (keywords.length > 0) nodes.push(keywordNode(keywords));
  return anyOfNodes(nodes);
}
