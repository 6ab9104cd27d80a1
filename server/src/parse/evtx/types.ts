import type { LogEvent } from '../model';

/** One decoded event record. */
export interface EvtxRecord {
  /**
   * The record identifier from the record header. In a live log it equals `EventRecordID`; in a log saved
   * from a filtered view ("Save Filtered Log File As") records are renumbered from 1 while the XML keeps
   * the original `EventRecordID` (see `event.recordId`).
   */
  recordId: number;
  /** The record header's written time, milliseconds since the Unix epoch (UTC), when it is a real date. */
  time?: number;
  /** Index of the chunk that holds the record (0 is the chunk right after the file header). */
  chunk: number;
  /** Absolute file offset of the record's signature. */
  offset: number;
  /**
   * Found by scanning: after a corrupt record inside the allocated area, or (with `recover`) in the
   * free space after the last record, where older overwritten records linger.
   */
  recovered?: boolean;
  /**
   * The record as XML, laid out as `evtxexport -f xml` lays it out: `<Event ...>` to `</Event>`, 2-space
   * indentation, one element per line. Values are written as Windows writes them unless `style` says otherwise.
   */
  xml: string;
  /** The event model; its spans are offsets into `xml`. */
  event: LogEvent;
}

/** Something in the file that was skipped, repaired or suspicious. */
export interface EvtxIssue {
  /** Absolute file offset where the problem sits. */
  offset: number;
  chunk?: number;
  recordId?: number;
  message: string;
}

/** What a decode saw, for reports and the CLI summary. */
export interface EvtxStats {
  chunks: number;
  /** Chunks whose signature was all zero bytes: never used, not an error. */
  emptyChunks: number;
  /** Chunks skipped because their signature or header was broken. */
  skippedChunks: number;
  records: number;
  /** Records whose header looked right but whose binary XML could not be decoded completely. */
  brokenRecords: number;
  headerChecksumErrors: number;
  chunkChecksumErrors: number;
  /** Bytes after a chunk's last valid record that were not decoded (free space or a corrupt tail). */
  slackBytes: number;
}

/** Tuning for a decode. */
export interface EvtxOptions {
  /** Also scan each chunk's free space for older, overwritten records (evtxexport `-m all`). Default false. */
  recover?: boolean;
  /**
   * `'windows'` (default) writes hex integers as Windows does (`0x3e7`, `0x1fffff`), which is what Sigma
   * rules and Event Viewer exports contain; `'evtxexport'` zero-pads them (`0x00000000000003e7`) to match
   * libevtx byte for byte. Nothing else differs.
   */
  style?: 'windows' | 'evtxexport';
  /**
   * `false` skips writing the XML text: `xml` is empty and every span in the event is empty at 0 (as the
   * event model allows for sources without text). Faster, for the CLI and bulk scans. Default true.
   */
  xml?: boolean;
  /** Stop after this many records (default: no limit). */
  maxRecords?: number;
}
