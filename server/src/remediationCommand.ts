/**
 * The "insert remediation script" command: writes a rule's vetted script into `<log>.remediation.ps1` (or
 * `.cmd`) beside the log, through the client's workspace edit so the user reviews it before saving. Never writes
 * into the log itself, and never inserts the same block twice.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageType, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { evtxFileUri } from './evtx/evtxUri';
import { isRecord } from './isRecord';
import { samePath } from './localFiles';
import type { Rule } from './rules/schema';
import type { ServerSettings } from './serverSettings';
import { planRemediationInsert, remediationScriptPath } from './service';

/** What inserting a script needs from the server and its client. */
export interface RemediationHost {
  rules(): readonly Rule[];
  settingsFor(uri: string): Promise<ServerSettings>;
  /** The document open in the editor for a file path, whose unsaved text is the truth. */
  openDocument(file: string): TextDocument | undefined;
  /** The client can create a file as part of a workspace edit. */
  createFiles: boolean;
  applyEdit(label: string, edit: WorkspaceEdit): Promise<{ applied: boolean; failureReason?: string }>;
  /** Shows the script (when the client can be asked to). */
  showDocument(uri: string): Promise<void>;
  showMessage(type: MessageType, message: string): void;
}

interface InsertRemediationRequest {
  uri: string;
  ruleId: string;
  remediationId: string;
}

export async function insertRemediation(argument: unknown, host: RemediationHost): Promise<void> {
  const request = readInsertRequest(argument);
  // A decoded .evtx is shown as a virtual XML document: its scripts go beside the .evtx file.
  if (request) request.uri = evtxFileUri(request.uri) ?? request.uri;
  if (!request) {
    host.showMessage(MessageType.Error, 'Event Log Doctor: the remediation command needs { uri, ruleId, remediationId }.');
    return;
  }
  if (!request.uri.startsWith('file:')) {
    host.showMessage(MessageType.Error, 'Event Log Doctor can insert a remediation script only beside a log saved on disk. Save the log first.');
    return;
  }
  const rule = host.rules().find((r) => r.doc.id === request.ruleId);
  const remediation = rule?.doc.remediations.find((r) => r.id === request.remediationId);
  if (!rule || !remediation) {
    host.showMessage(MessageType.Error, `Event Log Doctor: no remediation ${request.ruleId}/${request.remediationId}.`);
    return;
  }
  let logPath: string;
  try {
    logPath = fileURLToPath(request.uri);
  } catch {
    host.showMessage(MessageType.Error, `Event Log Doctor cannot find a local file path for ${request.uri}.`);
    return;
  }
  const settings = await host.settingsFor(request.uri);
  const language = /\.(cmd|bat)$/i.test(remediation.script ?? '') ? 'cmd' : 'powershell';
  const planned = remediationScriptPath(logPath.replace(/\\/g, '/'), language, settings.scriptFolder || undefined);
  const scriptPath = path.resolve(path.dirname(logPath), planned);
  if (samePath(scriptPath, logPath)) {
    host.showMessage(MessageType.Error, 'Event Log Doctor will not write into the log itself; change eventlogDoctor.scriptFolder.');
    return;
  }
  const scriptUri = pathToFileURL(scriptPath).href;

  // The script may be open with unsaved changes (an earlier insert); the editor's text is the truth then.
  const open = host.openDocument(scriptPath);
  let existing: string | undefined;
  try {
    existing = open ? open.getText() : await readTextIfExists(scriptPath);
  } catch (error) {
    host.showMessage(MessageType.Error, `Event Log Doctor cannot read ${scriptPath}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  const plan = planRemediationInsert(existing, rule, remediation.id, path.basename(logPath));
  if ('error' in plan) {
    host.showMessage(MessageType.Error, `Event Log Doctor: ${plan.error}`);
    return;
  }
  if ('alreadyPresent' in plan) {
    host.showMessage(MessageType.Info, `"${remediation.title}" is already in ${path.basename(scriptPath)}.`);
    await host.showDocument(open?.uri ?? scriptUri);
    return;
  }

  const at = existing === undefined ? { line: 0, character: 0 } : endPosition(existing);
  const insert: TextEdit = { range: { start: at, end: at }, newText: plan.text };
  let edit: WorkspaceEdit;
  if (open) {
    edit = { changes: { [open.uri]: [insert] } };
  } else if (host.createFiles) {
    edit = {
      documentChanges: [
        { kind: 'create', uri: scriptUri, options: { ignoreIfExists: true } },
        { textDocument: { uri: scriptUri, version: null }, edits: [insert] },
      ],
    };
  } else {
    // Clients that cannot create files get an empty file from the server; 'wx' never overwrites one.
    if (existing === undefined) {
      await fs.mkdir(path.dirname(scriptPath), { recursive: true });
      await fs.writeFile(scriptPath, '', { flag: 'wx' });
    }
    edit = { changes: { [scriptUri]: [insert] } };
  }
  const result = await host.applyEdit(`Insert remediation script: ${remediation.title}`, edit);
  if (!result.applied) {
    const reason = result.failureReason ? `: ${result.failureReason}` : '.';
    host.showMessage(MessageType.Error, `Event Log Doctor could not insert the script into ${scriptPath}${reason}`);
    return;
  }
  await host.showDocument(open?.uri ?? scriptUri);
}

function readInsertRequest(argument: unknown): InsertRemediationRequest | undefined {
  if (!isRecord(argument)) return undefined;
  const { uri, ruleId, remediationId } = argument;
  if (typeof uri !== 'string' || typeof ruleId !== 'string' || typeof remediationId !== 'string') return undefined;
  return { uri, ruleId, remediationId };
}

async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isRecord(error) && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

function endPosition(text: string): { line: number; character: number } {
  return TextDocument.create('', '', 0, text).positionAt(text.length);
}
