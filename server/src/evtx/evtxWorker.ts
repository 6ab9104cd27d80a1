// The .evtx worker thread's entry (bundled to server/out/evtxWorker.js): decodes one file off the language
// server's main thread, so the editor never waits on a large log.
import { parentPort, workerData } from 'node:worker_threads';
import { isEvtxWorkerData } from './evtxWorkerProtocol';
import { runEvtxJob } from './evtxWorkerJob';

if (parentPort && isEvtxWorkerData(workerData)) void runEvtxJob(parentPort, workerData);
