import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The scheme of the read-only XML documents the editor shows for .evtx files: `eventlog-evtx:<path of the
 * .evtx>.xml` (the `.evtx.xml` ending gives the document the eventlog-xml language).
 */
export const EVTX_SCHEME = 'eventlog-evtx';

/**
 * The `file:` URI of the .evtx behind `uri`: a virtual `eventlog-evtx:` document's file, or `uri` itself when it
 * is a `file:` URI. Undefined for any other scheme.
 */
export function evtxFileUri(uri: string): string | undefined {
  if (uri.startsWith('file:')) return uri;
  if (!uri.startsWith(`${EVTX_SCHEME}:`)) return undefined;
  let rest = uri.slice(EVTX_SCHEME.length + 1);
  const query = rest.search(/[?#]/);
  if (query >= 0) rest = rest.slice(0, query);
  if (rest.toLowerCase().endsWith('.xml')) rest = rest.slice(0, -'.xml'.length);
  // `eventlog-evtx:/c%3A/logs/x.evtx.xml` has no authority; `eventlog-evtx://server/share/x.evtx.xml` names one.
  return rest.startsWith('//') ? `file:${rest}` : `file://${rest.startsWith('/') ? '' : '/'}${rest}`;
}

/** The local path of the .evtx behind `uri` (see `evtxFileUri`), or undefined. */
export function evtxFilePath(uri: string): string | undefined {
  const file = evtxFileUri(uri);
  if (file === undefined) return undefined;
  try {
    return fileURLToPath(file);
  } catch {
    return undefined;
  }
}

/** The virtual document URI for an .evtx file path. */
export function evtxDocumentUri(file: string): string {
  return `${EVTX_SCHEME}:${pathToFileURL(file).href.slice('file:'.length).replace(/^\/\/(?=\/)/, '')}.xml`;
}
