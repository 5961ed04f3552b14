import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDescriptor, serialiseDescriptor } from '../data/datapackage.js';
import { formatIssue } from '../data/errors.js';
import { loadData } from '../data/load.js';
import { EXIT } from './exit.js';
import { VERSION } from './version.js';

/** Rewrites <data>/datapackage.json from the schemas and the (valid) data. */
export async function runDatapackage(options: { data: string }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const result = await loadData(options.data);
  if (!result.data) {
    for (const issue of result.issues) err.write(`${formatIssue(issue)}\n`);
    err.write('\n✗ datapackage.json not written: fix the data errors first.\n');
    return EXIT.data;
  }
  const file = join(options.data, 'datapackage.json');
  await writeFile(file, serialiseDescriptor(buildDescriptor(result.data, VERSION)));
  out.write(`✓ wrote ${file}\n`);
  return EXIT.ok;
}
