import { existsSync } from 'node:fs';
import * as path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');
const samples = path.resolve(repoRoot, '../shared/samples/real');

/** A real .evtx from the shared samples, read in place; undefined (and the test skipped) when it is absent. */
export function realSample(relative: string): string | undefined {
  const file = path.join(samples, relative);
  return existsSync(file) ? file : undefined;
}

/** System log: 1881 records in 16 chunks, clean. */
export const SYSTEM_EVTX = 'omerbenamram-evtx/samples/system.evtx';
/** Two chunks with a bad signature and records whose size does not match its trailing copy. */
export const BAD_CHUNK_EVTX = 'omerbenamram-evtx/samples/sample_with_a_bad_chunk_magic.evtx';
