/**
 * Builds small .evtx files byte by byte for tests: a file header, chunks with correct checksums, and
 * records whose binary XML is written token by token ([MS-EVEN6] 2.2.12, libevtx's format notes).
 */
import { crc32 } from '../../../../server/src/parse/evtx/crc32';

/** Writes binary XML at a known chunk offset, so names and templates can be stored inline. */
export class BinXmlWriter {
  readonly out: number[] = [];
  constructor(
    readonly base: number,
    readonly chunk: ChunkBuilder,
  ) {}

  get offset(): number {
    return this.base + this.out.length;
  }
  u8(...bytes: number[]): this {
    for (const b of bytes) this.out.push(b & 0xff);
    return this;
  }
  u16(n: number): this {
    return this.u8(n, n >> 8);
  }
  u32(n: number): this {
    return this.u8(n, n >> 8, n >> 16, n >>> 24);
  }
  utf16(s: string): this {
    for (let i = 0; i < s.length; i++) this.u16(s.charCodeAt(i));
    return this;
  }
  patch16(at: number, n: number): void {
    this.out[at] = n & 0xff;
    this.out[at + 1] = (n >> 8) & 0xff;
  }
  patch32(at: number, n: number): void {
    for (let i = 0; i < 4; i++) this.out[at + i] = (n >>> (8 * i)) & 0xff;
  }
  /** A name reference: inline (offset = here + 4) the first time a name is used in the chunk. */
  name(s: string): this {
    const known = this.chunk.names.get(s);
    if (known !== undefined) return this.u32(known);
    const at = this.offset + 4;
    this.chunk.names.set(s, at);
    return this.u32(at).u32(0).u16(0).u16(s.length).utf16(s).u16(0);
  }
}

export type Emit = (w: BinXmlWriter) => void;

export const fragmentHeader: Emit = (w) => w.u8(0x0f, 0x01, 0x01, 0x00);
export const eof: Emit = (w) => w.u8(0x00);

/** `<name attrs>children</name>`, or `<name attrs/>` when children is null. */
export function el(name: string, attrs: [string, Emit[]][], children: Emit[] | null, options: { noDependencyId?: boolean } = {}): Emit {
  return (w) => {
    w.u8(attrs.length ? 0x41 : 0x01);
    if (!options.noDependencyId) w.u16(0xffff);
    const sizeAt = w.out.length;
    w.u32(0);
    w.name(name);
    if (attrs.length) {
      const listAt = w.out.length;
      w.u32(0);
      attrs.forEach(([attrName, parts], i) => {
        w.u8(i < attrs.length - 1 ? 0x46 : 0x06).name(attrName);
        for (const part of parts) part(w);
      });
      w.patch32(listAt, w.out.length - listAt - 4);
    }
    if (children === null) {
      w.u8(0x03);
    } else {
      w.u8(0x02);
      for (const child of children) child(w);
      w.u8(0x04);
    }
    w.patch32(sizeAt, w.out.length - sizeAt - 4);
  };
}

export const text = (s: string): Emit => (w) => w.u8(0x05, 0x01).u16(s.length).utf16(s);
export const sub = (index: number, type: number, optional = false): Emit => (w) => w.u8(optional ? 0x0e : 0x0d).u16(index).u8(type);
export const charRef = (code: number): Emit => (w) => w.u8(0x08).u16(code);
export const entityRef = (name: string): Emit => (w) => w.u8(0x09).name(name);
export const cdata = (s: string): Emit => (w) => w.u8(0x07).u16(s.length).utf16(s);
export const pi = (target: string, data: string): Emit => (w) => {
  w.u8(0x0a).name(target);
  w.u8(0x0b).u16(data.length).utf16(data);
};

/** One substitution value: its type and bytes. */
export interface Value {
  type: number;
  bytes: number[];
}

/** A BinXml (0x21) value written token by token at its place in the record, so inline names land right. */
export interface BinXmlValue {
  type: 0x21;
  emit: Emit[];
}

/**
 * A template instance; the definition is stored inline the first time `key` is used in the chunk and
 * referenced by offset afterwards, as Windows writes them.
 */
export function template(key: string, body: Emit[], values: (Value | BinXmlValue)[]): Emit {
  return (w) => {
    w.u8(0x0c, 0x01).u32(0x1234);
    const known = w.chunk.templates.get(key);
    if (known !== undefined) {
      w.u32(known);
    } else {
      const at = w.offset + 4;
      w.chunk.templates.set(key, at);
      w.u32(at).u32(0).u8(...new Array<number>(16).fill(0x11));
      const sizeAt = w.out.length;
      w.u32(0);
      fragmentHeader(w);
      for (const part of body) part(w);
      eof(w);
      w.patch32(sizeAt, w.out.length - sizeAt - 4);
    }
    w.u32(values.length);
    const descriptorsAt = w.out.length;
    for (const v of values) w.u16('bytes' in v ? v.bytes.length : 0).u8(v.type, 0);
    values.forEach((v, i) => {
      if ('bytes' in v) {
        w.u8(...v.bytes);
        return;
      }
      const start = w.out.length;
      for (const part of v.emit) part(w);
      w.patch16(descriptorsAt + 4 * i, w.out.length - start);
    });
  };
}

/** A chunk being filled with records. */
export class ChunkBuilder {
  readonly bytes = new Uint8Array(65536);
  readonly names = new Map<string, number>();
  readonly templates = new Map<string, number>();
  pos = 512;
  private first = -1;
  private last = -1;
  private lastOffset = 0;

  /** Appends a record whose binary XML is the given tokens (a fragment header and EOF are added). */
  record(id: number, body: Emit[], options: { filetime?: bigint; raw?: boolean } = {}): this {
    const start = this.pos;
    const w = new BinXmlWriter(start + 24, this);
    if (!options.raw) fragmentHeader(w);
    for (const part of body) part(w);
    if (!options.raw) eof(w);
    const size = 24 + w.out.length + 4;
    const view = new DataView(this.bytes.buffer);
    view.setUint32(start, 0x00002a2a, true);
    view.setUint32(start + 4, size, true);
    view.setBigUint64(start + 8, BigInt(id), true);
    view.setBigUint64(start + 16, options.filetime ?? 131117774743460000n, true);
    this.bytes.set(w.out, start + 24);
    view.setUint32(start + size - 4, size, true);
    if (this.first < 0) this.first = id;
    this.last = id;
    this.lastOffset = start;
    this.pos += size;
    return this;
  }

  /** The finished chunk with header fields and both checksums. */
  finish(): Uint8Array {
    const b = this.bytes;
    const view = new DataView(b.buffer);
    b.set([0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00], 0);
    view.setBigUint64(8, BigInt(Math.max(this.first, 0)), true);
    view.setBigUint64(16, BigInt(Math.max(this.last, 0)), true);
    view.setBigUint64(24, BigInt(Math.max(this.first, 0)), true);
    view.setBigUint64(32, BigInt(Math.max(this.last, 0)), true);
    view.setUint32(40, 128, true);
    view.setUint32(44, this.lastOffset, true);
    view.setUint32(48, this.pos, true);
    view.setUint32(52, crc32(b, 512, this.pos), true);
    view.setUint32(124, crc32(b, 128, 512, crc32(b, 0, 120)), true);
    return b;
  }
}

/** A whole file: header plus the given chunks. */
export function buildFile(chunks: Uint8Array[]): Uint8Array {
  const file = new Uint8Array(4096 + 65536 * chunks.length);
  const view = new DataView(file.buffer);
  file.set([0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00], 0);
  view.setBigUint64(16, BigInt(Math.max(chunks.length - 1, 0)), true);
  view.setUint32(32, 128, true);
  view.setUint16(36, 1, true);
  view.setUint16(38, 3, true);
  view.setUint16(40, 4096, true);
  view.setUint16(42, chunks.length, true);
  view.setUint32(124, crc32(file, 0, 120), true);
  chunks.forEach((c, i) => file.set(c, 4096 + 65536 * i));
  return file;
}

/** Little-endian helpers for value bytes. */
export const le = {
  u16: (n: number): number[] => [n & 0xff, (n >> 8) & 0xff],
  u32: (n: number): number[] => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff],
  u64: (n: bigint): number[] => Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn)),
  utf16: (s: string): number[] => [...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]),
};
export const str = (s: string): Value => ({ type: 0x01, bytes: le.utf16(s) });
export const nul: Value = { type: 0x00, bytes: [] };
