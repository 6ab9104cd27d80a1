// In the extension host, with the real `vscode` API: the extension activates on an exported log, the language is
// detected, the diagnostics, hover and quick fix are the ones a user gets, and settings re-level a rule.
// The workspace is a temporary copy of examples/ files made by the runner (never examples/ itself).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { loadBuiltinRules } from '../../../server/src/rules/catalog';
import { planRemediationInsert } from '../../../server/src/service';
import { poll } from './poll';

const EXTENSION_ID = 'eventlog-doctor.eventlog-doctor';
const XML_LOG = 'Application-crypt32.xml';
const TEXT_LOG = 'saveAsText.txt';
const POM = 'pom.xml';
const EXTRACT_FAILED = 'crypt32.root-list-extract-failed';
const SEQUENCE_UNREACHABLE = 'crypt32.root-list-sequence-unreachable';
const REMEDIATION = 'clear-cryptnet-cache';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder (the runner opens a temporary copy of the examples)');
  return vscode.Uri.joinPath(folder.uri, name);
}

/**
 * Waits until the server has read `document` and the client switched it to `languageId` (VS Code picks xml /
 * plaintext from the extension first; the switch reopens the document, so look it up again by uri).
 */
function switchedLanguage(document: vscode.TextDocument, languageId: string): Promise<string> {
  return poll(`${path.basename(document.uri.fsPath)} to switch to ${languageId}`, () => {
    const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === document.uri.toString());
    return current?.languageId === languageId ? current.languageId : undefined;
  });
}

async function open(name: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  await vscode.window.showTextDocument(document);
  return document;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

async function diagnosticsOf(uri: vscode.Uri, what: string, ready: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return poll(what, () => {
    const diagnostics = vscode.languages.getDiagnostics(uri);
    return ready(diagnostics) ? diagnostics : undefined;
  });
}

function rangeOf(document: vscode.TextDocument, start: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(start + length));
}

/** The `<EventID ...>id</EventID>` element of the first event with this id: where an XML event is flagged. */
function xmlEventIdRange(document: vscode.TextDocument, id: string): vscode.Range {
  const text = document.getText();
  const close = text.indexOf(`>${id}</EventID>`);
  assert.ok(close > 0, `no event ${id}`);
  const start = text.lastIndexOf('<EventID', close);
  return rangeOf(document, start, close + `>${id}</EventID>`.length - start);
}

/** The Event ID cell of a tab-separated Event Viewer row (0-based line): where a text event is flagged. */
function textEventIdRange(document: vscode.TextDocument, line: number, id: string): vscode.Range {
  const lineText = document.lineAt(line).text;
  const cell = lineText.indexOf(`\t${id}\t`);
  assert.ok(cell > 0, `line ${line + 1} has no Event ID ${id}`);
  return new vscode.Range(line, cell + 1, line, cell + 1 + id.length);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

async function setRuleSeverity(rules: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('eventlogDoctor').update('rules', rules, vscode.ConfigurationTarget.Workspace);
}

describe('Event Log Doctor in VS Code', () => {
  after(async () => {
    await setRuleSeverity(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('an Event Viewer XML export', () => {
    let document: vscode.TextDocument;
    let extractFailed: vscode.Diagnostic;

    before(async () => {
      document = await open(XML_LOG);
    });

    it('activates the extension', async () => {
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not installed`);
      await poll('the extension to activate', () => (extension.isActive ? true : undefined));
    });

    it('detects the Event Log (XML) language from the content', async () => {
      assert.equal(await switchedLanguage(document, 'eventlog-xml'), 'eventlog-xml');
    });

    it('flags the CAPI2 4107 event and the twelve Crypt32 8 events with their codes and ranges', async () => {
      const diagnostics = await diagnosticsOf(document.uri, '13 diagnostics on the XML export', (d) => d.length === 13);
      const byCode = (code: string) => diagnostics.filter((d) => codeOf(d) === code);
      assert.equal(byCode(EXTRACT_FAILED).length, 1);
      assert.equal(byCode(SEQUENCE_UNREACHABLE).length, 12);
      const found = byCode(EXTRACT_FAILED)[0];
      assert.ok(found);
      extractFailed = found;
      assert.deepEqual(extractFailed.range, xmlEventIdRange(document, '4107'));
      assert.equal(extractFailed.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(
        extractFailed.message,
        'Windows could not extract the trusted root list from the downloaded authrootstl.cab: the signing certificate is outside its validity period (once, at 2025-03-14 09:59 UTC)',
      );
      const firstSequence = byCode(SEQUENCE_UNREACHABLE).sort((a, b) => a.range.start.compareTo(b.range.start))[0];
      assert.deepEqual(firstSequence?.range, xmlEventIdRange(document, '8'));
      assert.equal(firstSequence?.severity, vscode.DiagnosticSeverity.Information);
    });

    it('explains the flagged event in the hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, extractFailed.range.start);
      const text = hoverText(hovers);
      assert.match(text, /Windows could not extract the trusted root list from the downloaded authrootstl\.cab: the signing certificate is outside its validity period/);
      assert.match(text, /Automatic Root Certificates Update fetches `authrootstl\.cab`/);
      assert.match(text, /\*\*It can be\.\*\*/);
      assert.match(text, /Resolution options/);
    });

    it('writes the remediation script beside the log with the quick fix, leaving the log alone', async () => {
      const original = document.getText();
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, extractFailed.range);
      const rule = loadBuiltinRules().find((r) => r.doc.id === EXTRACT_FAILED);
      assert.ok(rule);
      const remediation = rule.doc.remediations.find((r) => r.id === REMEDIATION);
      assert.ok(remediation);
      const titles = actions.map((a) => a.title);
      const expectedTitles = [
        ...rule.doc.remediations.filter((r) => r.kind === 'script').map((r) => `Insert remediation script: ${r.title}`),
        `Mark as benign: turn ${EXTRACT_FAILED} off in this workspace`,
      ];
      for (const title of expectedTitles) assert.ok(titles.includes(title), `"${title}" missing from ${JSON.stringify(titles)}`);
      const action = actions.find((a) => a.title === `Insert remediation script: ${remediation.title}`);
      assert.ok(action?.command, 'the action carries no command');
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));

      const planned = planRemediationInsert(undefined, rule, REMEDIATION, XML_LOG);
      assert.ok('text' in planned);
      const scriptPath = path.join(path.dirname(document.uri.fsPath), 'Application-crypt32.remediation.ps1');
      const script = await poll('the script document', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.fsPath === scriptPath && d.getText() === planned.text),
      );
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, scriptPath, 'the script is not shown');
      assert.ok(existsSync(scriptPath), 'the script file was not created');
      assert.ok(script.isDirty || readFileSync(scriptPath, 'utf8') === planned.text, 'the script is neither unsaved nor on disk');
      // The first save can be refused while the editor still settles the just-created file; the user's Ctrl+S comes later.
      await poll('the script to save', async () => ((await script.save()) || !script.isDirty ? true : undefined), 5000);
      await poll('the script on disk', () => (readFileSync(scriptPath, 'utf8') === planned.text ? true : undefined), 5000);
      assert.equal(document.getText(), original, 'the log was changed');
    });

    it('follows a severity override from the settings', async () => {
      await setRuleSeverity({ [EXTRACT_FAILED]: 'error' });
      await diagnosticsOf(document.uri, `${EXTRACT_FAILED} as an error`, (d) =>
        d.some((x) => codeOf(x) === EXTRACT_FAILED && x.severity === vscode.DiagnosticSeverity.Error),
      );
      await setRuleSeverity({ [EXTRACT_FAILED]: 'off' });
      const off = await diagnosticsOf(document.uri, `${EXTRACT_FAILED} turned off`, (d) => d.length === 12);
      assert.ok(off.every((d) => codeOf(d) === SEQUENCE_UNREACHABLE));
      await setRuleSeverity(undefined);
      await diagnosticsOf(document.uri, 'the default severities back', (d) =>
        d.some((x) => codeOf(x) === EXTRACT_FAILED && x.severity === vscode.DiagnosticSeverity.Warning),
      );
    });
  });

  describe('an Event Viewer text export and a pom.xml', () => {
    it('detects the Event Log (Text) language from the content', async () => {
      const document = await open(TEXT_LOG);
      assert.equal(await switchedLanguage(document, 'eventlog-text'), 'eventlog-text');
    });

    it('leaves the pom.xml alone and flags the text export', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const pom = await open(POM);
      const document = await open(TEXT_LOG);
      // The server validates documents in the order they were opened: once the text export is flagged, the pom has had its turn.
      const diagnostics = await diagnosticsOf(document.uri, 'four diagnostics on the text export', (d) => d.length === 4);
      assert.deepEqual(vscode.languages.getDiagnostics(pom.uri), []);
      const actual = diagnostics
        .map((d) => ({ code: codeOf(d), severity: d.severity, range: d.range }))
        .sort((a, b) => a.range.start.compareTo(b.range.start));
      assert.deepEqual(actual, [
        { code: EXTRACT_FAILED, severity: vscode.DiagnosticSeverity.Warning, range: textEventIdRange(document, 1, '4107') },
        { code: SEQUENCE_UNREACHABLE, severity: vscode.DiagnosticSeverity.Information, range: textEventIdRange(document, 2, '8') },
        { code: 'cryptsvc.service-failed', severity: vscode.DiagnosticSeverity.Error, range: textEventIdRange(document, 3, '7000') },
        { code: 'cryptsvc.service-crashed', severity: vscode.DiagnosticSeverity.Error, range: textEventIdRange(document, 5, '7031') },
      ]);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(5, 53));
      assert.match(hoverText(hovers), /Cryptographic Services \(CryptSvc\) terminated unexpectedly/);
    });
  });
});
