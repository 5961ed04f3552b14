import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support.js';

// data/ is what scripts/build-data.mjs makes of the raw files (../shared/real-data) and the
// curated facts (data-src/curated/), byte for byte. Skipped without ../shared/real-data: the raw
// files are not in the repository (most may not be redistributed); CI has them. Needs dist/.
const REAL = process.env.ETS_REAL_DATA ?? join(ROOT, '../shared/real-data');
const present = existsSync(REAL);

describe.skipIf(!present)('data/ as shipped', () => {
  let out: string;
  let run: ReturnType<typeof spawnSync>;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'ets-build-data-test-'));
    run = spawnSync(process.execPath, [join(ROOT, 'scripts/build-data.mjs'), '--real', REAL, '--out', out, '--src', join(ROOT, 'data-src')], {
      encoding: 'utf8',
      cwd: ROOT,
    });
  }, 590_000);
  afterAll(() => (out ? rm(out, { recursive: true, force: true }) : undefined));

  it('is exactly what scripts/build-data.mjs produces from the raw files and data-src/', async () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const made = (await readdir(out)).sort();
    expect((await readdir(join(ROOT, 'data'))).sort()).toEqual(made);
    for (const file of made) {
      const [a, b] = await Promise.all([readFile(join(out, file)), readFile(join(ROOT, 'data', file))]);
      expect(a.equals(b), `data/${file} differs from what the script writes: run \`npm run build-data\``).toBe(true);
    }
  });
});
