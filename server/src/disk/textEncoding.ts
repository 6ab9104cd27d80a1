import { decodeLogBytes } from '../parse/decodeText';

/** The encoding a streaming `TextDecoder` should read a log file with, judged from its first bytes. */
export function detectTextEncoding(head: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' {
  const decoded = decodeLogBytes(head);
  if ('binary' in decoded) throw new Error(decoded.binary === 'evtx' ? 'an .evtx file is not text' : 'the file is binary, not an event log export');
  return decoded.encoding;
}
