import { describe, expect, it } from 'vitest';
import { onInterrupt, runInterruptCleanup } from '../src/interrupt.js';

describe('interrupt cleanup', () => {
  it("runs each task's last resort after the time limit, even when the task has not finished", async () => {
    const done: string[] = [];
    const slow = onInterrupt(
      () => new Promise(() => {}),
      () => done.push('slow: last resort'),
    );
    const quick = onInterrupt(
      async () => done.push('quick: run'),
      () => done.push('quick: last resort'),
    );
    const started = Date.now();
    await runInterruptCleanup(50);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(done.sort()).toEqual(['quick: last resort', 'quick: run', 'slow: last resort']);
    slow();
    quick();
  });

  it('a failing last resort does not stop the others', async () => {
    const done: string[] = [];
    const a = onInterrupt(
      async () => {},
      () => {
        throw new Error('disk gone');
      },
    );
    const b = onInterrupt(
      async () => {},
      () => done.push('b'),
    );
    await runInterruptCleanup(50);
    expect(done).toEqual(['b']);
    a();
    b();
  });
});
