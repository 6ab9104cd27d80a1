import { BinXmlError, BinXmlParser, MAX_DEPTH } from './binXmlParser';
import { NodeKind, type AttributeNode, type ContentNode, type ElementNode, type ValuePart, type ValueRef } from './binXmlNodes';
import { ChunkContext } from './chunkContext';
import { EventCollector } from './eventCollector';
import { arrayItems, valueText } from './formatValue';
import { ValueType } from './valueTypes';
import type { LogEvent } from '../model';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NO_VALUES: ValueRef[] = [];
const NO_CHUNK = new ChunkContext(new Uint8Array(0));

/** The array item standing in for substitution `index` while its element repeats; index -1 when none does. */
interface ArrayItem {
  index: number;
  text: string;
}
/** A field that always holds the same shape of object keeps the renderer's hidden class stable. */
const NO_ITEM: ArrayItem = { index: -1, text: '' };
const INDENTS: string[] = [];

function indentation(level: number): string {
  let indent = INDENTS[level];
  if (indent === undefined) INDENTS[level] = indent = '  '.repeat(level);
  return indent;
}

/** `s` with `&`, `<`, `>` (and in attributes `"`) escaped; `s` itself when it holds none, the usual case. */
function escapeText(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62) return s.replace(/[&<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : '&gt;'));
  }
  return s;
}

function escapeAttribute(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 38 || c === 60 || c === 62 || c === 34) {
      return s.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
    }
  }
  return s;
}

/**
 * Whether values of `type` (or arrays of it) can hold `&`, `<`, `>` or `"`: only strings can. Numbers, GUIDs,
 * SIDs, times and hex are written from digits, letters and `{}-.:#+`, so their text needs no escaping.
 */
function isText(type: number): boolean {
  const base = type & 0x7f;
  return base === ValueType.String || base === ValueType.AnsiString;
}

/** A rendered record: the XML text and the event read from it. */
export interface RenderedEvent {
  xml: string;
  event: LogEvent;
  /** Nothing was rendered: the record holds no event. */
  empty: boolean;
}

/**
 * Renders decoded binary XML laid out as `evtxexport -f xml` does: two spaces of indentation per level,
 * one element per line, `<X/>` for elements without content. Optional substitutions whose value is NULL
 * drop their attribute or element ([MS-EVEN6]); array values repeat their element per item. Values are
 * formatted by type (see formatValue.ts). The event model is collected on the way.
 */
export class XmlRenderer {
  /** The pieces of XML so far (none when `emitXml` is off), joined once per record; `length` counts characters either way. */
  private readonly pieces: string[] = [];
  private count = 0;
  private length = 0;
  private readonly path: string[] = [];
  private collector = new EventCollector();
  /** The escaped text of the last `partsText` call (which returns the decoded text). */
  private raw = '';
  /** The array item standing in for one substitution while its element is repeated. */
  private arrayItem: ArrayItem = NO_ITEM;
  /** The chunk of the record being rendered: values and nested binary XML point into it. */
  private ctx = NO_CHUNK;

  /**
   * `padHex`: write hex integers zero-padded as evtxexport does (`0x00000000000003e7`) instead of as
   * Windows (`0x3e7`). `emitXml: false` collects the event only: no XML text, every span empty at 0.
   */
  constructor(
    private readonly padHex = false,
    private readonly emitXml = true,
  ) {}

  /** Where a span starts or ends: the current length, or 0 when no XML is written. */
  private at(offset = this.length): number {
    return this.emitXml ? offset : 0;
  }

  /** Renders one record of the chunk `ctx`; a renderer is reused for every record. */
  render(ctx: ChunkContext, nodes: ContentNode[]): RenderedEvent {
    this.ctx = ctx;
    this.count = 0;
    this.length = 0;
    this.path.length = 0;
    this.arrayItem = NO_ITEM;
    this.collector = new EventCollector();
    this.renderNodes(nodes, NO_VALUES, 0);
    const pieces = this.pieces;
    pieces.length = this.count;
    let xml = pieces.join('');
    if (xml.charCodeAt(xml.length - 1) === 10) xml = xml.slice(0, -1);
    this.collector.finish(xml.length);
    return { xml, event: this.collector.event, empty: this.length === 0 };
  }

  private renderNodes(nodes: readonly ContentNode[], values: ValueRef[], depth: number): void {
    if (depth > MAX_DEPTH) throw new BinXmlError('templates nested too deeply', 0);
    // Indexed loops: a cold run spends its first records in the interpreter, where `for...of` pays for an iterator.
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as ContentNode;
      switch (node.kind) {
        case NodeKind.Element:
          this.renderElement(node, values, depth);
          break;
        case NodeKind.TemplateInstance:
          this.renderNodes(node.template.nodes, node.values, depth + 1);
          break;
        case NodeKind.Substitution: {
          const value = values[node.index];
          if (value && value.type === ValueType.BinXml) this.renderBinXmlValue(value, depth);
          else if (value && this.partsText([node], values) !== '') this.textLine();
          break;
        }
        case NodeKind.ProcessingInstruction:
          this.write(`${indentation(this.path.length)}<?${node.target}${node.data ? ' ' + node.data : ''}?>`);
          this.write('\n');
          break;
        default: {
          const decoded = this.partsText([node as ValuePart], values);
          if (decoded.trim() !== '') this.textLine();
        }
      }
    }
  }

  /** Text between child elements goes on a line of its own, from the last `partsText` call. */
  private textLine(): void {
    this.write(indentation(this.path.length));
    this.write(this.raw);
    this.write('\n');
  }

  private write(s: string): void {
    if (this.emitXml) this.pieces[this.count++] = s;
    this.length += s.length;
  }

  private renderBinXmlValue(value: ValueRef, depth: number): void {
    if (value.size === 0) return;
    const parser = new BinXmlParser(this.ctx, value.offset, value.offset + value.size, depth + 1);
    this.renderNodes(parser.parseValueFragment(), NO_VALUES, depth + 1);
  }

  private renderElement(node: ElementNode, values: ValueRef[], depth: number): void {
    if (!node.hasSubstitution) {
      this.renderElementOnce(node, values, depth);
      return;
    }
    const leaf = node.leafSubstitution;
    if (leaf.index >= 0) {
      const value = values[leaf.index];
      if (value === undefined || value.type === ValueType.Null) {
        if (leaf.optional) return;
      } else if ((value.type & ValueType.ArrayFlag) === 0) {
        this.renderElementOnce(node, values, depth);
        return;
      }
    }
    let arrayIndex = -1;
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as ContentNode;
      if (child.kind !== NodeKind.Substitution) continue;
      const value = values[child.index];
      if (!value || value.type === ValueType.Null) {
        // An optional substitution without a value removes its element ([MS-EVEN6], libevtx).
        if (child.optional) return;
      } else if (value.type & ValueType.ArrayFlag) {
        arrayIndex = child.index;
      }
    }
    if (arrayIndex < 0) {
      this.renderElementOnce(node, values, depth);
      return;
    }
    // An array value repeats its element once per item; an empty array still gives one empty element.
    const value = values[arrayIndex] as ValueRef;
    const items = value.size === 0 ? [''] : arrayItems(this.ctx.bytes, value.offset, value.size, value.type, this.padHex);
    for (const item of items.length > 0 ? items : ['']) {
      this.arrayItem = { index: arrayIndex, text: item };
      this.renderElementOnce(node, values, depth);
    }
    this.arrayItem = NO_ITEM;
  }

  private renderElementOnce(node: ElementNode, values: ValueRef[], depth: number): void {
    const level = this.path.length;
    const start = this.at(this.length + 2 * level);
    this.path.push(node.name);
    this.collector.elementStart();
    this.write(node.openTags[level] ?? (node.openTags[level] = `${indentation(level)}<${node.name}`));
    if (node.attributes.length > 0) this.renderAttributes(node.attributes, values);
    if (this.hasElementContent(node, values)) this.renderChildren(node, values, depth, level);
    else this.renderText(node, values);
    this.collector.elementEnd(this.path, start, this.at(this.length - 1));
    this.path.pop();
  }

  /** Child elements, each on its own lines, and the end tag at `level`. */
  private renderChildren(node: ElementNode, values: ValueRef[], depth: number, level: number): void {
    const beforeOpen = this.count;
    this.write('>\n');
    const markLength = this.length;
    this.renderNodes(node.children, values, depth + 1);
    // Every child may have been dropped (optional substitutions without values): an empty element remains.
    // Both outcomes run the same statements, so the rare one finds optimized code ready for it.
    const empty = this.length === markLength;
    this.count = empty ? beforeOpen : this.count;
    this.length -= empty ? 2 : 0;
    this.write(empty ? '/>\n' : (node.closeTags[level] ?? (node.closeTags[level] = `${indentation(level)}</${node.name}>\n`)));
  }

  /** Text content on the element's line and the end tag, or `/>` when there is none. */
  private renderText(node: ElementNode, values: ValueRef[]): void {
    let decoded: string;
    const leaf = node.leafSubstitution;
    if (leaf.index >= 0) {
      const value = values[leaf.index];
      decoded = value === undefined ? '' : this.substitutionText(leaf.index, value);
      this.raw = this.emitXml && value !== undefined && isText(value.type) ? escapeText(decoded) : decoded;
    } else {
      decoded = this.partsText(node.children as ValuePart[], values);
    }
    if (this.raw === '' || isBlankLines(this.raw)) {
      this.collector.text(this.path, '', this.at(), this.at());
      this.write('/>\n');
    } else {
      this.write('>');
      const textStart = this.at();
      this.write(this.raw);
      this.collector.text(this.path, decoded, textStart, this.at());
      this.write(node.closeTags[0] ?? (node.closeTags[0] = `</${node.name}>\n`));
    }
  }

  /** The attributes of the element just opened; kept out of `renderElementOnce` so each compiles to less code. */
  private renderAttributes(attributes: readonly AttributeNode[], values: ValueRef[]): void {
    for (let i = 0; i < attributes.length; i++) {
      const attribute = attributes[i] as AttributeNode;
      let decoded: string;
      const single = attribute.single;
      if (single.index >= 0) {
        const value = values[single.index];
        if (single.optional && (value === undefined || value.type === ValueType.Null || value.size === 0)) continue;
        decoded = value === undefined ? '' : this.substitutionText(single.index, value);
        this.raw = this.emitXml && value !== undefined && isText(value.type) ? escapeAttribute(decoded) : decoded;
      } else {
        if (isDropped(attribute.parts, values)) continue;
        decoded = this.partsText(attribute.parts, values, true);
      }
      this.write(attribute.prefix);
      const valueStart = this.at();
      this.write(this.raw);
      this.collector.attribute(this.path, attribute.name, decoded, valueStart, this.at());
      this.write('"');
    }
  }

  private hasElementContent(node: ElementNode, values: ValueRef[]): boolean {
    if (node.hasElementChild) return true;
    if (!node.hasSubstitution) return false;
    const leaf = node.leafSubstitution;
    if (leaf.index >= 0) {
      const value = values[leaf.index];
      return value !== undefined && value.type === ValueType.BinXml && value.size > 0;
    }
    const children = node.children;
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as ContentNode;
      if (child.kind !== NodeKind.Substitution) continue;
      const value = values[child.index];
      if (value && value.type === ValueType.BinXml && value.size > 0) return true;
    }
    return false;
  }

  /**
   * Decoded text of text-like nodes with their substitutions; leaves the escaped form in `this.raw`.
   * CDATA sections and entity references keep their XML form in the raw text.
   */
  private partsText(parts: readonly ContentNode[], values: ValueRef[], inAttribute = false): string {
    const escape = inAttribute ? escapeAttribute : escapeText;
    let decoded = '';
    let raw = '';
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as ContentNode;
      switch (part.kind) {
        case NodeKind.Text:
          decoded += part.text;
          raw += escape(part.text);
          break;
        case NodeKind.Substitution: {
          const value = values[part.index];
          if (!value) break;
          const text = this.substitutionText(part.index, value);
          decoded += text;
          raw += escape(text);
          break;
        }
        case NodeKind.CharRef:
          decoded += String.fromCharCode(part.code);
          raw += `&#${part.code};`;
          break;
        case NodeKind.EntityRef: {
          // The named character is written out and escaped again as the context needs (`quot` stays `"` in text).
          const ch = ENTITIES[part.name];
          decoded += ch ?? `&${part.name};`;
          raw += ch === undefined ? `&${part.name};` : escape(ch);
          break;
        }
        case NodeKind.CData:
          decoded += part.text;
          raw += `<![CDATA[${part.text}]]>`;
          break;
      }
    }
    this.raw = raw;
    return decoded;
  }

  /** A substitution's text: the current array item while an array value repeats its element. */
  private substitutionText(index: number, value: ValueRef): string {
    const item = this.arrayItem;
    return item.index === index ? item.text : this.valueString(value);
  }

  private valueString(value: ValueRef): string {
    const b = this.ctx.bytes;
    if (value.type === ValueType.Null || value.size === 0) return '';
    if (value.type & ValueType.ArrayFlag) return arrayItems(b, value.offset, value.size, value.type, this.padHex).join(', ');
    if (value.type === ValueType.BinXml) return '';
    return valueText(b, value.offset, value.size, value.type, this.padHex);
  }
}

/**
 * Whitespace-only content with a line break: libevtx documents that Event Viewer treats it as empty,
 * and evtxexport writes such an element as `<X/>`.
 */
function isBlankLines(raw: string): boolean {
  let newline = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 10 || c === 13) newline = true;
    else if (c !== 32 && c !== 9) return false;
  }
  return newline;
}

/** An attribute made only of optional substitutions whose values are NULL is left out. */
function isDropped(parts: readonly ValuePart[], values: ValueRef[]): boolean {
  if (parts.length === 0) return false;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as ValuePart;
    if (part.kind !== NodeKind.Substitution || !part.optional) return false;
    const value = values[part.index];
    if (value && value.type !== ValueType.Null && value.size > 0) return false;
  }
  return true;
}
