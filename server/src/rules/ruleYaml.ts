/** Reading a rule file's YAML text, keeping a way back from document paths to lines for error reports. */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type ScalarTag, type Tags } from 'yaml';
import type { RuleSource } from './schema';
import type { DocPath, LineLocator, RuleError } from './ruleErrors';

const locators = new WeakMap<object, LineLocator>();

const INT_TAG = 'tag:yaml.org,2002:int';
const FLOAT_TAG = 'tag:yaml.org,2002:float';
/** Decimal integers that survive a round trip through a JS number unchanged. */
const CANONICAL_INT = /^(?:0|-?[1-9][0-9]{0,14})$/;

/**
 * YAML's core schema, except that only canonical decimal integers become numbers: hex (`0x80072EE7`),
 * octal, floats and `08` stay the text the author wrote, since rule values compare as text.
 * scripts/generateCatalog.mjs applies the same filter (the catalog test checks they agree).
 */
export function sigmaYamlTags(tags: Tags): Tags {
  const kept: Tags = [];
  for (const tag of tags) {
    if (typeof tag === 'string') kept.push(tag);
    else if (tag.tag === INT_TAG && tag.format === undefined) kept.push({ ...tag, test: CANONICAL_INT } as ScalarTag);
    else if (tag.tag !== FLOAT_TAG && tag.tag !== INT_TAG) kept.push(tag);
  }
  return kept;
}

/** The line locator of a document parsed by `parseRuleYaml`, if any. */
export function lineLocatorOf(document: unknown): LineLocator | undefined {
  return typeof document === 'object' && document !== null ? locators.get(document) : undefined;
}

/** Finds the deepest node on `path`; a map entry is located at its key, so errors point at the field name. */
function locate(root: unknown, path: DocPath): number | undefined {
  let node: unknown = root;
  let offset = (root as YamlNode | null)?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/**
 * Parses a rule file (users' rules at runtime; the built-in catalog is precompiled). YAML errors come back
 * with their line; `compileRuleSource` on the result reports validation errors with lines too.
 */
export function parseRuleYaml(path: string, yamlText: string): RuleSource & { errors: RuleError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, customTags: sigmaYamlTags });
  const errors: RuleError[] = doc.errors.map((e) => ({
    path: '',
    line: lineCounter.linePos(e.pos[0]).line,
    message: e.code === 'MULTIPLE_DOCS' ? 'a rule file holds one YAML document (rule collections are not supported)' : (e.message.split('\n')[0] ?? e.message),
  }));
  let document: unknown = null;
  if (errors.length === 0) {
    try {
      document = doc.toJS({ maxAliasCount: 100 });
    } catch (e) {
      errors.push({ path: '', message: (e as Error).message });
    }
  }
  if (typeof document === 'object' && document !== null) {
    const contents = doc.contents;
    locators.set(document, (p) => {
      const offset = locate(contents, p);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    });
  }
  return { path, document, scripts: {}, errors };
}
