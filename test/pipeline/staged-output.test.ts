import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StagedOutput } from '../../src/pipeline/write.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'ets-staged-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('discarding a staged build', () => {
  it('leaves no staging folder, even with writes under way and writes that come after', async () => {
    // An interrupted build discards while its other work still writes (chart images, say).
    const staged = await StagedOutput.create(root);
    const under = Array.from({ length: 20 }, (_, i) => staged.write(`en/charts/c${i}.svg`, 'x'.repeat(100_000)));
    for (const w of under) w.catch(() => {});
    await staged.discard();
    await expect(staged.write('en/charts/late.png', 'y')).rejects.toThrow(/discarded/);
    await Promise.allSettled(under);
    expect(existsSync(staged.stagingDir)).toBe(false);
    expect(await readdir(root)).toEqual([]);
  });
});
