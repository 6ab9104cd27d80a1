// .evtx files over the protocol: the server decodes them in a worker thread, reports progress, honours
// cancellation, and maps their virtual XML documents back to the .evtx for remediation scripts.
// The server and worker bundles are built here from the sources, as esbuild.mjs builds them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import {
  CancellationTokenSource,
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  ResponseError,
  WorkDoneProgress,
  type CodeAction,
  type WorkDoneProgressBegin,
  type WorkDoneProgressEnd,
  type WorkDoneProgressReport,
} from 'vscode-languageserver-protocol/node';
import { LspTestClient } from './lspTestClient';

const repoRoot = path.resolve(__dirname, '../..');
const systemEvtx = path.resolve(repoRoot, '../shared/samples/real/omerbenamram-evtx/samples/system.evtx');
const RENDER_EVTX = 'eventlogDoctor/renderEvtx';
const RENDER_EVTX_TO_FILE = 'eventlogDoctor/renderEvtxToFile';
const INSERT_REMEDIATION = 'eventlogDoctor.insertRemediation';

interface RenderResult {
  text: string;
  summary: boolean;
  records: number;
  issues: string[];
}

type Progress = WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd;

function countEvents(xml: string): number {
  let count = 0;
  for (let at = xml.indexOf('<Event '); at >= 0; at = xml.indexOf('<Event ', at + 1)) count++;
  return count;
}

/** An .evtx of `copies` times system.evtx's 16 used chunks behind its file header: large enough to cancel mid-way. */
function largeEvtx(file: string, copies: number): void {
  const fd = openSync(systemEvtx, 'r');
  const header = Buffer.alloc(4096);
  const chunks = Buffer.alloc(16 * 65536);
  readSync(fd, header, 0, header.length, 0);
  readSync(fd, chunks, 0, chunks.length, 4096);
  closeSync(fd);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: copies }, () => chunks)]));
}

describe('.evtx over the protocol', { timeout: 120_000, skip: !existsSync(systemEvtx) && `${systemEvtx} is absent` }, () => {
  let dir = '';
  let client: LspTestClient;
  let token = 0;

  /** Sends a request with a fresh work done token and collects the progress reported on it. */
  function request<T>(method: string, params: object, cancel?: CancellationTokenSource, onProgress?: (value: Progress) => void) {
    const workDoneToken = `evtx-${++token}`;
    const progress: Progress[] = [];
    const listener = client.connection.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      progress.push(value);
      onProgress?.(value);
    });
    const sent = cancel ? client.connection.sendRequest<T>(method, { ...params, workDoneToken }, cancel.token) : client.connection.sendRequest<T>(method, { ...params, workDoneToken });
    const result = sent.finally(() => listener.dispose());
    return { result, progress };
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-evtx-'));
    const out = path.join(dir, 'out');
    await Promise.all([
      esbuild.build({ entryPoints: [path.join(repoRoot, 'server/src/main.ts')], outfile: path.join(out, 'server.js'), bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' }),
      esbuild.build({ entryPoints: [path.join(repoRoot, 'server/src/evtx/evtxWorker.ts')], outfile: path.join(out, 'evtxWorker.js'), bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' }),
    ]);
    client = new LspTestClient(path.join(out, 'server.js'));
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'logs' }],
      capabilities: {
        workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
        window: { workDoneProgress: true, showDocument: { support: true } },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('renders an .evtx as XML in a worker, reporting progress by chunk', async () => {
    const { result, progress } = request<RenderResult>(RENDER_EVTX, { uri: pathToFileURL(systemEvtx).href });
    const rendering = await result;
    assert.equal(rendering.summary, false);
    assert.equal(rendering.records, 1881);
    assert.deepEqual(rendering.issues, []);
    assert.equal(countEvents(rendering.text), 1881);
    assert.ok(rendering.text.startsWith('<?xml version="1.0" encoding="utf-8" standalone="yes"?>\n<Events>\n<Event xmlns='));
    await client.waitFor('the end of the progress', () => (progress.at(-1)?.kind === 'end' ? true : undefined));
    assert.deepEqual(progress[0], { kind: 'begin', title: 'Decoding system.evtx', cancellable: true, message: 'starting', percentage: 0 });
    const reports = progress.filter((p): p is WorkDoneProgressReport => p.kind === 'report');
    assert.ok(reports.length >= 2, `${reports.length} reports`);
    assert.deepEqual(reports.at(-1), { kind: 'report', percentage: 100, message: '1881 records, chunk 17 of 17' });
  });

  it('renders the findings-first summary when asked for less than the full length', async () => {
    const rendering = await request<RenderResult>(RENDER_EVTX, { uri: pathToFileURL(systemEvtx).href, maxLength: 100_000 }).result;
    assert.equal(rendering.summary, true);
    assert.match(rendering.text, /^<\?xml [^>]*\?>\n<!--\n {2}Event Log Doctor: a findings-first summary of system\.evtx, not every event\.\n/);
  });

  it('stops the worker when the request is cancelled, and keeps serving', async () => {
    const large = path.join(dir, 'Large.evtx');
    largeEvtx(large, 12);
    const target = path.join(dir, 'Large.xml');
    const cancel = new CancellationTokenSource();
    const { result, progress } = request(RENDER_EVTX_TO_FILE, { uri: pathToFileURL(large).href, target: pathToFileURL(target).href }, cancel, (value) => {
      if (value.kind === 'report') cancel.cancel();
    });
    await assert.rejects(result, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
    await client.waitFor('the end of the progress', () => (progress.at(-1)?.kind === 'end' ? true : undefined));
    const lastReport = progress.filter((p): p is WorkDoneProgressReport => p.kind === 'report').at(-1);
    assert.ok(lastReport && (lastReport.percentage ?? 100) < 100, `stopped before the end: ${JSON.stringify(lastReport)}`);
    // The worker removes its partial output when it stops; the server answers the next request.
    await client.waitFor('the partial output to be removed', () => (existsSync(target) ? undefined : true));
    const rendering = await request<RenderResult>(RENDER_EVTX, { uri: pathToFileURL(systemEvtx).href }).result;
    assert.equal(rendering.records, 1881);
  });

  it('streams the full rendering to a file', async () => {
    const target = path.join(dir, 'system.xml');
    const result = await request<{ records: number; issues: string[] }>(RENDER_EVTX_TO_FILE, {
      uri: pathToFileURL(systemEvtx).href,
      target: pathToFileURL(target).href,
    }).result;
    assert.deepEqual(result, { records: 1881, issues: [] });
    assert.equal(countEvents(readFileSync(target, 'utf8')), 1881);
  });

  it('answers a file that is not an .evtx with a clear error', async () => {
    const text = path.join(dir, 'export.xml');
    writeFileSync(text, '<Events></Events>');
    await assert.rejects(
      request(RENDER_EVTX, { uri: pathToFileURL(text).href }).result,
      (error: unknown) =>
        error instanceof ResponseError &&
        error.code === LSPErrorCodes.RequestFailed &&
        error.message === `${text} is not an .evtx event log (no "ElfFile" header and no "ElfChnk" chunk)`,
    );
    await assert.rejects(
      request(RENDER_EVTX, { uri: 'untitled:Untitled-1' }).result,
      (error: unknown) => error instanceof ResponseError && error.message === 'untitled:Untitled-1 is not an .evtx file on disk',
    );
  });

  it('writes the remediation scripts of a decoded .evtx beside the .evtx file', async () => {
    const evtx = path.join(dir, 'System.evtx');
    const uri = `eventlog-evtx:${pathToFileURL(evtx).href.slice('file://'.length)}.xml`;
    const text = readFileSync(path.join(repoRoot, 'test/fixtures/protocol/crypt32-and-cryptsvc.xml'), 'utf8');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'eventlog-xml', version: 1, text } });
    const published = await client.waitFor('diagnostics of the decoded .evtx', () => client.publishesFor(uri).find((p) => p.diagnostics.length > 0));
    const diagnostic = published.diagnostics[0]!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const insert = actions.find((a) => a.command?.command === INSERT_REMEDIATION);
    assert.ok(insert?.command, `an insert action among ${actions.map((a) => a.title).join(', ')}`);
    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: INSERT_REMEDIATION, arguments: insert.command.arguments });
    const shown = await client.waitFor('the script to be shown', () => client.shownDocuments.at(-1));
    assert.match(shown.uri, /\/System\.remediation\.(ps1|cmd)$/);
    assert.ok(readdirSync(dir).some((name) => /^System\.remediation\.(ps1|cmd)$/.test(name)), readdirSync(dir).join(', '));
  });
});
