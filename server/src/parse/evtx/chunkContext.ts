import { u16, utf16 } from './bytes';
import type { TemplateDefinition } from './binXmlNodes';

/** Longest name we accept: element and attribute names are short, a bigger count means a broken offset. */
const MAX_NAME_CHARS = 4096;

/**
 * Per-chunk state shared by every record of a chunk: the chunk bytes (all offsets in binary XML are
 * relative to the chunk start), decoded names and decoded template definitions, each keyed by offset.
 */
export class ChunkContext {
  readonly names = new Map<number, string>();
  readonly templates = new Map<number, TemplateDefinition>();
  constructor(readonly bytes: Uint8Array) {}

  /**
   * The name stored at `offset` (4 bytes next-name link, 2 bytes hash, 2 bytes character count,
   * the characters and a NUL), or undefined when it does not fit in the chunk.
   */
  name(offset: number): string | undefined {
    const cached = this.names.get(offset);
    if (cached !== undefined) return cached;
    const b = this.bytes;
    if (offset < 0 || offset + 8 > b.length) return undefined;
    const count = u16(b, offset + 6);
    if (count > MAX_NAME_CHARS || offset + 8 + 2 * count > b.length) return undefined;
    const name = utf16(b, offset + 8, count);
    this.names.set(offset, name);
    return name;
  }

  /** Byte size of the name structure at `offset` (used to step over a name stored inline). */
  nameSize(offset: number): number {
    return 10 + 2 * u16(this.bytes, offset + 6);
  }
}
