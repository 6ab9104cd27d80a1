import { hasSignature, u32, u64 } from './bytes';
import { crc32 } from './crc32';

export const CHUNK_SIZE = 65536;
export const CHUNK_HEADER_SIZE = 512;
export const CHUNK_SIGNATURE = [0x45, 0x6c, 0x66, 0x43, 0x68, 0x6e, 0x6b, 0x00]; // "ElfChnk\0"

export interface ChunkHeader {
  firstRecordId: number;
  lastRecordId: number;
  lastRecordOffset: number;
  freeSpaceOffset: number;
  headerChecksumOk: boolean;
  /** CRC32 of the record data `[512, freeSpaceOffset)`; false too when that range does not fit. */
  dataChecksumOk: boolean;
}

export function isChunkSignature(b: Uint8Array): boolean {
  return hasSignature(b, 0, CHUNK_SIGNATURE);
}

/** Reads a chunk header; the caller checked the signature and that 512 bytes are present. */
export function readChunkHeader(b: Uint8Array): ChunkHeader {
  const freeSpaceOffset = u32(b, 48);
  const headerCrc = crc32(b, 128, CHUNK_HEADER_SIZE, crc32(b, 0, 120));
  const dataFits = freeSpaceOffset >= CHUNK_HEADER_SIZE && freeSpaceOffset <= b.length;
  return {
    firstRecordId: u64(b, 24),
    lastRecordId: u64(b, 32),
    lastRecordOffset: u32(b, 44),
    freeSpaceOffset,
    headerChecksumOk: headerCrc === u32(b, 124),
    dataChecksumOk: dataFits && crc32(b, CHUNK_HEADER_SIZE, freeSpaceOffset) === u32(b, 52),
  };
}
