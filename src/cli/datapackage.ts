import { join } from 'node:path';
import { onInterrupt } from '../interrupt.js';
import { buildDescriptor, serialiseDescriptor } from '../data/datapackage.js';
import { DataError, formatIssue } from '../data/errors.js';
import { loadData } from '../data/load.js';
import { DataLockedError } from '../data/lock.js';
import { DataTransaction, interruptDataTransactions } from '../data/transaction.js';
import { EXIT } from './exit.js';
import { VERSION } from './version.js';

/**
 * Rewrites <data>/datapackage.json from the schemas and the (valid) data: under the data/ lock,
 * from the data as it is under that lock, and swapped in whole.
 */
export async function runDatapackage(options: { data: string }, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  const forget = onInterrupt(interruptDataTransactions);
  let txn: DataTransaction;
  try {
    txn = await DataTransaction.begin(options.data);
  } catch (error) {
    forget();
    if (error instanceof DataError) {
      for (const issue of error.issues) err.write(`${formatIssue(issue)}\n`);
      err.write('\n✗ datapackage.json not written.\n');
      return EXIT.data;
    }
    if (!(error instanceof DataLockedError)) throw error;
    err.write(`✗ datapackage.json not written: ${error.message}\n`);
    return EXIT.failure;
  }
  try {
    const result = await loadData(options.data);
    if (!result.data) {
      for (const issue of result.issues) err.write(`${formatIssue(issue)}\n`);
      err.write('\n✗ datapackage.json not written: fix the data errors first.\n');
      return EXIT.data;
    }
    await txn.stage('datapackage.json', [serialiseDescriptor(buildDescriptor(result.data, VERSION))]);
    await txn.commit();
    out.write(`✓ wrote ${join(options.data, 'datapackage.json')}\n`);
    return EXIT.ok;
  } finally {
    await txn.rollback();
    forget();
  }
}
