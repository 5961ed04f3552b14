import { fileURLToPath } from 'node:url';
import type { Data } from '../../src/data/datasets/index.js';
import { loadData } from '../../src/data/load.js';

const DATA = fileURLToPath(new URL('../../data', import.meta.url));
let cached: Data | undefined;

/** data/ as shipped, loaded once per test file. */
export async function shippedData(): Promise<Data> {
  if (!cached) {
    const { data, issues } = await loadData(DATA);
    if (!data) throw new Error(`data/ does not load: ${JSON.stringify(issues)}`);
    cached = data;
  }
  return cached;
}

/** A copy of `data` with rows appended or datasets replaced; the original is untouched. */
export function withRows(data: Data, changes: { [K in keyof Data]?: (rows: Data[K]) => Data[K] }): Data {
  const out: Record<string, unknown> = { ...data };
  for (const [name, change] of Object.entries(changes)) {
    out[name] = (change as (rows: unknown) => unknown)(data[name as keyof Data]);
  }
  return out as unknown as Data;
}

/** `data` without its daily and monthly trading series: what the paper's stated figures alone give. */
export const statedOnly = (data: Data): Data => withRows(data, { 'market-daily': () => [], 'market-monthly': () => [] });
