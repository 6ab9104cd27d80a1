// `eventlogDoctor/analyzeFile` against the real bundled server: a file of a few MB read from disk in the worker,
// its findings published against the file with exact lines, progress reported, and cancellation honoured.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  ResponseError,
  WorkDoneProgress,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { LspTestClient } from './lspTestClient';

const repoRoot = path.resolve(__dirname, '../..');
const serverModule = path.join(repoRoot, 'server/out/server.js');
const workerModule = path.join(repoRoot, 'server/out/analyzeWorker.js');
const samples = path.resolve(repoRoot, '../shared/samples');
const CRYPT32 = 'crypt32.root-list-sequence-unreachable';
const REQUEST = 'eventlogDoctor/analyzeFile';
const NS = 'http://schemas.microsoft.com/win/2004/08/events/event';
/** One crypto event in this many. */
const EVERY = 400;
const EVENTS = 6000;

interface AnalyzeFileResult {
  summary: string;
  events: number;
  findings: number;
  diagnostics: number;
}

function xmlEvent(record: number, crypto: boolean): string {
  const provider = crypto ? 'Microsoft-Windows-CAPI2' : 'Service Control Manager';
  const id = crypto ? '8' : '7036';
  const data = crypto
    ? '<Data>http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootseq.txt</Data>\n    <Data>The server name or address could not be resolved.</Data>'
    : '<Data Name="param1">Windows Update</Data>\n    <Data Name="param2">running</Data>';
  return [
    `<Event xmlns="${NS}">`,
    '  <System>',
    `    <Provider Name="${provider}"/>`,
    `    <EventID Qualifiers="49152">${id}</EventID>`,
    '    <Level>2</Level>',
    `    <TimeCreated SystemTime="2024-01-01T00:${String(Math.floor(record / 60) % 60).padStart(2, '0')}:${String(record % 60).padStart(2, '0')}.000000000Z"/>`,
    `    <EventRecordID>${record}</EventRecordID>`,
    '    <Channel>Application</Channel>',
    '    <Computer>SERVER1</Computer>',
    '  </System>',
    '  <EventData>',
    `    ${data}`,
    '  </EventData>',
    '</Event>',
  ].join('\n');
}

/** A few MB of XML export and the (0-based) lines of its crypto events' `<EventID>`. */
function buildXml(): { text: string; lines: number[] } {
  const parts = ['<?xml version="1.0" encoding="utf-8"?>', '<Events>'];
  const lines: number[] = [];
  let line = 2;
  for (let i = 1; i <= EVENTS; i++) {
    const crypto = i % EVERY === 0;
    if (crypto) lines.push(line + 3);
    const event = xmlEvent(i, crypto);
    parts.push(event);
    line += event.split('\n').length;
  }
  parts.push('</Events>', '');
  return { text: parts.join('\n'), lines };
}

/** The same events as an Event Viewer "Save as Text" export: a header line, then one row per event. */
function buildTabText(): { text: string; lines: number[] } {
  const rows = ['Level\tDate and Time\tSource\tEvent ID\tTask Category'];
  const lines: number[] = [];
  for (let i = 1; i <= EVENTS; i++) {
    const crypto = i % EVERY === 0;
    if (crypto) lines.push(rows.length);
    const time = `1/1/2024 12:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} AM`;
    rows.push(
      crypto
        ? `Error\t${time}\tCrypt32\t8\tNone\tFailed auto update retrieval of third-party root list sequence number from: <http://www.download.windowsupdate.com/msdownload/update/v3/static/trustedr/en/authrootseq.txt> with error: The server name or address could not be resolved.`
        : `Information\t${time}\tService Control Manager\t7036\tNone\tThe Windows Update service entered the running state. ${'padding '.repeat(40)}`,
    );
  }
  return { text: `${rows.join('\r\n')}\r\n`, lines };
}

describe('eventlogDoctor/analyzeFile over stdio', { timeout: 180_000 }, () => {
  let dir = '';
  let client: LspTestClient;

  before(async () => {
    assert.ok(existsSync(serverModule), `${serverModule} is missing: run npm run build (npm run test:protocol does)`);
    if (!existsSync(workerModule)) {
      // Until esbuild.mjs bundles the worker itself: the same options as the server bundle.
      const { build } = await import('esbuild');
      await build({ entryPoints: [path.join(repoRoot, 'server/src/disk/analyzeWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerModule, logLevel: 'error' });
    }
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-disk-'));
    client = new LspTestClient(serverModule);
    await client.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  after(() => {
    client?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function analyzeFile(file: string, token: string): Promise<{ result: AnalyzeFileResult; diagnostics: Diagnostic[]; progress: string[] }> {
    const uri = pathToFileURL(file).href;
    const progress: string[] = [];
    const listening = client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      progress.push(value.kind);
    });
    const result = await client.connection.sendRequest<AnalyzeFileResult>(REQUEST, { uri, workDoneToken: token });
    listening.dispose();
    const published = await client.waitFor(`diagnostics of ${uri}`, () => client.publishesFor(uri).at(-1));
    return { result, diagnostics: published.diagnostics, progress };
  }

  it('reads an XML export from disk and publishes its findings at their lines, with progress and a summary', async () => {
    const file = path.join(dir, 'big.xml');
    const { text, lines } = buildXml();
    writeFileSync(file, text);
    assert.ok(text.length > 2_000_000, 'the file spans several pieces');
    const { result, diagnostics, progress } = await analyzeFile(file, 'xml-1');
    assert.equal(result.events, EVENTS);
    assert.equal(result.findings, EVENTS / EVERY);
    assert.deepEqual(diagnostics.map((d) => d.code), lines.map(() => CRYPT32));
    assert.deepEqual(diagnostics.map((d) => d.range.start), lines.map((line) => ({ line, character: 4 })));
    assert.equal(progress[0], 'begin');
    assert.equal(progress.at(-1), 'end');
    assert.ok(progress.includes('report'));
    assert.match(result.summary, /^# Event Log Doctor: `big\.xml`$/m);
    assert.match(result.summary, new RegExp(`^\\| \`${CRYPT32.replace(/\./g, '\\.')}\` .* \\| ${EVENTS / EVERY} \\|`, 'm'));
  });

  it('reads a tab-delimited text export, keeping its header for every piece', async () => {
    const file = path.join(dir, 'big.txt');
    const { text, lines } = buildTabText();
    writeFileSync(file, text);
    const { result, diagnostics } = await analyzeFile(file, 'text-1');
    assert.equal(result.events, EVENTS);
    assert.deepEqual(diagnostics.map((d) => d.range.start.line), lines);
    assert.ok(diagnostics.every((d) => d.code === CRYPT32));
  });

  it('reads an .evtx file record by record', { skip: !existsSync(samples) && 'no ../shared/samples' }, async () => {
    const file = path.join(samples, 'real/omerbenamram-evtx/samples/system.evtx');
    const { result } = await analyzeFile(file, 'evtx-1');
    assert.ok(result.events > 1000, `${result.events} events`);
    assert.match(result.summary, /\.evtx\)/);
  });

  it('answers "cancelled" when the client cancels', async () => {
    const file = path.join(dir, 'cancelled.xml');
    writeFileSync(file, buildXml().text);
    const source = new CancellationTokenSource();
    const pending = client.connection.sendRequest(REQUEST, { uri: pathToFileURL(file).href }, source.token);
    source.cancel();
    await assert.rejects(pending, (error: unknown) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled);
  });

  it('rejects a uri that is not a file', async () => {
    await assert.rejects(client.connection.sendRequest(REQUEST, { uri: 'untitled:Untitled-1' }), /not a file on disk/);
  });
});
