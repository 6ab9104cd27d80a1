import { BinXmlError, BinXmlParser, MAX_DEPTH } from './binXmlParser';
import { NodeKind, type ContentNode, type ElementNode, type ValuePart, type ValueRef } from './binXmlNodes';
import type { ChunkContext } from './chunkContext';
import { EventCollector } from './eventCollector';
import { arrayItems, valueText } from './formatValue';
import { ValueType } from './valueTypes';
import type { LogEvent } from '../model';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NO_VALUES: ValueRef[] = [];

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

/** A rendered record: the XML text and the event read from it. */
export interface RenderedEvent {
  xml: string;
  event: LogEvent;
}

/**
 * Renders decoded binary XML as `evtxexport -f xml` does (hex integers aside, see `padHex`): two spaces of indentation per level, one element
 * per line, `<X/>` for elements without content, optional substitutions whose value is NULL dropping their
 * attribute, and values formatted by their type. The event model is collected on the way.
 */
export class XmlRenderer {
  private out = '';
  private readonly path: string[] = [];
  private readonly collector = new EventCollector();
  /** Decoded value and raw (escaped) text of the last `partsText` call. */
  private raw = '';
  /** The array item standing in for one substitution while its element is repeated. */
  private arrayItem: { index: number; text: string } | undefined;

  /** `padHex`: write hex integers zero-padded as evtxexport does (`0x00000000000003e7`) instead of as Windows (`0x3e7`). */
  constructor(
    private readonly ctx: ChunkContext,
    private readonly padHex = false,
  ) {}

  render(nodes: ContentNode[]): RenderedEvent {
    this.renderNodes(nodes, NO_VALUES, 0);
    const xml = this.out.endsWith('\n') ? this.out.slice(0, -1) : this.out;
    const event = this.collector.event;
    event.span = { start: 0, end: xml.length };
    if (event.anchor.end === 0) event.anchor = { start: 0, end: 0 };
    return { xml, event };
  }

  private renderNodes(nodes: readonly ContentNode[], values: ValueRef[], depth: number): void {
    if (depth > MAX_DEPTH) throw new BinXmlError('templates nested too deeply', 0);
    for (const node of nodes) {
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
          this.out += `${'  '.repeat(this.path.length)}<?${node.target}${node.data ? ' ' + node.data : ''}?>\n`;
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
    this.out += `${'  '.repeat(this.path.length)}${this.raw}\n`;
  }

  private renderBinXmlValue(value: ValueRef, depth: number): void {
    if (value.size === 0) return;
    const parser = new BinXmlParser(this.ctx, value.offset, value.offset + value.size, depth + 1);
    this.renderNodes(parser.parseValueFragment(), NO_VALUES, depth + 1);
  }

  private renderElement(node: ElementNode, values: ValueRef[], depth: number): void {
    let arrayIndex = -1;
    for (const child of node.children) {
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
    this.arrayItem = undefined;
  }

  private renderElementOnce(node: ElementNode, values: ValueRef[], depth: number): void {
    const indent = '  '.repeat(this.path.length);
    const start = this.out.length + indent.length;
    this.path.push(node.name);
    this.collector.elementStart(this.path);
    this.out += `${indent}<${node.name}`;
    for (const attribute of node.attributes) {
      if (isDropped(attribute.parts, values)) continue;
      const decoded = this.partsText(attribute.parts, values, true);
      this.out += ` ${attribute.name}="`;
      const valueStart = this.out.length;
      this.out += this.raw;
      this.collector.attribute(this.path, attribute.name, decoded, valueStart, this.out.length);
      this.out += '"';
    }
    if (this.hasElementContent(node.children, values)) {
      this.out += '>\n';
      const mark = this.out.length;
      this.renderNodes(node.children, values, depth + 1);
      if (this.out.length === mark) {
        // Every child was dropped (optional substitutions without values): an empty element remains.
        this.out = this.out.slice(0, mark - 2) + '/>';
        this.collector.elementEnd(this.path, start, this.out.length);
        this.out += '\n';
      } else {
        this.out += `${indent}</${node.name}>`;
        this.collector.elementEnd(this.path, start, this.out.length);
        this.out += '\n';
      }
    } else {
      const decoded = this.partsText(node.children as ValuePart[], values);
      if (this.raw === '' || isBlankLines(this.raw)) {
        const at = this.out.length;
        this.out += '/>';
        this.collector.text(this.path, '', at, at);
      } else {
        this.out += '>';
        const textStart = this.out.length;
        this.out += this.raw;
        this.collector.text(this.path, decoded, textStart, this.out.length);
        this.out += `</${node.name}>`;
      }
      this.collector.elementEnd(this.path, start, this.out.length);
      this.out += '\n';
    }
    this.path.pop();
  }

  private hasElementContent(children: readonly ContentNode[], values: ValueRef[]): boolean {
    for (const child of children) {
      switch (child.kind) {
        case NodeKind.Element:
        case NodeKind.TemplateInstance:
        case NodeKind.ProcessingInstruction:
          return true;
        case NodeKind.Substitution: {
          const value = values[child.index];
          if (value && value.type === ValueType.BinXml && value.size > 0) return true;
        }
      }
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
    for (const part of parts) {
      switch (part.kind) {
        case NodeKind.Text:
          decoded += part.text;
          raw += escape(part.text);
          break;
        case NodeKind.Substitution: {
          const value = values[part.index];
          if (!value) break;
          const text = this.arrayItem?.index === part.index ? this.arrayItem.text : this.valueString(value);
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
  for (const part of parts) {
    if (part.kind !== NodeKind.Substitution || !part.optional) return false;
    const value = values[part.index];
    if (value && value.type !== ValueType.Null && value.size > 0) return false;
  }
  return true;
}
