import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { compileGlob, matchesAny, type GlobMatcher } from './glob';

/** What a folder walk reads when no `--include` is given. */
export const DEFAULT_INCLUDE = '*.{xml,txt,log,csv,evtx}';

/** The files to scan, and the arguments or folders that could not be read. */
export interface CollectedFiles {
  files: string[];
  errors: { path: string; message: string }[];
}

/** Which files a folder walk keeps: `include` (default {@link DEFAULT_INCLUDE}) and not `exclude`. */
export interface FileFilter {
  include: readonly string[];
  exclude: readonly string[];
}

/** A file system error as a short phrase for the report. */
export function describeFsError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    if (error.code === 'ENOENT') return 'no such file or folder';
    if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
    if (error.code === 'EISDIR') return 'is a folder';
    if (error.code === 'ELOOP') return 'too many levels of symbolic links';
  }
  return error instanceof Error ? error.message : String(error);
}

function slashes(file: string): string {
  return file.split(path.sep).join('/');
}

/**
 * Expands the command line's paths: files as given (named files are always read), folders recursively in name
 * order to the files `filter` keeps. A pattern is tried against the path below the folder given and against the
 * path as printed. Excluded folders are not entered; symbolic links to folders are not followed, so a link cycle
 * cannot loop. Each file once.
 */
export async function collectFiles(paths: readonly string[], filter: FileFilter = { include: [], exclude: [] }): Promise<CollectedFiles> {
  const include: GlobMatcher[] = (filter.include.length > 0 ? filter.include : [DEFAULT_INCLUDE]).map(compileGlob);
  const exclude: GlobMatcher[] = filter.exclude.map(compileGlob);
  const result: CollectedFiles = { files: [], errors: [] };
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    result.files.push(file);
  };
  const excluded = (relative: string, shown: string) => matchesAny(exclude, relative) || matchesAny(exclude, slashes(shown));
  const included = (relative: string, shown: string) => matchesAny(include, relative) || matchesAny(include, slashes(shown));

  async function walk(root: string, folder: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      result.errors.push({ path: folder, message: describeFsError(error) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      const relative = slashes(path.relative(root, full));
      if (excluded(relative, full)) continue;
      if (entry.isDirectory()) {
        await walk(root, full);
        continue;
      }
      if (!included(relative, full)) continue;
      if (entry.isFile()) add(full);
      else if (entry.isSymbolicLink()) {
        const target = await fs.stat(full).catch(() => undefined);
        if (target?.isFile()) add(full);
      }
    }
  }

  for (const given of paths) {
    try {
      const stat = await fs.stat(given);
      if (stat.isDirectory()) await walk(given, given);
      else add(given);
    } catch (error) {
      result.errors.push({ path: given, message: describeFsError(error) });
    }
  }
  return result;
}
