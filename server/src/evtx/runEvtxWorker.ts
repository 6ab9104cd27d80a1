import { Worker } from 'node:worker_threads';
import { evtxWorkerData, type EvtxJob, type EvtxWorkerMessage } from './evtxWorkerProtocol';
import type { EvtxProgress } from './streamEvtxXml';

/** How a worker's job ended. */
export type EvtxJobOutcome = Exclude<EvtxWorkerMessage, { type: 'progress' }>;

/** A job running in its own worker thread. */
export interface EvtxWorkerRun {
  readonly outcome: Promise<EvtxJobOutcome>;
  /** Asks the worker to stop after the chunk it is decoding; `outcome` then resolves as cancelled. */
  cancel(): void;
}

/** A worker that does not stop within this long after being asked is terminated. */
const CANCEL_GRACE_MS = 5000;

/**
 * Runs `job` in a worker thread started from `script` (server/out/evtxWorker.js; a TypeScript entry under tsx
 * is loaded through tsx's require hook, since worker threads do not inherit the loader).
 */
export function runEvtxWorker(script: string, job: EvtxJob, onProgress: (progress: EvtxProgress) => void): EvtxWorkerRun {
  const cancelFlag = new SharedArrayBuffer(4);
  const workerData = evtxWorkerData(job, cancelFlag);
  const worker = script.endsWith('.ts')
    ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, workerData })
    : new Worker(script, { workerData });
  let settle: (outcome: EvtxJobOutcome) => void = () => undefined;
  let settled = false;
  const outcome = new Promise<EvtxJobOutcome>((resolve) => {
    settle = (value) => {
      if (settled) return;
      settled = true;
      resolve(value);
      void worker.terminate();
    };
  });
  worker.on('message', (message: EvtxWorkerMessage) => {
    if (message.type === 'progress') {
      if (!settled) onProgress(message.progress);
    } else settle(message);
  });
  worker.on('error', (error) => settle({ type: 'error', message: `the decoder failed: ${error.message}` }));
  worker.on('exit', (code) => settle({ type: 'error', message: `the decoder stopped unexpectedly (exit code ${code})` }));
  return {
    outcome,
    cancel: () => {
      if (settled) return;
      Atomics.store(new Int32Array(cancelFlag), 0, 1);
      // The worker finishes its chunk and cleans up (closes files, removes a partial output) before it says so.
      const timer = setTimeout(() => settle({ type: 'cancelled' }), CANCEL_GRACE_MS);
      timer.unref();
      void outcome.then(() => clearTimeout(timer));
    },
  };
}
