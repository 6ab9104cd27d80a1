import { hasSignature, u16, u32, u64 } from './bytes';
import { crc32 } from './crc32';

export const FILE_HEADER_SIZE = 4096;
export const FILE_SIGNATURE = [0x45, 0x6c, 0x66, 0x46, 0x69, 0x6c, 0x65, 0x00]; // "ElfFile\0"

/** The fields of the 4096-byte file header that matter for decoding and reports. */
export interface EvtxFileHeader {
  firstChunk: number;
  lastChunk: number;
  nextRecordId: number;
  majorVersion: number;
  minorVersion: number;
  chunkCount: number;
  /** 0x1 dirty (not closed cleanly), 0x2 full. */
  flags: number;
  checksumOk: boolean;
}

/** Reads the file header; undefined when the signature is missing or the bytes are too short. */
export function readFileHeader(b: Uint8Array): EvtxFileHeader | undefined {
  if (b.length < 128 || !hasSignature(b, 0, FILE_SIGNATURE)) return undefined;
  return {
    firstChunk: u64(b, 8),
    lastChunk: u64(b, 16),
    nextRecordId: u64(b, 24),
    minorVersion: u16(b, 36),
    majorVersion: u16(b, 38),
    chunkCount: u16(b, 42),
    flags: u32(b, 120),
    checksumOk: crc32(b, 0, 120) === u32(b, 124),
  };
}
