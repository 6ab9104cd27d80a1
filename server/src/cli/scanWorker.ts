import { Worker, type MessagePort } from 'node:worker_threads';
import type { ServiceSettings } from '../service';
import { scanFile, type FileScan } from './scanFile';
import { loadScanRules } from './scanRules';

/**
 * Worker threads run the CLI's own bundle (server/out/cli.js) in worker mode: `workerData` tells the entry to
 * serve scan requests instead of reading the command line, so the package needs no second bundle.
 */
const WORKER_KIND = 'eventlog-doctor/scan-worker';

/** What a worker is started with. */
export interface ScanWorkerData {
  kind: typeof WORKER_KIND;
  settings: ServiceSettings;
  rulePaths: string[];
}

/** A file to scan, and its answer (matched by the file's index in the run). */
export interface ScanRequest {
  index: number;
  path: string;
}
export interface ScanResponse {
  index: number;
  scan: FileScan;
}

/** True when this thread was started as a scan worker. */
export function isScanWorkerData(data: unknown): data is ScanWorkerData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === WORKER_KIND;
}

/** Serves scan requests on `port` until the pool terminates the thread. */
export function serveScanRequests(port: MessagePort, data: ScanWorkerData): void {
  const { engine } = loadScanRules(data.rulePaths);
  port.on('message', (request: ScanRequest) => {
    void scanFile(request.path, engine, data.settings).then((scan) => {
      const response: ScanResponse = { index: request.index, scan };
      port.postMessage(response);
    });
  });
}

/**
 * Starts a worker running `script` (the CLI entry) in worker mode. A TypeScript entry (tests under tsx) is loaded
 * through tsx's require hook, since worker threads do not inherit the loader.
 */
export function startScanWorker(script: string, settings: ServiceSettings, rulePaths: readonly string[]): Worker {
  const workerData: ScanWorkerData = { kind: WORKER_KIND, settings, rulePaths: [...rulePaths] };
  if (script.endsWith('.ts')) {
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(script)});`, { eval: true, workerData });
  }
  return new Worker(script, { workerData });
}
