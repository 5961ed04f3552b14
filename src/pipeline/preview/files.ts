import { realpath, stat, readdir } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';

/** What a request path names inside the served folder. */
export type Served =
  | { readonly kind: 'file'; readonly path: string; readonly size: number }
  | { readonly kind: 'folder'; readonly path: string; readonly segments: readonly string[] }
  | { readonly kind: 'none' };

/**
 * The file or folder a URL path names under `root`, or none. Only what is really under the root is
 * served: `..` and hidden names (the cache, the staging folder, the lock) are refused, a link is
 * followed only when its target is under the root too, and only regular files and folders count
 * (a FIFO would hang the server).
 */
export async function resolveServed(root: string, pathname: string): Promise<Served> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: 'none' };
  }
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.') || s.includes('\\') || s.includes('\0'))) return { kind: 'none' };
  try {
    const realRoot = await realpath(root);
    const real = await realpath(join(realRoot, ...segments));
    if (real !== realRoot && !real.startsWith(realRoot + sep)) return { kind: 'none' };
    const info = await stat(real);
    if (info.isDirectory()) return { kind: 'folder', path: real, segments };
    if (info.isFile()) return { kind: 'file', path: real, size: info.size };
  } catch {
    // missing, or not readable: not found
  }
  return { kind: 'none' };
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** The Content-Type of a served file, by its extension; unknown ones are plain bytes. */
export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export function isHtml(path: string): boolean {
  return extname(path).toLowerCase() === '.html';
}

/**
 * Every file under a folder, `/`-separated and relative to it, sorted. Hidden entries are skipped
 * without being read (the cache alone holds hundreds of files).
 */
async function listFiles(folder: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) found.push(...(await listFiles(join(folder, entry.name), `${prefix}${entry.name}/`)));
    else if (entry.isFile()) found.push(`${prefix}${entry.name}`);
  }
  return found.sort();
}

/** Every HTML file under a folder, `/`-separated and relative to it, hidden entries skipped. */
export async function htmlFiles(folder: string): Promise<string[]> {
  return (await listFiles(folder)).filter(isHtml);
}

/**
 * A summary of the served files (path, size, modification time): a build that wrote nothing new
 * leaves it unchanged, so open pages reload only when there is something new to show.
 */
export async function outputSignature(root: string): Promise<string> {
  const files = await listFiles(root);
  const stats = await Promise.all(files.map((file) => stat(join(root, file)).catch(() => undefined)));
  return files.map((file, i) => `${file}\t${stats[i]?.size}\t${stats[i]?.mtimeMs}\t${stats[i]?.ino}`).join('\n');
}
