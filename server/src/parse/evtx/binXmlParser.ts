import { u16, u32, utf16 } from './bytes';
import type { ChunkContext } from './chunkContext';
import {
  NO_SUBSTITUTION,
  NodeKind,
  type AttributeNode,
  type ContentNode,
  type ElementNode,
  type TemplateDefinition,
  type TemplateInstanceNode,
  type ValuePart,
  type ValueRef,
} from './binXmlNodes';

/** Token bytes of [MS-EVEN6] binary XML; 0x40 on some of them means "more data follows". */
const enum Token {
  EOF = 0x00,
  OpenStartElement = 0x01,
  CloseStartElement = 0x02,
  CloseEmptyElement = 0x03,
  EndElement = 0x04,
  Value = 0x05,
  Attribute = 0x06,
  CDataSection = 0x07,
  CharRef = 0x08,
  EntityRef = 0x09,
  PITarget = 0x0a,
  PIData = 0x0b,
  TemplateInstance = 0x0c,
  NormalSubstitution = 0x0d,
  OptionalSubstitution = 0x0e,
  FragmentHeader = 0x0f,
}

/** Nesting limit for elements, templates and nested BinXml values together: real events stay far below it. */
export const MAX_DEPTH = 96;

/** Why a record's binary XML could not be read; caught per record, never leaves the decoder. */
export class BinXmlError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/**
 * Reads binary XML from `ctx.bytes[start, end)` into nodes. Template definitions are decoded once per
 * chunk and shared by every instance; names are cached by offset in the context.
 */
export class BinXmlParser {
  private pos: number;
  private depth: number;
  /** Elements of a BinXml value that starts with a bare element omit the dependency identifier. */
  private noDependencyId = false;

  constructor(
    private readonly ctx: ChunkContext,
    start: number,
    private readonly end: number,
    depth = 0,
  ) {
    this.pos = start;
    this.depth = depth;
  }

  /** A document or fragment: optional PIs, fragment headers, then an element or template instance, until EOF. */
  parseDocument(): ContentNode[] {
    const nodes: ContentNode[] = [];
    while (this.pos < this.end) {
      const token = this.byte(this.pos);
      switch (token & 0x1f) {
        case Token.EOF:
          this.pos++;
          return nodes;
        case Token.FragmentHeader:
          this.need(4);
          this.pos += 4;
          break;
        case Token.OpenStartElement:
          nodes.push(this.parseElement());
          break;
        case Token.TemplateInstance:
          nodes.push(this.parseTemplateInstance());
          break;
        case Token.PITarget:
          nodes.push(this.parseProcessingInstruction());
          break;
        default:
          throw new BinXmlError(`unexpected token 0x${token.toString(16)} at document level`, this.pos);
      }
    }
    return nodes;
  }

  /**
   * A BinXml substitution value: a fragment, a template instance, or an element that starts right away.
   * libevtx documents that such a bare element carries no dependency identifier; both layouts are accepted.
   */
  parseValueFragment(): ContentNode[] {
    const token = this.pos < this.end ? this.byte(this.pos) & 0x1f : Token.EOF;
    if (token !== Token.OpenStartElement) return this.parseDocument();
    this.noDependencyId = !this.looksLikeDependencyLayout(this.pos);
    return this.parseDocument();
  }

  private byte(o: number): number {
    if (o >= this.end) throw new BinXmlError('binary XML ends inside a token', o);
    return this.ctx.bytes[o] as number;
  }

  private need(n: number): void {
    if (this.pos + n > this.end) throw new BinXmlError('binary XML ends inside a token', this.pos);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) throw new BinXmlError('binary XML nested too deeply', this.pos);
  }

  /** Whether the element at `o` has the 2-byte dependency identifier: its data size must then fit. */
  private looksLikeDependencyLayout(o: number): boolean {
    if (o + 11 > this.end) return false;
    const b = this.ctx.bytes;
    const withDep = u32(b, o + 3);
    const withoutDep = u32(b, o + 1);
    const fitsWith = o + 7 + withDep <= this.end;
    const fitsWithout = o + 5 + withoutDep <= this.end;
    if (fitsWith !== fitsWithout) return fitsWith;
    return u32(b, o + 7) < b.length;
  }

  /** Reads a name reference (4-byte chunk offset) and steps over the name when it is stored right here. */
  private nameRef(): string {
    this.need(4);
    const offset = u32(this.ctx.bytes, this.pos);
    this.pos += 4;
    const name = this.ctx.name(offset);
    if (name === undefined) throw new BinXmlError(`name offset 0x${offset.toString(16)} outside the chunk`, this.pos - 4);
    if (offset === this.pos) {
      this.pos += this.ctx.nameSize(offset);
      if (this.pos > this.end) throw new BinXmlError('inline name runs past the data', offset);
    }
    return name;
  }

  private lengthPrefixedString(): string {
    this.need(2);
    const count = u16(this.ctx.bytes, this.pos);
    this.pos += 2;
    this.need(2 * count);
    const s = utf16(this.ctx.bytes, this.pos, count);
    this.pos += 2 * count;
    return s;
  }

  private parseElement(): ElementNode {
    this.enter();
    const b = this.ctx.bytes;
    const start = this.pos;
    const token = this.byte(this.pos);
    this.pos += 1;
    if (!this.noDependencyId) this.pos += 2;
    this.need(4);
    const dataSize = u32(b, this.pos);
    this.pos += 4;
    if (this.pos + dataSize > this.end) throw new BinXmlError('element data size runs past the data', start);
    const name = this.nameRef();
    const attributes: AttributeNode[] = [];
    if (token & 0x40) {
      this.need(4);
      const listSize = u32(b, this.pos);
      this.pos += 4;
      const listEnd = this.pos + listSize;
      if (listEnd > this.end) throw new BinXmlError('attribute list runs past the data', this.pos - 4);
      while (this.pos < listEnd && (this.byte(this.pos) & 0x1f) === Token.Attribute) {
        this.pos += 1;
        const attrName = this.nameRef();
        const parts = this.parseValueParts();
        const only = parts.length === 1 ? parts[0] : undefined;
        attributes.push({ name: attrName, prefix: ` ${attrName}="`, parts, single: only?.kind === NodeKind.Substitution ? only : NO_SUBSTITUTION });
      }
    }
    const close = this.byte(this.pos);
    this.pos += 1;
    const children: ContentNode[] = [];
    if (close !== Token.CloseEmptyElement) {
      if (close !== Token.CloseStartElement) throw new BinXmlError(`unexpected token 0x${close.toString(16)} after element start`, this.pos - 1);
      this.parseContent(children);
    }
    let hasSubstitution = false;
    let hasElementChild = false;
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as ContentNode;
      if (child.kind === NodeKind.Substitution) hasSubstitution = true;
      else if (child.kind === NodeKind.Element || child.kind === NodeKind.TemplateInstance || child.kind === NodeKind.ProcessingInstruction) hasElementChild = true;
    }
    const only = children.length === 1 ? children[0] : undefined;
    const leafSubstitution = only?.kind === NodeKind.Substitution ? only : NO_SUBSTITUTION;
    this.depth--;
    // Built once with its final values: every element then has the same hidden class and field types.
    return { kind: NodeKind.Element, name, attributes, children, hasElementChild, hasSubstitution, leafSubstitution, openTags: [], closeTags: [] };
  }

  /** Attribute data: text, substitutions, character and entity references, until another token. */
  private parseValueParts(): ValuePart[] {
    const parts: ValuePart[] = [];
    for (;;) {
      if (this.pos >= this.end) return parts;
      const token = (this.ctx.bytes[this.pos] as number) & 0x1f;
      if (token === Token.Value) parts.push(this.parseValueText());
      else if (token === Token.NormalSubstitution || token === Token.OptionalSubstitution) parts.push(this.parseSubstitution());
      else if (token === Token.CharRef) parts.push(this.parseCharRef());
      else if (token === Token.EntityRef) parts.push(this.parseEntityRef());
      else return parts;
    }
  }

  private parseContent(children: ContentNode[]): void {
    for (;;) {
      const token = this.byte(this.pos);
      switch (token & 0x1f) {
        case Token.EndElement:
          this.pos += 1;
          return;
        case Token.OpenStartElement:
          children.push(this.parseElement());
          break;
        case Token.Value:
          children.push(this.parseValueText());
          break;
        case Token.NormalSubstitution:
        case Token.OptionalSubstitution:
          children.push(this.parseSubstitution());
          break;
        case Token.CharRef:
          children.push(this.parseCharRef());
          break;
        case Token.EntityRef:
          children.push(this.parseEntityRef());
          break;
        case Token.CDataSection:
          this.pos += 1;
          children.push({ kind: NodeKind.CData, text: this.lengthPrefixedString() });
          break;
        case Token.PITarget:
          children.push(this.parseProcessingInstruction());
          break;
        case Token.TemplateInstance:
          children.push(this.parseTemplateInstance());
          break;
        default:
          throw new BinXmlError(`unexpected token 0x${token.toString(16)} in element content`, this.pos);
      }
    }
  }

  private parseValueText(): ValuePart {
    this.need(2);
    this.pos += 2; // token, value type (always a UTF-16 string)
    return { kind: NodeKind.Text, text: this.lengthPrefixedString() };
  }

  private parseSubstitution(): ValuePart {
    this.need(4);
    const b = this.ctx.bytes;
    const optional = ((b[this.pos] as number) & 0x1f) === Token.OptionalSubstitution;
    const index = u16(b, this.pos + 1);
    this.pos += 4;
    return { kind: NodeKind.Substitution, index, optional };
  }

  private parseCharRef(): ValuePart {
    this.need(3);
    const code = u16(this.ctx.bytes, this.pos + 1);
    this.pos += 3;
    return { kind: NodeKind.CharRef, code };
  }

  private parseEntityRef(): ValuePart {
    this.pos += 1;
    return { kind: NodeKind.EntityRef, name: this.nameRef() };
  }

  private parseProcessingInstruction(): ContentNode {
    this.pos += 1;
    const target = this.nameRef();
    let data = '';
    if (this.pos < this.end && this.byte(this.pos) === Token.PIData) {
      this.pos += 1;
      data = this.lengthPrefixedString();
    }
    return { kind: NodeKind.ProcessingInstruction, target, data };
  }

  /**
   * Template instance: token, 1 unknown byte, 4-byte template id, 4-byte definition offset; the
   * definition follows inline when that offset is the current position. Then the instance data:
   * value count, (size, type, padding) descriptors and the values back to back.
   */
  private parseTemplateInstance(): TemplateInstanceNode {
    this.enter();
    const b = this.ctx.bytes;
    const start = this.pos;
    this.need(10);
    const defOffset = u32(b, this.pos + 6);
    this.pos += 10;
    const template = this.template(defOffset, start);
    if (defOffset === this.pos) {
      this.need(24);
      const size = u32(b, this.pos + 20);
      this.pos += 24 + size;
      if (this.pos > this.end) throw new BinXmlError('inline template definition runs past the data', start);
    }
    this.need(4);
    const count = u32(b, this.pos);
    this.pos += 4;
    if (count * 4 > this.end - this.pos) throw new BinXmlError(`template value count ${count} does not fit`, this.pos - 4);
    const values: ValueRef[] = new Array<ValueRef>(count);
    let dataPos = this.pos + 4 * count;
    for (let i = 0; i < count; i++) {
      const d = this.pos + 4 * i;
      const size = u16(b, d);
      values[i] = { type: b[d + 2] as number, offset: dataPos, size };
      dataPos += size;
    }
    if (dataPos > this.end) throw new BinXmlError('template values run past the data', this.pos);
    this.pos = dataPos;
    this.depth--;
    return { kind: NodeKind.TemplateInstance, template, values };
  }

  /** The definition at `offset` (4 bytes next link, 16 bytes GUID, 4 bytes size, then the fragment), decoded once. */
  private template(offset: number, instanceOffset: number): TemplateDefinition {
    const cached = this.ctx.templates.get(offset);
    if (cached) return cached;
    const b = this.ctx.bytes;
    if (offset + 24 > b.length) throw new BinXmlError(`template offset 0x${offset.toString(16)} outside the chunk`, instanceOffset);
    const size = u32(b, offset + 20);
    const dataEnd = offset + 24 + size;
    if (dataEnd > b.length) throw new BinXmlError('template definition runs past the chunk', offset);
    // Register before decoding so a definition that refers to itself cannot recurse.
    const definition: TemplateDefinition = { offset, nodes: [] };
    this.ctx.templates.set(offset, definition);
    try {
      definition.nodes = new BinXmlParser(this.ctx, offset + 24, dataEnd, this.depth).parseDocument();
    } catch (error) {
      this.ctx.templates.delete(offset);
      throw error;
    }
    return definition;
  }
}
