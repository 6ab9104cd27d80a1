// Logs too large for VS Code to hand to extensions (over 50 MB: no TextDocument reaches the language server).
// The client notices such a file when its tab becomes active and offers "Analyze file on disk": the server reads
// the file itself, off its main thread, and publishes the findings against it; the client shows a summary.
import { commands, ProgressLocation, TabInputCustom, TabInputText, Uri, window, workspace, type ExtensionContext } from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';

export const ANALYZE_FILE_ON_DISK_COMMAND = 'eventlogDoctor.analyzeFileOnDisk';
const ANALYZE_FILE_REQUEST = 'eventlogDoctor/analyzeFile';
/** VS Code does not sync documents above this size to extensions. */
const EXTENSION_SYNC_LIMIT = 50 * 1024 * 1024;
/** Names of files that may be event logs: exports and .evtx. */
const LOG_FILE = /\.(xml|txt|log|csv|evtx)$/i;

interface AnalyzeFileResult {
  summary: string;
  events: number;
  findings: number;
  diagnostics: number;
}

/** Registers the command and the watch on the active tab. */
export function registerLargeFiles(context: ExtensionContext, getClient: () => LanguageClient | undefined): void {
  const offered = new Set<string>();
  const checkActiveTab = async (): Promise<void> => {
    const uri = activeTabUri();
    if (!uri || uri.scheme !== 'file' || !LOG_FILE.test(uri.path) || offered.has(uri.toString())) return;
    let size: number;
    try {
      size = (await workspace.fs.stat(uri)).size;
    } catch {
      return;
    }
    if (size <= EXTENSION_SYNC_LIMIT || offered.has(uri.toString())) return;
    offered.add(uri.toString());
    const name = uri.path.split('/').pop() ?? uri.toString();
    const choice = await window.showInformationMessage(
      `${name} is ${Math.round(size / (1024 * 1024))} MB: too large for VS Code to hand to Event Log Doctor. Analyze it on disk instead?`,
      'Analyze file on disk',
    );
    if (choice) await analyzeFileOnDisk(getClient(), uri);
  };
  context.subscriptions.push(
    commands.registerCommand(ANALYZE_FILE_ON_DISK_COMMAND, (uri?: unknown) => analyzeFileOnDisk(getClient(), uri instanceof Uri ? uri : activeTabUri())),
    window.tabGroups.onDidChangeTabs(() => void checkActiveTab()),
    window.tabGroups.onDidChangeTabGroups(() => void checkActiveTab()),
  );
  void checkActiveTab();
}

/** The file shown in the active tab, whatever editor shows it. */
function activeTabUri(): Uri | undefined {
  const input = window.tabGroups.activeTabGroup.activeTab?.input;
  if (input instanceof TabInputText || input instanceof TabInputCustom) return input.uri;
  return undefined;
}

async function analyzeFileOnDisk(client: LanguageClient | undefined, uri: Uri | undefined): Promise<void> {
  if (!uri) {
    void window.showErrorMessage('Event Log Doctor: open or select a log file to analyze on disk.');
    return;
  }
  if (!client?.isRunning()) {
    void window.showErrorMessage('Event Log Doctor: the language server is not running.');
    return;
  }
  const name = uri.path.split('/').pop() ?? uri.toString();
  const result = await window.withProgress(
    { location: ProgressLocation.Notification, title: `Event Log Doctor: analyzing ${name}`, cancellable: true },
    async (progress, token) => {
      const workDoneToken = `analyze-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      let reported = 0;
      const listening = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
        if (value.kind !== 'report') return;
        const percentage = value.percentage ?? reported;
        progress.report({ message: value.message, increment: Math.max(0, percentage - reported) });
        reported = Math.max(reported, percentage);
      });
      try {
        return await client.sendRequest<AnalyzeFileResult>(ANALYZE_FILE_REQUEST, { uri: uri.toString(), workDoneToken }, token);
      } catch (error) {
        if (!token.isCancellationRequested) void window.showErrorMessage(error instanceof Error ? error.message : String(error));
        return undefined;
      } finally {
        listening.dispose();
      }
    },
  );
  if (!result) return;
  const summary = await workspace.openTextDocument({ language: 'markdown', content: result.summary });
  await window.showTextDocument(summary, { preview: true });
  window.setStatusBarMessage(`Event Log Doctor: ${result.findings} finding(s) in ${result.events} event(s) of ${name}`, 8000);
}
