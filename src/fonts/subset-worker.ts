import { parentPort } from 'node:worker_threads';
import { SubsetCutter } from './subset-job.js';

/** Worker thread entry: { id, file, chars } in, { id, woff, chars } or { id, error } out. */
const cutter = new SubsetCutter();
parentPort?.on('message', (job: { id: number; file: string; chars: string }) => {
  cutter.cut(job.file, job.chars).then(
    (subset) => parentPort!.postMessage({ id: job.id, ...subset }),
    (error: unknown) => parentPort!.postMessage({ id: job.id, error: (error as Error).message ?? String(error) }),
  );
});
