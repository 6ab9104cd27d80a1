import type { DocumentSelector } from 'vscode-languageclient';

/** The languages an exported event log arrives as; the server sniffs the content and ignores what is not a log. */
const LOG_LANGUAGES = ['eventlog-xml', 'eventlog-text', 'xml', 'plaintext', 'log'];

/**
 * Every log language in saved and untitled documents, plus the remediation scripts the server writes beside
 * logs (the server reads their unsaved text so a second insert never duplicates a block), plus YAML rule files.
 */
export const documentSelector: DocumentSelector = [
  ...LOG_LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]),
  { scheme: 'file', pattern: '**/*.remediation.{ps1,cmd}' },
  // .evtx files decoded by the server and shown as read-only XML (client/src/evtxDocuments.ts).
  { scheme: 'eventlog-evtx', language: 'eventlog-xml' },
  // Sigma rule files: the server shows a rule's errors in it (only for files under eventlogDoctor.rulePaths or shaped like rules).
  { language: 'yaml', pattern: '**/*.{yml,yaml}' },
];
