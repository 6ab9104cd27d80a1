import type { LogKind } from '../parse/model';

/** Languages VS Code assigns by file extension that may hold an event log. */
const GENERIC_LANGUAGES = new Set(['xml', 'plaintext', 'log']);

/**
 * The event log language a generic document should switch to once its content is known to be a log:
 * `eventlog-xml` for XML exports, `eventlog-text` for text (or mixed) exports. Undefined when the document is
 * not a log or already has a specific language.
 */
export function detectedLanguage(languageId: string, kind: LogKind | undefined): 'eventlog-xml' | 'eventlog-text' | undefined {
  if (kind === undefined || !GENERIC_LANGUAGES.has(languageId)) return undefined;
  return kind === 'xml' || kind === 'evtx' ? 'eventlog-xml' : 'eventlog-text';
}
