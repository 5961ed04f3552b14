import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChangeReport } from './compare.js';
import { parseSnapshot, type BriefSnapshot } from './snapshot.js';
import { unlessMissing } from '../missing.js';

/** A language folder's snapshot (numbers.json and data/*.csv), or null when it holds no numbers.json. */
export async function readSnapshot(langDir: string): Promise<BriefSnapshot | null> {
  const numbers = await unlessMissing(readFile(join(langDir, 'numbers.json'), 'utf8'), null);
  if (numbers === null) return null;
  const names = (await readdir(join(langDir, 'data')).catch(() => [])).filter((n) => n.endsWith('.csv')).sort();
  const csvs = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(langDir, 'data', n), 'utf8')] as const)));
  return parseSnapshot(numbers, csvs);
}

/** The change report a language folder holds (changes.json), or null when it has none that reads. */
export async function readReport(langDir: string): Promise<ChangeReport | null> {
  const text = await readFile(join(langDir, 'changes.json'), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const report = JSON.parse(text) as Partial<ChangeReport> & { generator?: string };
    const lists = [report.sentences, report.numbers, report.charts, report.sections, report.figures, report.unused, report.emptyCharts, report.notCompared];
    if (report.generator !== 'ets-brief' || typeof report.lang !== 'string' || typeof report.after?.asOf !== 'string' || !lists.every(Array.isArray))
      return null;
    const { generator: _, ...rest } = report;
    return rest as ChangeReport;
  } catch {
    return null;
  }
}
