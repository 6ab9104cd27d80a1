import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { EvtxSource } from '../parse/evtx/decodeEvtx';

/** One read: a chunk (64 KiB) is the largest block the decoder asks for. */
const READ_SIZE = 64 * 1024;
/** "ElfFile\0", the file header signature. */
const FILE_SIGNATURE = Buffer.from('ElfFile\0', 'latin1');
/** "ElfChnk\0", the first chunk's signature, 4096 bytes in: a file whose header was wiped still decodes. */
const CHUNK_SIGNATURE = Buffer.from('ElfChnk\0', 'latin1');
const FIRST_CHUNK_OFFSET = 4096;

/** An .evtx file open for reading: a source the decoder reads 64 KiB at a time, never the whole file. */
export interface EvtxFile {
  readonly source: EvtxSource;
  close(): void;
}

/**
 * Opens `file` and checks that it is an .evtx log (its file header signature, or a chunk signature where the
 * first chunk starts). Throws with a message fit for the user when it cannot be read or is not an .evtx.
 */
export function openEvtxFile(file: string): EvtxFile {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.alloc(READ_SIZE);
    const read = (offset: number, length: number): Uint8Array => {
      const wanted = Math.max(0, Math.min(length, READ_SIZE, size - offset));
      let got = 0;
      while (got < wanted) {
        const n = readSync(fd, buffer, got, wanted - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      return buffer.subarray(0, got);
    };
    if (!startsWith(read(0, 8), FILE_SIGNATURE) && !startsWith(read(FIRST_CHUNK_OFFSET, 8), CHUNK_SIGNATURE)) {
      throw new Error(`${file} is not an .evtx event log (no "ElfFile" header and no "ElfChnk" chunk)`);
    }
    let closed = false;
    return {
      source: { size, read },
      close: () => {
        if (closed) return;
        closed = true;
        closeSync(fd);
      },
    };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** A short reason a file could not be opened, without the stack. */
export function describeOpenError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return `${(error as NodeJS.ErrnoException).path ?? 'the file'} does not exist`;
    if (code === 'EISDIR') return `${(error as NodeJS.ErrnoException).path ?? 'the path'} is a folder, not an .evtx file`;
    if (code === 'EACCES' || code === 'EPERM') return `${(error as NodeJS.ErrnoException).path ?? 'the file'} cannot be read (permission denied)`;
    return error.message;
  }
  return String(error);
}
