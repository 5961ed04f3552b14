import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isMissing, unlessMissing } from '../src/missing.js';

const dir = await mkdtemp(join(tmpdir(), 'etsb-missing-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('missing files', () => {
  it('tells a path with nothing at it from other failures', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    const failure = (path: string) =>
      readFile(path).then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(isMissing(await failure(join(dir, 'absent')))).toBe(true);
    expect(isMissing(await failure(join(dir, 'a-file', 'below')))).toBe(true); // ENOTDIR
    expect(isMissing(await failure(dir))).toBe(false); // EISDIR: there, but a folder
    expect(isMissing(new Error('no code'))).toBe(false);
    expect(isMissing(undefined)).toBe(false);
  });

  it('gives the fallback for a missing file, the contents for a present one, and throws any other error', async () => {
    await writeFile(join(dir, 'present'), 'text');
    expect(await unlessMissing(readFile(join(dir, 'absent'), 'utf8'), null)).toBeNull();
    expect(await unlessMissing(readFile(join(dir, 'present'), 'utf8'), null)).toBe('text');
    await expect(unlessMissing(readFile(dir, 'utf8'), null)).rejects.toMatchObject({ code: 'EISDIR' });
  });
});
