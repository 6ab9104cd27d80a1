// Round trips against the real bundled server (server/out/server.js, built by `npm run test:protocol`) over stdio.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  CodeActionRequest,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  ExecuteCommandRequest,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  MessageType,
  ShutdownRequest,
  TextDocumentSyncKind,
  type CodeAction,
  type Command,
  type Diagnostic,
  type InitializeResult,
  type MarkupContent,
  type Range,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadBuiltinRules } from '../../server/src/rules/catalog';
import { LspTestClient } from './lspTestClient';

const repoRoot = path.resolve(__dirname, '../..');
const serverModule = path.join(repoRoot, 'server/out/server.js');
const fixtures = path.join(repoRoot, 'test/fixtures/protocol');
const CRYPT32 = 'crypt32.root-list-sequence-unreachable';
const CRYPTSVC = 'cryptsvc.service-failed';
const INSERT_REMEDIATION = 'eventlogDoctor.insertRemediation';

const rules = loadBuiltinRules();
const crypt32Rule = rules.find((r) => r.doc.id === CRYPT32);

/** The range of the `n`th `<EventID ...>...</EventID>` element: where the server draws an event's diagnostic. */
function eventIdRange(text: string, n: number): Range {
  let start = -1;
  for (let i = 0; i <= n; i++) start = text.indexOf('<EventID', start + 1);
  const end = text.indexOf('</EventID>', start) + '</EventID>'.length;
  const document = TextDocument.create('file:///x', 'xml', 0, text);
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code)).sort();
}

describe('language server over stdio', { timeout: 120_000 }, () => {
  let dir = '';
  let client: LspTestClient;
  let initializeResult: InitializeResult;
  let logFile = '';
  let logUri = '';
  let logText = '';

  before(async () => {
    assert.ok(existsSync(serverModule), `${serverModule} is missing: run npm run build (npm run test:protocol does)`);
    dir = mkdtempSync(path.join(tmpdir(), 'eventlog-doctor-lsp-'));
    logFile = path.join(dir, 'export.xml');
    copyFileSync(path.join(fixtures, 'crypt32-and-cryptsvc.xml'), logFile);
    copyFileSync(path.join(fixtures, 'crypt32-and-cryptsvc.xml'), path.join(dir, 'second.xml'));
    copyFileSync(path.join(fixtures, 'pom.xml'), path.join(dir, 'pom.xml'));
    logUri = pathToFileURL(logFile).href;
    logText = readFileSync(logFile, 'utf8');

    client = new LspTestClient(serverModule);
    initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'logs' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          applyEdit: true,
          workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        },
        window: { showDocument: { support: true } },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: [CodeActionKind.QuickFix] } } },
          publishDiagnostics: { versionSupport: true },
        },
      },
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
  });

  after(async () => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('advertises its features', () => {
    const capabilities = initializeResult.capabilities;
    assert.deepEqual(capabilities.textDocumentSync, { openClose: true, change: TextDocumentSyncKind.Incremental });
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: [CodeActionKind.QuickFix] });
    assert.equal(capabilities.documentSymbolProvider, true);
    assert.equal(capabilities.foldingRangeProvider, true);
    assert.deepEqual(capabilities.executeCommandProvider?.commands, [INSERT_REMEDIATION]);
  });

  it('publishes diagnostics on the EventID of each finding when an export is opened', async () => {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: logUri, languageId: 'xml', version: 1, text: logText },
    });
    const published = await client.waitFor('diagnostics for export.xml', () => client.publishesFor(logUri)[0]);
    assert.equal(published.version, 1);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range, d.severity, d.source]),
      [
        [CRYPT32, eventIdRange(logText, 0), DiagnosticSeverity.Information, 'Event Log Doctor'],
        [CRYPTSVC, eventIdRange(logText, 1), DiagnosticSeverity.Error, 'Event Log Doctor'],
      ],
    );
    assert.ok(client.configurationRequests.includes(logUri), 'settings were pulled for the document');
  });

  it('explains the event on hover', async () => {
    assert.ok(crypt32Rule);
    const inside = eventIdRange(logText, 0).start;
    const hover = await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri: logUri },
      position: { line: inside.line, character: inside.character + 3 },
    });
    const contents = hover?.contents as MarkupContent | undefined;
    assert.equal(contents?.kind, 'markdown');
    assert.ok(contents.value.includes(crypt32Rule.doc.explanation.trim()), contents.value);
  });

  let actions: (Command | CodeAction)[] = [];

  it('offers the rule remediations as quick fixes', async () => {
    assert.ok(crypt32Rule);
    const diagnostic = client.publishesFor(logUri)[0]?.diagnostics.find((d) => d.code === CRYPT32);
    assert.ok(diagnostic);
    actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: logUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: [CodeActionKind.QuickFix] },
    }) ?? [];
    const expected = [
      ...crypt32Rule.doc.remediations.filter((r) => r.kind === 'script').map((r) => `Insert remediation script: ${r.title}`),
      `Mark as benign: turn ${CRYPT32} off in this workspace`,
    ];
    assert.deepEqual(actions.map((a) => a.title), expected);
    for (const action of actions) assert.equal((action as CodeAction).kind, CodeActionKind.QuickFix);
  });

  it('inserts a remediation script beside the log once, and never touches the log', async () => {
    assert.ok(crypt32Rule);
    const remediation = crypt32Rule.doc.remediations.find((r) => r.kind === 'script');
    assert.ok(remediation?.script);
    const action = actions.find((a) => a.title === `Insert remediation script: ${remediation.title}`) as CodeAction | undefined;
    const command = action?.command;
    assert.equal(command?.command, INSERT_REMEDIATION);
    const logBytes = readFileSync(logFile);
    const scriptFile = path.join(dir, 'export.remediation.ps1');

    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments });
    assert.equal(client.appliedEdits.length, 1);
    const script = readFileSync(scriptFile, 'utf8');
    const begin = `# >>> Event Log Doctor: ${CRYPT32}/${remediation.id}`;
    assert.equal(script.split(begin).length, 2, 'one marked block');
    const body = crypt32Rule.scripts[remediation.script]?.trimEnd();
    assert.ok(body && script.includes(body), 'the rule script is in the file');
    assert.deepEqual(client.shownDocuments.map((d) => [fileURLToPath(d.uri), d.takeFocus]), [[scriptFile, true]]);

    await client.connection.sendRequest(ExecuteCommandRequest.type, { command: command.command, arguments: command.arguments });
    assert.equal(client.appliedEdits.length, 1, 'no second edit');
    assert.equal(readFileSync(scriptFile, 'utf8'), script);
    assert.equal(client.messages.at(-1)?.type, MessageType.Info);
    assert.match(client.messages.at(-1)?.message ?? '', /already/);
    assert.equal(client.shownDocuments.length, 2);
    assert.deepEqual(readFileSync(logFile), logBytes, 'the log is unchanged');
  });

  it('publishes fresh diagnostics after a one-character edit', async () => {
    const before = eventIdRange(logText, 0);
    const seen = client.publishesFor(logUri).length;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: logUri, version: 2 },
      contentChanges: [{ range: { start: before.start, end: before.start }, text: ' ' }],
    });
    const published = await client.waitFor('diagnostics for version 2', () => client.publishesFor(logUri).slice(seen).find((p) => p.version === 2));
    const shifted = (character: number) => ({ line: before.start.line, character: character + 1 });
    assert.deepEqual(published.diagnostics.find((d) => d.code === CRYPT32)?.range, {
      start: shifted(before.start.character),
      end: shifted(before.end.character),
    });
    assert.deepEqual(codes(published.diagnostics), [CRYPT32, CRYPTSVC]);
  });

  it('drops a rule turned off in the settings', async () => {
    const seen = client.publishesFor(logUri).length;
    client.settings = { rules: { [CRYPTSVC]: 'off' } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    const published = await client.waitFor('diagnostics after the settings change', () => client.publishesFor(logUri).slice(seen)[0]);
    assert.deepEqual(codes(published.diagnostics), [CRYPT32]);
  });

  it('never publishes for XML that is not an event log', async () => {
    const pomUri = pathToFileURL(path.join(dir, 'pom.xml')).href;
    const secondUri = pathToFileURL(path.join(dir, 'second.xml')).href;
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: pomUri, languageId: 'xml', version: 1, text: readFileSync(path.join(dir, 'pom.xml'), 'utf8') },
    });
    // Documents are validated in the order they were opened: once the second log is published, pom.xml was handled.
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: secondUri, languageId: 'xml', version: 1, text: logText },
    });
    await client.waitFor('diagnostics for second.xml', () => client.publishesFor(secondUri)[0]);
    assert.deepEqual(client.publishesFor(pomUri), []);
    assert.deepEqual(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: pomUri } }), []);
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: pomUri }, position: { line: 1, character: 3 } }), null);
  });

  it('reads a text export: diagnostics on the Event ID, hover and quick fixes', async () => {
    const textFile = path.join(dir, 'crypt32-legacy.txt');
    copyFileSync(path.join(repoRoot, 'test/fixtures/rules', CRYPT32, 'hit.txt'), textFile);
    const textUri = pathToFileURL(textFile).href;
    const text = readFileSync(textFile, 'utf8');
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: textUri, languageId: 'plaintext', version: 1, text },
    });
    const published = await client.waitFor('diagnostics for the text export', () => client.publishesFor(textUri)[0]);
    assert.deepEqual(codes(published.diagnostics), [CRYPT32, CRYPT32]);
    // Legacy details: the diagnostic sits on the value of the first `Event ID:` line.
    const document = TextDocument.create(textUri, 'plaintext', 1, text);
    const idStart = text.indexOf('8', text.indexOf('Event ID:'));
    assert.deepEqual(published.diagnostics[0]!.range, { start: document.positionAt(idStart), end: document.positionAt(idStart + 1) });

    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: textUri }, position: published.diagnostics[0]!.range.start });
    assert.match((hover?.contents as MarkupContent).value, /Matched on/);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: textUri },
      range: published.diagnostics[0]!.range,
      context: { diagnostics: [published.diagnostics[0]!] },
    })) as CodeAction[];
    assert.ok(actions.some((a) => a.title.startsWith('Insert remediation script: check and set the WinHTTP proxy')));
  });

  it('refuses to insert a script for a log that is not saved on disk', async () => {
    const seen = client.messages.length;
    await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: INSERT_REMEDIATION,
      arguments: [{ uri: 'untitled:Untitled-1', ruleId: CRYPT32, remediationId: 'winhttp-proxy' }],
    });
    assert.deepEqual(client.messages.slice(seen).map((m) => m.type), [MessageType.Error]);
    assert.equal(client.appliedEdits.length, 1);
  });

  it('clears the diagnostics of a closed log', async () => {
    const seen = client.publishesFor(logUri).length;
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: logUri } });
    const published = await client.waitFor('the clearing publish', () => client.publishesFor(logUri).slice(seen)[0]);
    assert.deepEqual(published.diagnostics, []);
  });

  it('shuts down and exits with status 0', async () => {
    await client.connection.sendRequest(ShutdownRequest.type);
    await client.connection.sendNotification(ExitNotification.type);
    assert.equal(await client.exited, 0);
  });
});
