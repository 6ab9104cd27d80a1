// Language-server latencies through the real server process (server/out/server.js --stdio, from `npm run build`):
// open to first diagnostics, hover and code action p50/p95, a one-character edit in the middle of the document
// to fresh diagnostics, and the server's memory (VmRSS and VmHWM from /proc).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, PublishDiagnosticsNotification,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification,
  HoverRequest, CodeActionRequest, ShutdownRequest, ExitNotification, ConfigurationRequest, RegistrationRequest,
} = require('vscode-languageserver-protocol/node');

const SAMPLES = 60;
/** One-character edits timed, each to its fresh diagnostics. */
const EDITS = 10;

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** Resident memory of a process in KB: current and high-water mark. */
function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), hwmKb: kb('VmHWM') };
  } catch {
    return { rssKb: NaN, hwmKb: NaN };
  }
}

/** CPU time (user + system) a process has used, in ms (10 ms resolution: clock ticks of /proc/<pid>/stat). */
function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').pop().split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** Line starts of `text`, to turn offsets into positions without the server's help. */
function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function positionAt(starts, offset) {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, character: offset - starts[lo] };
}

/**
 * Runs the latency scenario on one XML document and returns its numbers (milliseconds, KB). The server is
 * started fresh for each document so its memory is the document's.
 */
export async function measureLsp(serverModule, file, { timeoutMs = 300_000 } = {}) {
  if (!existsSync(serverModule)) throw new Error(`${serverModule} is missing: run npm run build first`);
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(resolve(file)).href;
  const nodeFlags = (process.env.EVENTLOG_DOCTOR_SERVER_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeFlags, serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiters = [];
  const published = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri) return;
    published.push({ params, at: performance.now() });
    for (const w of waiters.splice(0)) if (!w(params)) waiters.push(w);
  });
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.listen();
  const diagnosticsFor = (version) =>
    new Promise((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for version ${version} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
      const check = (params) => {
        if (params.version !== version) return false;
        clearTimeout(timer);
        resolvePromise({ params, at: performance.now() });
        return true;
      };
      const already = published.find((p) => p.params.version === version);
      if (already) {
        clearTimeout(timer);
        resolvePromise(already);
      } else {
        waiters.push(check);
      }
    });
  try {
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    await connection.sendNotification(InitializedNotification.type, {});
    const baseline = memoryOf(child.pid);

    const openCpu = cpuMsOf(child.pid);
    const opened = performance.now();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'eventlog-xml', version: 1, text } });
    const first = await diagnosticsFor(1);
    const openMs = first.at - opened;
    const openCpuMs = cpuMsOf(child.pid) - openCpu;
    const diagnostics = first.params.diagnostics;

    const starts = lineStarts(text);
    const anchors = [];
    for (let at = text.indexOf('<EventID'); at !== -1 && anchors.length < 5000; at = text.indexOf('<EventID', at + 1)) anchors.push(at + 3);
    const hoverMs = [];
    for (let i = 0; i < SAMPLES; i++) {
      const offset = anchors[Math.floor((i * anchors.length) / SAMPLES)] ?? 0;
      const t = performance.now();
      await connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionAt(starts, offset) });
      hoverMs.push(performance.now() - t);
    }
    const findings = diagnostics.filter((d) => typeof d.code === 'string' && d.code !== 'eventlog.parse-error');
    const codeActionMs = [];
    for (let i = 0; i < SAMPLES && findings.length > 0; i++) {
      const diagnostic = findings[i % findings.length];
      const t = performance.now();
      await connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
      codeActionMs.push(performance.now() - t);
    }

    // One character typed inside a Data value, EDITS times at places spread over the middle of the document,
    // each followed by fresh diagnostics (the edits shift every later event, as typing does).
    const editMs = [];
    const editCpu = cpuMsOf(child.pid);
    let editedText = text;
    let editedStarts = starts;
    for (let k = 0; k < EDITS; k++) {
      const middle = editedText.indexOf('<Data>', Math.floor((editedText.length * (k + 3)) / (EDITS + 6)));
      const offset = middle === -1 ? editedText.length >> 1 : middle + '<Data>'.length;
      const editAt = positionAt(editedStarts, offset);
      const version = k + 2;
      const edited = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: editAt, end: editAt }, text: 'x' }],
      });
      await diagnosticsFor(version);
      editMs.push(performance.now() - edited);
      editedText = `${editedText.slice(0, offset)}x${editedText.slice(offset)}`;
      editedStarts = editedStarts.map((start) => (start > offset ? start + 1 : start));
    }
    const editCpuMs = (cpuMsOf(child.pid) - editCpu) / EDITS;
    const memory = memoryOf(child.pid);
    return {
      file,
      bytes: Buffer.byteLength(text),
      diagnostics: diagnostics.length,
      capNote: diagnostics.find((d) => d.code === undefined && /more/.test(d.message))?.message,
      openMs,
      openCpuMs,
      hoverP50: percentile(hoverMs, 50),
      hoverP95: percentile(hoverMs, 95),
      codeActionP50: percentile(codeActionMs, 50),
      codeActionP95: percentile(codeActionMs, 95),
      editMs: percentile(editMs, 50),
      editP95: percentile(editMs, 95),
      editCpuMs,
      serverBaselineRssKb: baseline.rssKb,
      serverRssKb: memory.rssKb,
      serverPeakRssKb: memory.hwmKb,
    };
  } finally {
    try {
      await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await connection.sendNotification(ExitNotification.type);
    } catch {
      // The server is gone already.
    }
    connection.dispose();
    setTimeout(() => child.kill(), 500).unref();
  }
}
