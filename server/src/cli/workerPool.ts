import type { Worker } from 'node:worker_threads';
import { unreadable, type FileScan } from './scanFile';
import type { ScanRequest, ScanResponse } from './scanWorker';

/** Sends one file to a worker and waits for its answer; rejects when the worker dies first. */
function request(worker: Worker, index: number, path: string): Promise<FileScan> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (response: ScanResponse) => {
      if (response.index !== index) return;
      cleanup();
      resolve(response.scan);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanup();
      reject(new Error(`the worker thread exited with code ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    const message: ScanRequest = { index, path };
    worker.postMessage(message);
  });
}

/**
 * Scans `files` on up to `jobs` worker threads, each taking the next file as soon as it is free. Results are
 * stored by the file's index, so the order never depends on which file finished first. A worker that dies
 * (a crash, running out of memory) costs only the file it held: that file is reported and a new worker goes on.
 */
export async function scanInWorkers(
  files: readonly string[],
  jobs: number,
  startWorker: () => Worker,
  onScanned: (index: number) => void,
): Promise<FileScan[]> {
  const results: FileScan[] = new Array<FileScan>(files.length);
  let next = 0;

  async function lane(): Promise<void> {
    let worker: Worker | undefined;
    try {
      while (next < files.length) {
        const index = next++;
        const file = files[index]!;
        try {
          worker ??= startWorker();
          results[index] = await request(worker, index, file);
        } catch (error) {
          results[index] = { report: unreadable(file, `analysis failed: ${error instanceof Error ? error.message : String(error)}`) };
          void worker?.terminate();
          worker = undefined;
        }
        onScanned(index);
      }
    } finally {
      await worker?.terminate();
    }
  }

  const lanes = Math.max(1, Math.min(jobs, files.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  return results;
}
