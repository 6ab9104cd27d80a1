import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The local path of a `file:` URI; undefined for other schemes or a URI node cannot turn into a path. */
export function localPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Whether two paths name the same file, case-insensitively where the platform's file system usually is. */
export function samePath(a: string, b: string): boolean {
  const left = path.resolve(a);
  const right = path.resolve(b);
  return process.platform === 'win32' || process.platform === 'darwin' ? left.toLowerCase() === right.toLowerCase() : left === right;
}
