import { logBaseName } from './logName';
import type { ScriptLanguage } from './remediationInsert';

/** The root of a '/'-separated path (`/`, `c:/`, `//server/`) or '' for a relative one. */
function rootOf(path: string): string {
  const drive = /^[A-Za-z]:\//.exec(path) ?? /^\/[A-Za-z]:\//.exec(path);
  if (drive) return drive[0];
  if (path.startsWith('//')) return '//';
  return path.startsWith('/') ? '/' : '';
}

/** Resolves `.` and `..` segments and repeated slashes, keeping the root. */
function normalize(path: string): string {
  const root = rootOf(path);
  const segments: string[] = [];
  for (const segment of path.slice(root.length).split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
    else if (segment === '..' && root !== '') continue;
    else segments.push(segment);
  }
  return root + segments.join('/');
}

function join(folder: string, name: string): string {
  if (folder === '') return name;
  return folder.endsWith('/') ? folder + name : `${folder}/${name}`;
}

/**
 * Where the remediation script for a log goes: `<folder>/<log name>.remediation.ps1` (`.cmd` for cmd), with the
 * log's extension dropped from its name. The folder is the log's own, or `scriptFolder` (relative to the log's
 * folder, or absolute). Pure string operations on '/'-separated paths; backslashes in `scriptFolder` count as '/'.
 */
export function remediationScriptPath(logPath: string, language: ScriptLanguage, scriptFolder?: string): string {
  const path = String(logPath ?? '');
  const slash = path.lastIndexOf('/');
  const logFolder = slash < 0 ? '' : path.slice(0, slash + 1);
  const file = `${logBaseName(path)}.remediation.${language === 'cmd' ? 'cmd' : 'ps1'}`;

  const requested = typeof scriptFolder === 'string' ? scriptFolder.trim().replace(/\\/g, '/') : '';
  const folder = requested === '' ? logFolder : rootOf(requested) !== '' ? requested : join(logFolder, requested);
  return join(normalize(folder), file);
}
