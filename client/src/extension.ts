// A thin client: starts the Event Log Doctor language server and adds the two client-side commands.
// It knows nothing about events or rules; the server decides what a log is and what it means.
import * as path from 'node:path';
import { commands, ConfigurationTarget, window, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerDetectedLanguage } from './detectedLanguage';
import { documentSelector } from './documentSelector';
import { registerEvtxDocuments } from './evtxDocuments';
import { registerLargeFiles } from './largeFiles';
import { isSeveritySetting, mergeRuleSetting } from './ruleSettings';

/** The server's code actions call this one to silence or re-level a rule (arguments: rule id, setting). */
const SET_RULE_SEVERITY_COMMAND = 'eventlogDoctor.setRuleSeverity';
const RESTART_SERVER_COMMAND = 'eventlogDoctor.restartServer';
const SETTINGS_SECTION = 'eventlogDoctor';
/** Tells the server the user trusted the workspace, so the rule folders of its settings may load. */
const WORKSPACE_TRUSTED_NOTIFICATION = 'eventlogDoctor/workspaceTrusted';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('server', 'out', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const ruleFileWatcher = workspace.createFileSystemWatcher('**/*.{yml,yaml}');
  context.subscriptions.push(ruleFileWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector,
    // Rule folders from the settings load only in a trusted workspace; the server is told when trust is granted.
    initializationOptions: () => ({ workspaceTrusted: workspace.isTrusted }),
    synchronize: { configurationSection: SETTINGS_SECTION, fileEvents: ruleFileWatcher },
  };
  client = new LanguageClient(SETTINGS_SECTION, 'Event Log Doctor', serverOptions, clientOptions);

  context.subscriptions.push(
    commands.registerCommand(SET_RULE_SEVERITY_COMMAND, setRuleSeverity),
    commands.registerCommand(RESTART_SERVER_COMMAND, async () => {
      await client?.restart();
    }),
    workspace.onDidGrantWorkspaceTrust(() => {
      void client?.sendNotification(WORKSPACE_TRUSTED_NOTIFICATION);
    }),
  );
  context.subscriptions.push(registerDetectedLanguage(client));
  registerEvtxDocuments(context, () => client);
  registerLargeFiles(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Writes one rule's setting into `eventlogDoctor.rules`, keeping the others, in the workspace when one is open. */
async function setRuleSeverity(ruleId: unknown, setting: unknown): Promise<void> {
  if (typeof ruleId !== 'string' || ruleId === '' || !isSeveritySetting(setting)) {
    void window.showErrorMessage('Event Log Doctor: setRuleSeverity needs a rule id and off, hint, information, warning or error.');
    return;
  }
  const configuration = workspace.getConfiguration(SETTINGS_SECTION);
  const inspected = configuration.inspect<unknown>('rules');
  const target = workspace.workspaceFolders?.length ? ConfigurationTarget.Workspace : ConfigurationTarget.Global;
  const current = target === ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue;
  await configuration.update('rules', mergeRuleSetting(current, ruleId, setting), target);
  window.setStatusBarMessage(`Event Log Doctor: ${ruleId} set to ${setting}`, 4000);
}
