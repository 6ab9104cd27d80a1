/**
 * The worker thread that reads a log file on disk (bundled as server/out/analyzeWorker.js): it builds its own
 * rule engine, streams the file through `analyzeFile` and posts progress and the outcome to the server.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { diagnosticLimit } from '../features/settings';
import { loadBuiltinRules } from '../rules/catalog';
import { createRuleEngine } from '../rules/engine';
import { loadRuleFolders } from '../userRules';
import { analyzeFile } from './analyzeFile';
import { diskDiagnostics, diskSummary } from './diskReport';
import type { DiskRequest, WorkerMessage } from './diskProtocol';

function post(message: WorkerMessage): void {
  parentPort?.postMessage(message);
}

function run(request: DiskRequest): void {
  try {
    const userRules = request.rulePaths.length > 0 ? loadRuleFolders(request.rulePaths, { placeholders: request.placeholders }).rules : [];
    const engine = createRuleEngine([...loadBuiltinRules(), ...userRules]);
    const result = analyzeFile(request.file, {
      engine,
      settings: request.settings,
      onProgress: (done, total) => post({ kind: 'progress', done, total }),
    });
    post({
      kind: 'result',
      outcome: {
        diagnostics: diskDiagnostics(result, diagnosticLimit(request.settings)),
        summary: diskSummary(result, request.file),
        events: result.events,
        findings: result.findings.length,
        cancelled: result.cancelled,
      },
    });
  } catch (error) {
    post({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}

run(workerData as DiskRequest);
