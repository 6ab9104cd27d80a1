import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** The extensions a folder scan reads; named files are read whatever their extension. */
const LOG_EXTENSIONS = new Set(['.xml', '.txt', '.log', '.csv', '.evtx']);

/** The files to scan, and the arguments that could not be read. */
export interface CollectedFiles {
  files: string[];
  errors: { path: string; message: string }[];
}

/** A file system error as a short phrase for the report. */
export function describeFsError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    if (error.code === 'ENOENT') return 'no such file or folder';
    if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Expands the command line's paths: files as given, folders recursively (in name order) to their files with a
 * log extension. Symbolic links to folders are not followed, so a link cycle cannot loop. Each file once.
 */
export async function collectFiles(paths: readonly string[]): Promise<CollectedFiles> {
  const result: CollectedFiles = { files: [], errors: [] };
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(file);
    if (seen.has(key)) return;
    seen.add(key);
    result.files.push(file);
  };

  async function walk(folder: string): Promise<void> {
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
      if (entry.isDirectory()) {
        await walk(full);
        continue;
      }
      if (!LOG_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) continue;
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
      if (stat.isDirectory()) await walk(given);
      else add(given);
    } catch (error) {
      result.errors.push({ path: given, message: describeFsError(error) });
    }
  }
  return result;
}
