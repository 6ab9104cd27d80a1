import { closeSync, openSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { loadBuiltinRules } from '../rules/catalog';
import { createRuleEngine } from '../rules/engine';
import { loadRuleFolders } from '../userRules';
import { describeOpenError, openEvtxFile } from './evtxFileSource';
import type { EditorJob, EvtxWorkerData, EvtxWorkerMessage, FileJob } from './evtxWorkerProtocol';
import { renderEvtxForEditor } from './renderForEditor';
import { formatEvtxIssue, streamEvtxXml, writeAllSync, type EvtxProgress } from './streamEvtxXml';

/** Runs the worker's one job, posting progress and then its outcome to `port`. */
export async function runEvtxJob(port: MessagePort, data: EvtxWorkerData): Promise<void> {
  const flag = new Int32Array(data.cancel);
  const isCancelled = (): boolean => Atomics.load(flag, 0) !== 0;
  const post = (message: EvtxWorkerMessage): void => port.postMessage(message);
  const onProgress = (progress: EvtxProgress): void => post({ type: 'progress', progress });
  try {
    const outcome = data.job.kind === 'editor' ? editorJob(data.job, onProgress, isCancelled) : await fileJob(data.job, onProgress, isCancelled);
    post(outcome);
  } catch (error) {
    post({ type: 'error', message: describeOpenError(error) });
  }
}

function editorJob(job: EditorJob, onProgress: (p: EvtxProgress) => void, isCancelled: () => boolean): EvtxWorkerMessage {
  const builtin = loadBuiltinRules();
  const user = job.rulePaths.length > 0 ? loadRuleFolders(job.rulePaths, { placeholders: job.placeholders }).rules : [];
  const engine = createRuleEngine([...builtin, ...user]);
  const evtx = openEvtxFile(job.file);
  try {
    const rendering = renderEvtxForEditor(evtx.source, {
      fileName: path.basename(job.file),
      engine,
      settings: job.settings,
      ...(job.maxLength !== undefined ? { maxLength: job.maxLength } : {}),
      onProgress,
      isCancelled,
    });
    return rendering ? { type: 'done', result: rendering } : { type: 'cancelled' };
  } finally {
    evtx.close();
  }
}

async function fileJob(job: FileJob, onProgress: (p: EvtxProgress) => void, isCancelled: () => boolean): Promise<EvtxWorkerMessage> {
  const evtx = openEvtxFile(job.file);
  let out: number | undefined;
  let complete = false;
  try {
    out = openSync(job.target, 'w');
    const fd = out;
    const result = await streamEvtxXml(evtx.source, (text) => writeAllSync(fd, text), { onProgress, isCancelled });
    if (result.cancelled) return { type: 'cancelled' };
    complete = true;
    return { type: 'done', result: { records: result.records, issues: result.issues.map(formatEvtxIssue) } };
  } finally {
    evtx.close();
    if (out !== undefined) closeSync(out);
    // A cancelled or failed rendering leaves no half-written file that looks like a whole one.
    if (out !== undefined && !complete) rmSync(job.target, { force: true });
  }
}
