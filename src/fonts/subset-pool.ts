import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { SubsetCutter, type Subset } from './subset-job.js';

const WORKER = fileURLToPath(new URL('./subset-worker.js', import.meta.url));

/**
 * Font subsetting on worker threads: harfbuzz is synchronous WebAssembly, and a Chinese brief
 * with its sections cuts a few hundred subsets, which then run beside the charts and the other
 * language instead of after them. Workers are started on first use and do not keep the process
 * alive. Without a compiled worker (running from TypeScript sources) or with
 * ETS_BRIEF_FONT_WORKERS=0, subsets are cut in this thread.
 */
export class SubsetPool {
  private workers: Worker[] | undefined;
  private readonly pending = new Map<number, { resolve: (subset: Subset) => void; reject: (error: Error) => void }>();
  private next = 0;
  private local: SubsetCutter | undefined;

  cut(file: string, chars: string): Promise<Subset> {
    const workers = this.start();
    if (workers.length === 0) {
      this.local ??= new SubsetCutter();
      return this.local.cut(file, chars);
    }
    const id = this.next++;
    const worker = workers[id % workers.length]!;
    return new Promise<Subset>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // alive while it has work
      worker.postMessage({ id, file, chars });
    });
  }

  private start(): Worker[] {
    if (this.workers) return this.workers;
    const wanted = process.env.ETS_BRIEF_FONT_WORKERS === undefined ? Math.min(2, availableParallelism()) : Number(process.env.ETS_BRIEF_FONT_WORKERS);
    if (!(wanted > 0) || !existsSync(WORKER)) {
      this.workers = [];
      return this.workers;
    }
    this.workers = Array.from({ length: wanted }, () => {
      const worker = new Worker(WORKER);
      worker.unref();
      worker.on('message', (reply: { id: number; woff?: string; chars?: string; error?: string }) => {
        const job = this.pending.get(reply.id);
        this.pending.delete(reply.id);
        if (reply.woff !== undefined) job?.resolve({ woff: reply.woff, chars: reply.chars ?? '' });
        else job?.reject(new Error(`font subsetting failed: ${reply.error}`));
        if (![...this.pending.keys()].some((id) => id % wanted === reply.id % wanted)) worker.unref();
      });
      worker.on('error', (error) => {
        for (const job of this.pending.values()) job.reject(error);
        this.pending.clear();
        this.workers = undefined; // started again on the next cut
      });
      return worker;
    });
    return this.workers;
  }
}

/** One pool per process: workers hold the unpacked chunks, shared by every FontSet. */
export const subsetPool = new SubsetPool();
