import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type ProgressToken, type WorkDoneProgressReporter } from 'vscode-languageserver';
import type { ServiceSettings } from '../features/settings';
import { isRecord } from '../isRecord';
import { describeOpenError, openEvtxFile } from './evtxFileSource';
import { evtxFilePath } from './evtxUri';
import type { EvtxJob, FileJobResult } from './evtxWorkerProtocol';
import type { EditorRendering } from './renderForEditor';
import { runEvtxWorker, type EvtxJobOutcome } from './runEvtxWorker';
import type { EvtxProgress } from './streamEvtxXml';

/** `{ uri, maxLength? }` -> `RenderEvtxResult`: an .evtx (`file:` or `eventlog-evtx:` URI) as an XML document. */
export const RENDER_EVTX_REQUEST = 'eventlogDoctor/renderEvtx';
/** `{ uri, target }` -> `RenderEvtxToFileResult`: the full XML rendering of an .evtx written to `target` (a `file:` URI). */
export const RENDER_EVTX_TO_FILE_REQUEST = 'eventlogDoctor/renderEvtxToFile';

/** The XML document for an .evtx: every event, or (`summary`) the findings-first summary when too large. */
export type RenderEvtxResult = EditorRendering;
export type RenderEvtxToFileResult = FileJobResult;

/** What the handlers need from the server: the settings and users' rules in effect for a document. */
export interface EvtxRequestContext {
  rulesFor(uri: string): Promise<{ settings: ServiceSettings; rulePaths: string[]; placeholders: Record<string, string[]> }>;
  /** The worker entry; default: evtxWorker.js beside the server bundle. */
  workerScript?: string;
}

/** Attaches a reporter to the client's work done token (a silent one when the request carries none). */
export type ProgressAttacher = (workDoneToken: ProgressToken | undefined) => WorkDoneProgressReporter;

export interface EvtxRequests {
  renderEvtx(params: unknown, token: CancellationToken, attach: ProgressAttacher): Promise<RenderEvtxResult | ResponseError<void>>;
  renderEvtxToFile(params: unknown, token: CancellationToken, attach: ProgressAttacher): Promise<RenderEvtxToFileResult | ResponseError<void>>;
}

function defaultWorkerScript(): string {
  // Bundled, this code runs from server/out/server.js beside evtxWorker.js; from source (tests), beside evtxWorker.ts.
  return __filename.endsWith('.ts') ? path.join(__dirname, 'evtxWorker.ts') : path.join(__dirname, 'evtxWorker.js');
}

function workDoneTokenOf(params: Record<string, unknown>): ProgressToken | undefined {
  const token = params.workDoneToken;
  return typeof token === 'string' || typeof token === 'number' ? token : undefined;
}

/** Why `file` cannot be decoded (missing, unreadable, not an .evtx), or undefined: checked before a worker starts. */
function unreadable(file: string): string | undefined {
  try {
    openEvtxFile(file).close();
    return undefined;
  } catch (error) {
    return describeOpenError(error);
  }
}

function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

function failed(message: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestFailed, message);
}

/** Progress as the editor shows it: a percentage of the chunks, records so far; reported when the percentage moves. */
function progressReporter(reporter: WorkDoneProgressReporter, title: string): (progress: EvtxProgress) => void {
  reporter.begin(title, 0, 'starting', true);
  let last = -1;
  return (progress) => {
    const percentage = progress.totalChunks === 0 ? 100 : Math.floor((progress.chunks * 100) / progress.totalChunks);
    if (percentage === last) return;
    last = percentage;
    reporter.report(percentage, `${progress.records} records, chunk ${progress.chunks} of ${progress.totalChunks}`);
  };
}

/** Runs a job in a worker until it ends or the request is cancelled, and turns the outcome into a response. */
async function run<T>(
  job: EvtxJob,
  script: string,
  token: CancellationToken,
  reporter: WorkDoneProgressReporter,
  title: string,
): Promise<T | ResponseError<void>> {
  if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  const worker = runEvtxWorker(script, job, progressReporter(reporter, title));
  const subscription = token.onCancellationRequested(() => worker.cancel());
  let outcome: EvtxJobOutcome;
  try {
    outcome = await worker.outcome;
  } finally {
    subscription.dispose();
    reporter.done();
  }
  if (outcome.type === 'done') return outcome.result as T;
  if (outcome.type === 'cancelled') return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
  return failed(outcome.message);
}

/** The handlers of the two .evtx requests; `server.ts` registers them on the connection. */
export function createEvtxRequests(context: EvtxRequestContext): EvtxRequests {
  const script = context.workerScript ?? defaultWorkerScript();
  return {
    async renderEvtx(params, token, attach) {
      if (!isRecord(params) || typeof params.uri !== 'string') return invalid(`${RENDER_EVTX_REQUEST} needs { uri }`);
      const file = evtxFilePath(params.uri);
      if (file === undefined) return invalid(`${params.uri} is not an .evtx file on disk`);
      const problem = unreadable(file);
      if (problem !== undefined) return failed(problem);
      const maxLength = typeof params.maxLength === 'number' && params.maxLength >= 0 ? params.maxLength : undefined;
      const { settings, rulePaths, placeholders } = await context.rulesFor(params.uri);
      const job = { kind: 'editor' as const, file, settings: { enable: settings.enable, rules: settings.rules, maxDiagnostics: settings.maxDiagnostics }, rulePaths, placeholders };
      return run<RenderEvtxResult>(maxLength === undefined ? job : { ...job, maxLength }, script, token, attach(workDoneTokenOf(params)), `Decoding ${path.basename(file)}`);
    },
    async renderEvtxToFile(params, token, attach) {
      if (!isRecord(params) || typeof params.uri !== 'string' || typeof params.target !== 'string') {
        return invalid(`${RENDER_EVTX_TO_FILE_REQUEST} needs { uri, target }`);
      }
      const file = evtxFilePath(params.uri);
      if (file === undefined) return invalid(`${params.uri} is not an .evtx file on disk`);
      let target: string;
      try {
        target = fileURLToPath(params.target);
      } catch {
        return invalid(`the target ${params.target} is not a file: URI`);
      }
      const problem = unreadable(file);
      if (problem !== undefined) return failed(problem);
      if (path.resolve(target) === path.resolve(file)) return invalid('the XML rendering cannot replace the .evtx itself');
      return run<RenderEvtxToFileResult>({ kind: 'file', file, target }, script, token, attach(workDoneTokenOf(params)), `Rendering ${path.basename(file)} to ${path.basename(target)}`);
    },
  };
}
