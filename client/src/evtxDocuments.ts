// Binary .evtx logs shown as read-only XML documents. The client decodes nothing: the server renders the .evtx
// (in a worker thread) and the document, in the `eventlog-evtx` scheme, is analysed like any XML export.
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  commands,
  languages,
  ProgressLocation,
  TabInputText,
  Uri,
  window,
  workspace,
  type CancellationToken,
  type CustomDocument,
  type CustomReadonlyEditorProvider,
  type Disposable,
  type ExtensionContext,
  type TextDocumentContentProvider,
  type ViewColumn,
  type WebviewPanel,
} from 'vscode';
import { State, WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';

/** `eventlog-evtx:<path of the .evtx>.xml`: the `.evtx.xml` ending gives the document the eventlog-xml language. */
export const EVTX_SCHEME = 'eventlog-evtx';
/** The custom editor registered for `*.evtx` (package.json `customEditors`): it opens the XML document instead. */
const EVTX_EDITOR_VIEW_TYPE = 'eventlogDoctor.evtx';
const OPEN_EVTX_COMMAND = 'eventlogDoctor.openEvtx';
const RENDER_TO_FILE_COMMAND = 'eventlogDoctor.renderEvtxToFile';
const RENDER_EVTX_REQUEST = 'eventlogDoctor/renderEvtx';
const RENDER_EVTX_TO_FILE_REQUEST = 'eventlogDoctor/renderEvtxToFile';
const XML_LANGUAGE = 'eventlog-xml';

interface RenderEvtxResult {
  text: string;
  summary: boolean;
  records: number;
  issues: string[];
}

interface RenderEvtxToFileResult {
  records: number;
  issues: string[];
}

/** The read-only XML document of an .evtx file. */
export function evtxDocumentUri(evtx: Uri): Uri {
  return evtx.with({ scheme: EVTX_SCHEME, path: `${evtx.path}.xml`, query: '', fragment: '' });
}

/** The .evtx file behind an XML document of the `eventlog-evtx` scheme. */
function evtxFileOf(document: Uri): Uri {
  return document.with({ scheme: 'file', path: document.path.replace(/\.xml$/i, '') });
}

/** Waits until the language client runs; fails when it is stopped. */
async function runningClient(getClient: () => LanguageClient | undefined): Promise<LanguageClient> {
  const client = getClient();
  if (client?.state === State.Running) return client;
  if (client?.state !== State.Starting) throw new Error('the Event Log Doctor language server is not running');
  await new Promise<void>((resolve, reject) => {
    const listener = client.onDidChangeState((change) => {
      if (change.newState === State.Starting) return;
      listener.dispose();
      if (change.newState === State.Running) resolve();
      else reject(new Error('the Event Log Doctor language server stopped'));
    });
  });
  return client;
}

/** Sends a request with a work done token, showing the server's progress in a cancellable notification. */
function requestWithProgress<T>(client: LanguageClient, method: string, params: object, title: string, token?: CancellationToken): Promise<T> {
  return Promise.resolve(
    window.withProgress({ location: ProgressLocation.Notification, title, cancellable: true }, async (progress, cancelled) => {
      const workDoneToken = randomUUID();
      let reported = 0;
      const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'report') return;
        const percentage = value.percentage ?? reported;
        progress.report({ increment: Math.max(0, percentage - reported), ...(value.message !== undefined ? { message: value.message } : {}) });
        reported = percentage;
      });
      const source = new CancellationTokenSource();
      const subscriptions: Disposable[] = [cancelled.onCancellationRequested(() => source.cancel())];
      if (token) subscriptions.push(token.onCancellationRequested(() => source.cancel()));
      try {
        return await client.sendRequest<T>(method, { ...params, workDoneToken }, source.token);
      } finally {
        listener.dispose();
        for (const subscription of subscriptions) subscription.dispose();
        source.dispose();
      }
    }),
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Renders each `eventlog-evtx:` document from its .evtx file, through the server. */
class EvtxContentProvider implements TextDocumentContentProvider {
  constructor(private readonly getClient: () => LanguageClient | undefined) {}

  async provideTextDocumentContent(uri: Uri, token: CancellationToken): Promise<string> {
    const evtx = evtxFileOf(uri);
    const name = path.basename(evtx.fsPath);
    const client = await runningClient(this.getClient);
    const result = await requestWithProgress<RenderEvtxResult>(client, RENDER_EVTX_REQUEST, { uri: evtx.toString() }, `Decoding ${name}`, token);
    if (result.summary) {
      void window
        .showInformationMessage(
          `${name} is too large to show all ${result.records} events; the editor shows the events with findings in full and counts the rest.`,
          'Render All to an XML File',
        )
        .then((choice) => (choice ? commands.executeCommand(RENDER_TO_FILE_COMMAND, evtx) : undefined));
    }
    if (result.issues.length > 0) {
      void window.showWarningMessage(`${name}: ${result.issues.length} damaged part(s) of the file were skipped; the top of the document lists them.`);
    }
    return result.text;
  }
}

/**
 * A custom editor for `*.evtx` that only redirects: VS Code cannot show a binary file in a text editor, and a custom
 * editor cannot host one, so it opens the XML document in the same column and closes itself.
 */
class EvtxRedirectEditor implements CustomReadonlyEditorProvider {
  openCustomDocument(uri: Uri): CustomDocument {
    return { uri, dispose: () => undefined };
  }

  resolveCustomEditor(document: CustomDocument, panel: WebviewPanel): void {
    panel.webview.html = page(`Opening ${path.basename(document.uri.fsPath)} as XML...`);
    // Disposing the panel before VS Code has finished resolving it fails the whole open: redirect afterwards.
    void this.redirect(document.uri, panel);
  }

  private async redirect(evtx: Uri, panel: WebviewPanel): Promise<void> {
    try {
      await openEvtxAsXml(evtx, panel.viewColumn);
      panel.dispose();
    } catch (error) {
      panel.webview.html = page(`Event Log Doctor could not open ${path.basename(evtx.fsPath)}: ${errorText(error)}`);
    }
  }
}

function page(message: string): string {
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="default-src 'none';"></head><body><p>${escaped}</p></body></html>`;
}

/** Opens the XML document of an .evtx file in `column`. */
async function openEvtxAsXml(evtx: Uri, column?: ViewColumn): Promise<void> {
  let document = await workspace.openTextDocument(evtxDocumentUri(evtx));
  if (document.languageId !== XML_LANGUAGE) document = await languages.setTextDocumentLanguage(document, XML_LANGUAGE);
  await window.showTextDocument(document, { preview: false, ...(column !== undefined ? { viewColumn: column } : {}) });
}

/** The .evtx a command applies to: its argument, the active XML document's file, or one the user picks. */
async function pickEvtx(argument: unknown): Promise<Uri | undefined> {
  if (argument instanceof Uri) return argument.scheme === EVTX_SCHEME ? evtxFileOf(argument) : argument;
  const active = window.activeTextEditor?.document.uri;
  if (active?.scheme === EVTX_SCHEME) return evtxFileOf(active);
  const picked = await window.showOpenDialog({ canSelectMany: false, filters: { 'Windows event logs': ['evtx'] }, openLabel: 'Open as XML' });
  return picked?.[0];
}

async function renderToFile(getClient: () => LanguageClient | undefined, argument: unknown): Promise<void> {
  const evtx = await pickEvtx(argument);
  if (!evtx) return;
  const name = path.basename(evtx.fsPath);
  const target = await window.showSaveDialog({
    defaultUri: evtx.with({ path: evtx.path.replace(/\.evtx$/i, '') + '.xml' }),
    filters: { XML: ['xml'] },
    saveLabel: 'Render to XML',
    title: `Render ${name} to an XML file`,
  });
  if (!target) return;
  try {
    const client = await runningClient(getClient);
    const result = await requestWithProgress<RenderEvtxToFileResult>(
      client,
      RENDER_EVTX_TO_FILE_REQUEST,
      { uri: evtx.toString(), target: target.toString() },
      `Rendering ${name} to ${path.basename(target.fsPath)}`,
    );
    const skipped = result.issues.length > 0 ? ` (${result.issues.length} damaged part(s) skipped)` : '';
    const choice = await window.showInformationMessage(`Wrote ${result.records} events of ${name} to ${target.fsPath}${skipped}.`, 'Open');
    if (choice) await window.showTextDocument(target);
  } catch (error) {
    void window.showErrorMessage(`Event Log Doctor could not render ${name}: ${errorText(error)}`);
  }
}

/**
 * Until the extension host has registered the `*.evtx` custom editor (the first seconds of a window), VS Code opens
 * an .evtx in its text editor, which shows only a binary-file warning: such tabs are replaced by the XML document.
 */
async function redirectEarlyEvtxTabs(): Promise<void> {
  for (const group of window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!(tab.input instanceof TabInputText) || tab.input.uri.scheme !== 'file' || !/\.evtx$/i.test(tab.input.uri.path)) continue;
      const evtx = tab.input.uri;
      try {
        await openEvtxAsXml(evtx, group.viewColumn);
        await window.tabGroups.close(tab);
      } catch (error) {
        void window.showErrorMessage(`Event Log Doctor could not open ${path.basename(evtx.fsPath)}: ${errorText(error)}`);
      }
    }
  }
}

/** Registers the `eventlog-evtx` documents, the `*.evtx` redirecting editor and the two .evtx commands. */
export function registerEvtxDocuments(context: ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    workspace.registerTextDocumentContentProvider(EVTX_SCHEME, new EvtxContentProvider(getClient)),
    window.registerCustomEditorProvider(EVTX_EDITOR_VIEW_TYPE, new EvtxRedirectEditor(), {
      supportsMultipleEditorsPerDocument: true,
    }),
    commands.registerCommand(OPEN_EVTX_COMMAND, async (argument: unknown) => {
      const evtx = await pickEvtx(argument);
      if (!evtx) return;
      try {
        await openEvtxAsXml(evtx);
      } catch (error) {
        void window.showErrorMessage(`Event Log Doctor could not open ${path.basename(evtx.fsPath)}: ${errorText(error)}`);
      }
    }),
    commands.registerCommand(RENDER_TO_FILE_COMMAND, (argument: unknown) => renderToFile(getClient, argument)),
  );
  void redirectEarlyEvtxTabs();
}
