// A minimal LSP client for protocol round trips: starts the bundled server over stdio, answers the requests a
// real editor answers (configuration, applyEdit on disk, showDocument) and records what the server sends.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ApplyWorkspaceEditRequest,
  ConfigurationRequest,
  createProtocolConnection,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShowDocumentRequest,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type ShowDocumentParams,
  type ShowMessageParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

interface Waiter {
  check: () => boolean;
  resolve: () => void;
}

export class LspTestClient {
  readonly connection: ProtocolConnection;
  /** What `workspace/configuration` answers for the `eventlogDoctor` section. */
  settings: Record<string, unknown> = {};
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly configurationRequests: string[] = [];
  readonly exited: Promise<number | null>;
  stderr = '';
  private readonly process: ChildProcess;
  private waiters: Waiter[] = [];

  constructor(serverModule: string) {
    this.process = spawn(process.execPath, [serverModule, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
    this.process.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    const { stdout, stdin } = this.process;
    if (!stdout || !stdin) throw new Error('the server process has no stdio pipes');
    this.connection = createProtocolConnection(new StreamMessageReader(stdout), new StreamMessageWriter(stdin));

    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => this.record(() => this.published.push(params)));
    this.connection.onNotification(ShowMessageNotification.type, (params) => this.record(() => this.messages.push(params)));
    this.connection.onRequest(ConfigurationRequest.type, (params) =>
      params.items.map((item) => {
        this.configurationRequests.push(item.scopeUri ?? '');
        return item.section === 'eventlogDoctor' ? this.settings : null;
      }),
    );
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(ApplyWorkspaceEditRequest.type, (params) => {
      applyToDisk(params.edit);
      this.record(() => this.appliedEdits.push(params));
      return { applied: true };
    });
    this.connection.onRequest(ShowDocumentRequest.type, (params) => {
      this.record(() => this.shownDocuments.push(params));
      return { success: true };
    });
    this.connection.listen();
  }

  /**
   * Resolves with `select()`'s first defined value, checked now and after every message from the server;
   * rejects at the deadline, saying what was awaited.
   */
  waitFor<T>(what: string, select: () => T | undefined, timeoutMs = 20_000): Promise<T> {
    return new Promise((resolve, reject) => {
      let value: T | undefined;
      const waiter: Waiter = {
        check: () => (value = select()) !== undefined,
        resolve: () => {
          clearTimeout(timer);
          resolve(value as T);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr}`));
      }, timeoutMs);
      if (waiter.check()) waiter.resolve();
      else this.waiters.push(waiter);
    });
  }

  /** The diagnostics publishes for `uri`, oldest first. */
  publishesFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter((p) => p.uri === uri);
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
  }

  private record(push: () => void): void {
    push();
    const ready = this.waiters.filter((w) => w.check());
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const waiter of ready) waiter.resolve();
  }
}

/** Applies a workspace edit to files on disk, as an editor would after saving. */
function applyToDisk(edit: WorkspaceEdit): void {
  const editFile = (uri: string, edits: TextEdit[]) => {
    const file = fileURLToPath(uri);
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, TextDocument.applyEdits(TextDocument.create(uri, 'plaintext', 0, text), edits));
  };
  for (const change of edit.documentChanges ?? []) {
    if (!('kind' in change)) {
      editFile(change.textDocument.uri, change.edits.filter((e): e is TextEdit => !('snippet' in e)));
    } else if (change.kind === 'create') {
      const file = fileURLToPath(change.uri);
      if (existsSync(file) && change.options?.ignoreIfExists) continue;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, '');
    } else {
      throw new Error(`unexpected resource operation ${change.kind}`);
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) editFile(uri, edits);
}
