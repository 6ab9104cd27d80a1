/** Runs `analyzeWorker` for one file off the server's main thread, with progress and cancellation. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DiskOutcome, DiskRequest, WorkerMessage } from './diskProtocol';

/** The worker bundle beside the server bundle (esbuild entry `server/src/disk/analyzeWorker.ts`). */
export const WORKER_SCRIPT = path.join(__dirname, 'analyzeWorker.js');

export interface Cancellation {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/**
 * Reads `request.file` in a worker. Resolves with the outcome, or with undefined when `cancellation` fired
 * (the worker is terminated at once); rejects when the worker fails.
 */
export function runDiskAnalysis(request: DiskRequest, onProgress: (done: number, total: number) => void, cancellation: Cancellation, script = WORKER_SCRIPT): Promise<DiskOutcome | undefined> {
  if (!existsSync(script)) return Promise.reject(new Error(`the analysis worker ${script} is missing: rebuild the extension`));
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: request });
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      subscription.dispose();
      void worker.terminate();
      action();
    };
    const subscription = cancellation.onCancellationRequested(() => finish(() => resolve(undefined)));
    if (cancellation.isCancellationRequested) finish(() => resolve(undefined));
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'progress') onProgress(message.done, message.total);
      else if (message.kind === 'result') finish(() => resolve(message.outcome));
      else finish(() => reject(new Error(message.message)));
    });
    worker.on('error', (error) => finish(() => reject(error)));
    worker.on('exit', (code) => finish(() => reject(new Error(`the analysis worker stopped (exit code ${code})`))));
  });
}
