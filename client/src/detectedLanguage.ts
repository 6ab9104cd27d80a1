import { languages, workspace, type Disposable } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

/**
 * The server names the event log language of a generic document (`xml`, `plaintext`, `log`) once it has read
 * its content. VS Code picks `xml` / `plaintext` from the file extension before any `firstLine` pattern is
 * tried, so without this an exported log would never get the event log grammar and language features.
 */
const DETECTED_LANGUAGE_NOTIFICATION = 'eventlogDoctor/detectedLanguage';
const GENERIC_LANGUAGES = new Set(['xml', 'plaintext', 'log']);

interface DetectedLanguage {
  uri: string;
  languageId: string;
}

export function registerDetectedLanguage(client: LanguageClient): Disposable {
  return client.onNotification(DETECTED_LANGUAGE_NOTIFICATION, (params: DetectedLanguage) => {
    const document = workspace.textDocuments.find((d) => d.uri.toString() === params.uri);
    if (!document || !GENERIC_LANGUAGES.has(document.languageId)) return;
    void languages.setTextDocumentLanguage(document, params.languageId);
  });
}
