import type { ServiceSettings } from '../features/settings';
import type { EditorRendering } from './renderForEditor';
import type { EvtxProgress } from './streamEvtxXml';

const WORKER_KIND = 'eventlog-doctor/evtx-worker';

/** Render an .evtx for the editor (the full XML, or the findings-first summary when too large). */
export interface EditorJob {
  kind: 'editor';
  file: string;
  maxLength?: number;
  settings: ServiceSettings;
  /** Absolute folders or files of users' rules (empty in an untrusted workspace), and their placeholders. */
  rulePaths: string[];
  placeholders: Record<string, string[]>;
}

/** Stream the full XML rendering of an .evtx into `target`. */
export interface FileJob {
  kind: 'file';
  file: string;
  target: string;
}

export type EvtxJob = EditorJob | FileJob;

/** What a worker is started with: one job, and a flag the server sets to 1 to cancel it. */
export interface EvtxWorkerData {
  kind: typeof WORKER_KIND;
  job: EvtxJob;
  cancel: SharedArrayBuffer;
}

/** What a file job reports when done. */
export interface FileJobResult {
  records: number;
  issues: string[];
}

/** Messages from the worker: progress after each chunk, then exactly one of done, cancelled or error. */
export type EvtxWorkerMessage =
  | { type: 'progress'; progress: EvtxProgress }
  | { type: 'done'; result: EditorRendering | FileJobResult }
  | { type: 'cancelled' }
  | { type: 'error'; message: string };

export function evtxWorkerData(job: EvtxJob, cancel: SharedArrayBuffer): EvtxWorkerData {
  return { kind: WORKER_KIND, job, cancel };
}

/** True when this thread was started as an .evtx worker. */
export function isEvtxWorkerData(data: unknown): data is EvtxWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === WORKER_KIND;
}
