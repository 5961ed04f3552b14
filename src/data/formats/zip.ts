import { unzipSync, type UnzipFileInfo } from 'fflate';
import { InputError, maxFileBytes } from '../input.js';

/**
 * Zip archives as publishers ship them (the ECB's eurofxref-hist.zip holds eurofxref-hist.csv).
 * Read with fflate: a well-kept, dependency-free inflater. Entries are examined before any is
 * inflated, and a member whose declared size is over the file limit is refused, so an archive
 * cannot make ets-brief inflate more than it would read from a plain file.
 */

/** The local file header every zip (and so every .xlsx) starts with. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The archive's entries (files only, not folders), read from its central directory. */
export function zipEntries(bytes: Uint8Array): UnzipFileInfo[] {
  const entries: UnzipFileInfo[] = [];
  unzipSync(bytes, {
    filter: (info) => {
      if (!info.name.endsWith('/')) entries.push(info);
      return false;
    },
  });
  return entries;
}

/**
 * The one data file in an archive, inflated: an archive of several files, or of none, is an
 * error naming what it holds (which file to import is the user's choice, not a guess).
 */
export function singleZipMember(bytes: Uint8Array, display: string, maxBytes = maxFileBytes()): { name: string; bytes: Uint8Array } {
  const refuse = (message: string, expected: string): never => {
    throw new InputError({ file: display, severity: 'error', message, expected });
  };
  let entries: UnzipFileInfo[];
  try {
    entries = zipEntries(bytes);
  } catch (error) {
    return refuse(`not a readable zip archive: ${(error as Error).message}`, 'a zip archive holding one data file');
  }
  if (entries.length !== 1) {
    return refuse(
      `the archive holds ${entries.length} files (${entries
        .slice(0, 5)
        .map((e) => e.name)
        .join(', ')}${entries.length > 5 ? ', …' : ''})`,
      'an archive holding one data file; unzip it and import the file you mean',
    );
  }
  const [entry] = entries as [UnzipFileInfo];
  if (entry.originalSize > maxBytes)
    refuse(`${entry.name} inflates to ${entry.originalSize} bytes, over the limit of ${maxBytes}`, 'a smaller file (ETS_BRIEF_MAX_FILE_MIB raises the limit)');
  try {
    const files = unzipSync(bytes, { filter: (info) => info.name === entry.name });
    return { name: entry.name, bytes: files[entry.name]! };
  } catch (error) {
    return refuse(`${entry.name} cannot be inflated: ${(error as Error).message}`, 'an intact zip archive');
  }
}
