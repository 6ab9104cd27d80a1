import { u32, u64 } from './bytes';
import { BinXmlParser } from './binXmlParser';
import { ChunkContext } from './chunkContext';
import { CHUNK_HEADER_SIZE, CHUNK_SIZE, isChunkSignature, readChunkHeader } from './chunkHeader';
import { FILE_HEADER_SIZE, readFileHeader, type EvtxFileHeader } from './fileHeader';
import { fileTimeToMillis } from './formatTime';
import { XmlRenderer } from './renderXml';
import type { EvtxIssue, EvtxOptions, EvtxRecord, EvtxStats } from './types';

/** Record signature `2a 2a 00 00` read as a little-endian 32-bit value. */
const RECORD_SIGNATURE = 0x00002a2a;
/** Signature, size, record id, written time and the trailing size copy. */
const RECORD_OVERHEAD = 28;
/** Issues kept per decode; a garbage file would otherwise report one per chunk without end. */
const MAX_ISSUES = 1000;

/** Random access to the bytes of an .evtx file (a whole array, or a file handle read on demand). */
export interface EvtxSource {
  readonly size: number;
  /**
   * Up to `length` bytes at `offset`; fewer only at the end of the file. The decoder is done with the
   * bytes of one read before it makes the next, so a source may hand out the same buffer every time.
   */
  read(offset: number, length: number): Uint8Array;
}

/** An in-memory file as a source. */
export function bytesSource(bytes: Uint8Array): EvtxSource {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

/**
 * Decodes .evtx files chunk by chunk. Memory stays bounded by one chunk and its template cache:
 * feed `decodeChunk` the 64 KiB chunks in any order, or let `decode` read them from a source.
 * Nothing here throws on bad input: every problem becomes an entry in `issues` and a counter in `stats`.
 */
export class EvtxDecoder {
  readonly issues: EvtxIssue[] = [];
  readonly stats: EvtxStats = {
    chunks: 0,
    emptyChunks: 0,
    skippedChunks: 0,
    records: 0,
    brokenRecords: 0,
    headerChecksumErrors: 0,
    chunkChecksumErrors: 0,
    slackBytes: 0,
  };
  header: EvtxFileHeader | undefined;
  private droppedIssues = 0;
  /** One renderer for every chunk: its code then always sees the same objects, which keeps it optimized. */
  private readonly renderer: XmlRenderer;

  constructor(private readonly options: EvtxOptions = {}) {
    this.renderer = new XmlRenderer(options.style === 'evtxexport', options.xml !== false);
  }

  /** Reads and checks the file header (the first 4096 bytes). */
  readHeader(bytes: Uint8Array): EvtxFileHeader | undefined {
    const header = readFileHeader(bytes);
    this.header = header;
    if (!header) {
      this.issue({ offset: 0, message: 'no "ElfFile" file header signature; trying the chunks anyway' });
      return undefined;
    }
    if (!header.checksumOk) {
      this.stats.headerChecksumErrors++;
      this.issue({ offset: 124, message: 'file header checksum mismatch' });
    }
    if (header.majorVersion !== 3) this.issue({ offset: 36, message: `unknown format version ${header.majorVersion}.${header.minorVersion}` });
    return header;
  }

  /** Reads the header and every chunk of `source`, yielding records in file order. */
  *decode(source: EvtxSource): Generator<EvtxRecord> {
    if (source.size < FILE_HEADER_SIZE) {
      this.issue({ offset: 0, message: `file of ${source.size} bytes is shorter than the 4096-byte file header` });
      return;
    }
    this.readHeader(source.read(0, FILE_HEADER_SIZE));
    const chunks = Math.ceil((source.size - FILE_HEADER_SIZE) / CHUNK_SIZE);
    if (this.header && this.header.chunkCount > chunks) {
      this.issue({ offset: 42, message: `file header counts ${this.header.chunkCount} chunks but the file holds ${chunks}` });
    }
    for (let index = 0; index < chunks; index++) {
      if (this.limitReached()) return;
      const offset = FILE_HEADER_SIZE + index * CHUNK_SIZE;
      yield* this.decodeChunk(source.read(offset, CHUNK_SIZE), index, offset);
    }
  }

  /** Decodes one chunk; `bytes` shorter than 64 KiB is a truncated chunk whose complete records are kept. */
  *decodeChunk(bytes: Uint8Array, index: number, fileOffset = FILE_HEADER_SIZE + index * CHUNK_SIZE): Generator<EvtxRecord> {
    this.stats.chunks++;
    if (bytes.length < CHUNK_SIZE) this.issue({ offset: fileOffset + bytes.length, chunk: index, message: `chunk truncated to ${bytes.length} bytes` });
    if (!isChunkSignature(bytes)) {
      if (isZero(bytes, 0, bytes.length)) {
        this.stats.emptyChunks++;
        return;
      }
      this.stats.skippedChunks++;
      this.issue({ offset: fileOffset, chunk: index, message: `bad chunk signature; chunk skipped${this.options.recover ? ' (scanned for recoverable records)' : ''}` });
      if (this.options.recover) yield* this.recoverSlack(new ChunkContext(bytes), CHUNK_HEADER_SIZE, new Set(), index, fileOffset);
      return;
    }
    if (bytes.length < CHUNK_HEADER_SIZE) {
      this.stats.skippedChunks++;
      return;
    }
    const header = readChunkHeader(bytes);
    if (!header.headerChecksumOk) {
      this.stats.chunkChecksumErrors++;
      this.issue({ offset: fileOffset + 124, chunk: index, message: 'chunk header checksum mismatch; decoded anyway' });
    }
    let limit = header.freeSpaceOffset;
    if (limit < CHUNK_HEADER_SIZE || limit > CHUNK_SIZE) {
      this.issue({ offset: fileOffset + 48, chunk: index, message: `free space offset 0x${limit.toString(16)} outside the chunk; scanning the whole chunk` });
      limit = CHUNK_SIZE;
    } else if (!header.dataChecksumOk && bytes.length === CHUNK_SIZE) {
      this.stats.chunkChecksumErrors++;
      this.issue({ offset: fileOffset + 52, chunk: index, message: 'chunk record data checksum mismatch; decoded anyway' });
    }
    limit = Math.min(limit, bytes.length);
    try {
      yield* this.decodeRecords(bytes, index, fileOffset, limit);
    } catch (error) {
      // Records catch their own errors; this is the last guard so one chunk cannot end a whole decode.
      this.issue({ offset: fileOffset, chunk: index, message: `chunk decoding stopped: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  /**
   * Records from offset 512 up to `limit` (the free space offset). A corrupt record header (a zero or
   * wrong size, as in the "zero data size" sample) does not end the chunk: the rest of the allocated area
   * is scanned for the next consistent record, and records found that way are marked `recovered`.
   * With `options.recover`, the free space after `limit` is scanned too for older, overwritten records.
   */
  private *decodeRecords(bytes: Uint8Array, index: number, fileOffset: number, limit: number): Generator<EvtxRecord> {
    const ctx = new ChunkContext(bytes);
    const seen = new Set<number>();
    let pos = CHUNK_HEADER_SIZE;
    let recovering = false;
    let lastId = -1;
    while (pos + RECORD_OVERHEAD <= limit && !this.limitReached()) {
      const size = this.recordSizeAt(bytes, pos);
      if (size === 0) {
        if (!recovering) {
          if (isZero(bytes, pos, limit)) break;
          const issue: EvtxIssue = { offset: fileOffset + pos, chunk: index, message: describeBadRecord(bytes, pos) };
          if (u32(bytes, pos) === RECORD_SIGNATURE && pos + 16 <= bytes.length) issue.recordId = u64(bytes, pos + 8);
          this.issue(issue);
        }
        const next = this.findRecord(bytes, pos + 1, limit, lastId);
        if (next < 0) break;
        this.stats.slackBytes += next - pos;
        pos = next;
        recovering = true;
        continue;
      }
      const record = this.decodeRecord(ctx, pos, size, index, fileOffset);
      lastId = u64(bytes, pos + 8);
      seen.add(lastId);
      if (record) {
        if (recovering) record.recovered = true;
        yield record;
      }
      pos += size;
    }
    this.stats.slackBytes += bytes.length - pos;
    if (this.options.recover) yield* this.recoverSlack(ctx, Math.max(pos, limit), seen, index, fileOffset);
  }

  /** Stale records in the free space: any consistent record whose id this chunk has not shown yet. */
  private *recoverSlack(ctx: ChunkContext, from: number, seen: Set<number>, index: number, fileOffset: number): Generator<EvtxRecord> {
    const bytes = ctx.bytes;
    let pos = this.findRecord(bytes, from, bytes.length, -1);
    while (pos >= 0 && !this.limitReached()) {
      const size = this.recordSizeAt(bytes, pos);
      const id = u64(bytes, pos + 8);
      if (!seen.has(id)) {
        seen.add(id);
        const record = this.decodeRecord(ctx, pos, size, index, fileOffset, true);
        if (record) {
          record.recovered = true;
          yield record;
        }
      }
      pos = this.findRecord(bytes, pos + size, bytes.length, -1);
    }
  }

  /** Size of a consistent record at `pos` (signature, size at least 28, inside the chunk, size copy), else 0. */
  private recordSizeAt(bytes: Uint8Array, pos: number): number {
    if (pos + RECORD_OVERHEAD > bytes.length || u32(bytes, pos) !== RECORD_SIGNATURE) return 0;
    const size = u32(bytes, pos + 4);
    if (size < RECORD_OVERHEAD || pos + size > bytes.length || u32(bytes, pos + size - 4) !== size) return 0;
    return size;
  }

  /** The next offset in `[from, limit)` holding a consistent record with an id above `afterId`, or -1. */
  private findRecord(bytes: Uint8Array, from: number, limit: number, afterId: number): number {
    // The native byte search skips the long zero or garbage runs a corrupt chunk leaves between records.
    for (let p = bytes.indexOf(0x2a, from); p >= 0 && p + RECORD_OVERHEAD <= limit; p = bytes.indexOf(0x2a, p + 1)) {
      if (bytes[p + 1] === 0x2a && this.recordSizeAt(bytes, p) > 0 && u64(bytes, p + 8) > afterId) return p;
    }
    return -1;
  }

  private decodeRecord(
    ctx: ChunkContext,
    pos: number,
    size: number,
    chunk: number,
    fileOffset: number,
    quiet = false,
  ): EvtxRecord | undefined {
    const b = ctx.bytes;
    const recordId = u64(b, pos + 8);
    try {
      const nodes = new BinXmlParser(ctx, pos + 24, pos + size - 4).parseDocument();
      const { xml, event, empty } = this.renderer.render(ctx, nodes);
      if (empty) {
        if (quiet) return undefined;
        this.stats.brokenRecords++;
        this.issue({ offset: fileOffset + pos, chunk, recordId, message: 'record holds no event data' });
        return undefined;
      }
      this.stats.records++;
      const record: EvtxRecord = { recordId, chunk, offset: fileOffset + pos, xml, event };
      const time = fileTimeToMillis(u32(b, pos + 16), u32(b, pos + 20));
      if (time !== undefined) record.time = time;
      return record;
    } catch (error) {
      if (quiet) return undefined;
      this.stats.brokenRecords++;
      const where = error instanceof Error && 'offset' in error && typeof error.offset === 'number' && error.offset > 0 ? ` at chunk offset 0x${error.offset.toString(16)}` : '';
      this.issue({ offset: fileOffset + pos, chunk, recordId, message: `record not decoded: ${error instanceof Error ? error.message : String(error)}${where}` });
      return undefined;
    }
  }

  private limitReached(): boolean {
    return this.options.maxRecords !== undefined && this.stats.records >= this.options.maxRecords;
  }

  private issue(issue: EvtxIssue): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push(issue);
    else if (++this.droppedIssues === 1) this.issues.push({ offset: issue.offset, message: `more than ${MAX_ISSUES} issues; the rest are only counted` });
  }
}

function describeBadRecord(bytes: Uint8Array, pos: number): string {
  if (u32(bytes, pos) !== RECORD_SIGNATURE) return 'no record signature where a record should start; scanning for the next record';
  const size = u32(bytes, pos + 4);
  if (size < RECORD_OVERHEAD) return `record size ${size} is too small; scanning for the next record`;
  if (pos + size > bytes.length) return `record size ${size} runs past the end of the chunk; scanning for the next record`;
  return `record size ${size} does not match its trailing copy; scanning for the next record`;
}

function isZero(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (b[i] !== 0) return false;
  return true;
}

/** Decodes an .evtx file held in memory; the decoder collects issues and counters. */
export function decodeEvtx(bytes: Uint8Array, decoder: EvtxDecoder = new EvtxDecoder()): Generator<EvtxRecord> {
  return decoder.decode(bytesSource(bytes));
}

/** The whole file at once: records, issues, counters and the file header. */
export function decodeEvtxFile(
  bytes: Uint8Array,
  options?: EvtxOptions,
): { records: EvtxRecord[]; issues: EvtxIssue[]; stats: EvtxStats; header: EvtxFileHeader | undefined } {
  const decoder = new EvtxDecoder(options);
  const records = [...decoder.decode(bytesSource(bytes))];
  return { records, issues: decoder.issues, stats: decoder.stats, header: decoder.header };
}
