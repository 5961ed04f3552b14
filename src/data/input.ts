import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { DataIssue } from './errors.js';
import { isMissing } from '../missing.js';

/**
 * Every file ets-brief reads as data (a publisher file, a dataset in data/, a Frictionless
 * resource) is opened here: regular files only, of bounded size. The path is examined before it is
 * opened, because opening a FIFO blocks until a writer appears and a device never ends.
 */

/** The default largest file read, in MiB; ETS_BRIEF_MAX_FILE_MIB overrides it. */
export const DEFAULT_MAX_FILE_MIB = 256;

const MIB = 1024 * 1024;

export function maxFileBytes(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.ETS_BRIEF_MAX_FILE_MIB);
  return (Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_MAX_FILE_MIB) * MIB;
}

/** A file that cannot be read as data, said as a located issue. */
export class InputError extends Error {
  constructor(readonly issue: DataIssue) {
    super(`${issue.file}: ${issue.message}`);
    this.name = 'InputError';
  }
}

/** What a path is when it is not a regular file ("a directory"), or undefined for a regular file. */
function kindOf(s: Stats): string | undefined {
  if (s.isFile()) return undefined;
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isCharacterDevice()) return 'a character device';
  if (s.isBlockDevice()) return 'a block device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

function refuse(file: string, message: string, expected?: string): never {
  throw new InputError({ file, severity: 'error', message, ...(expected !== undefined ? { expected } : {}) });
}

function describeMiB(bytes: number): string {
  return `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MiB`;
}

export function tooLarge(file: string, size: number | undefined, limit: number): never {
  const what = size === undefined ? 'more than' : `${describeMiB(size)}, more than`;
  return refuse(file, `the file is ${what} the ${describeMiB(limit)} ets-brief reads (set ETS_BRIEF_MAX_FILE_MIB to raise the limit)`);
}

/**
 * Checks a path without opening it: regular file (a symbolic link to one is fine) of at most
 * `maxBytes`. Throws InputError saying what the path is otherwise; returns its stats.
 */
export async function checkRegularFile(path: string, display = path, maxBytes = maxFileBytes()): Promise<Stats> {
  let s: Stats;
  try {
    s = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (isMissing(error)) refuse(display, code === 'ENOTDIR' ? 'file not found (a folder on its path is a file)' : 'file not found');
    if (code === 'EACCES' || code === 'EPERM') refuse(display, 'permission denied');
    if (code === 'ELOOP') refuse(display, 'symbolic link loop');
    refuse(display, `could not read the file: ${(error as Error).message}`);
  }
  const kind = kindOf(s);
  if (kind !== undefined) refuse(display, `${kind}, not a file; ets-brief reads regular files only`);
  if (s.size > maxBytes) tooLarge(display, s.size, maxBytes);
  return s;
}

/**
 * Opens a regular file for reading. O_NONBLOCK is belt and braces: should the path be swapped for
 * a FIFO between the check and the open, the open returns at once and the fstat refuses it.
 */
export async function openRegularFile(path: string, display = path, maxBytes = maxFileBytes()): Promise<FileHandle> {
  await checkRegularFile(path, display, maxBytes);
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    refuse(display, isMissing(error) ? 'file not found' : code === 'EACCES' ? 'permission denied' : `could not open the file: ${(error as Error).message}`);
  }
  // What was opened may not be what was examined (the path replaced meanwhile): examine it again.
  const opened = await handle.stat();
  const kind = kindOf(opened);
  if (kind !== undefined || opened.size > maxBytes) {
    await handle.close();
    if (kind !== undefined) refuse(display, `${kind}, not a file; ets-brief reads regular files only`);
    tooLarge(display, opened.size, maxBytes);
  }
  return handle;
}

/**
 * The whole of a regular file, read once: what is parsed and what is hashed are then the same
 * bytes, whatever happens to the file meanwhile. Reading stops one byte past `maxBytes`, so a file
 * that grows while it is read cannot exhaust memory.
 */
export async function readRegularFile(path: string, display = path, maxBytes = maxFileBytes()): Promise<Buffer> {
  const handle = await openRegularFile(path, display, maxBytes);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(4 * MIB, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) tooLarge(display, undefined, maxBytes);
    }
    return Buffer.concat(chunks, total);
  } finally {
    await handle.close();
  }
}
