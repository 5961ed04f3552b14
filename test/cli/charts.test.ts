import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ChartsCliOptions, runCharts } from '../../src/cli/charts.js';
import { collector, ROOT, tempDirForTests } from '../support.js';

interface Listed {
  id: string;
  title: string;
  fields: { field: string; column: string }[];
}

async function list(options: Partial<ChartsCliOptions>): Promise<{ code: number; charts: Listed[]; stderr: string }> {
  const out = collector();
  const err = collector();
  const code = await runCharts({ data: join(ROOT, 'data'), json: true, ...options }, out, err);
  return { code, charts: code === 0 ? (JSON.parse(out.text()) as Listed[]) : [], stderr: err.text() };
}

const titleOf = (charts: Listed[], id: string) => charts.find((c) => c.id === id)?.title;

// A market placeholder the brief fills from markets.csv and the comparison ({subjectPossessive}, {pair}…).
const MARKET_PLACEHOLDER = /\{(subject|reference|Subject|Reference)\w*\}|\{pair\}/;

const tempDir = tempDirForTests('ets-charts-list-');

describe('charts --list names the compared markets as the brief does', () => {
  it('fills every market placeholder of titles and columns from data/ and the default comparison, in each language', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const { code, charts, stderr } = await list({ lang });
      expect(code, stderr).toBe(0);
      const texts = charts.flatMap((c) => [c.title, ...c.fields.map((f) => f.column)]);
      expect(texts.filter((t) => MARKET_PLACEHOLDER.test(t))).toEqual([]);
    }
    expect(titleOf((await list({ lang: 'en' })).charts, 'cn-daily')).toBe("Allowance prices in China's national and pilot markets (CNY/t)");
    expect(titleOf((await list({ lang: 'zh-CN' })).charts, 'cn-daily')).toBe('全国碳市场与试点碳市场配额价格（元/吨）');
  });

  it("takes the names from the data's markets.csv", async () => {
    const data = join(tempDir(), 'renamed');
    await cp(join(ROOT, 'data', 'markets.csv'), join(data, 'markets.csv'));
    const csv = await readFile(join(data, 'markets.csv'), 'utf8');
    const renamed = csv.replace(/^(cn-ets,national,CN,[^\n]*?),China's,CNY,/m, "$1,Cathay's,CNY,");
    expect(renamed).not.toBe(csv);
    await writeFile(join(data, 'markets.csv'), renamed);
    const { code, charts, stderr } = await list({ data, lang: 'en' });
    expect(code, stderr).toBe(0);
    expect(titleOf(charts, 'cn-daily')).toBe("Allowance prices in Cathay's national and pilot markets (CNY/t)");
  });

  it("follows the configuration's comparison, and says so when it names a market the data has no name for", async () => {
    const swapped = join(tempDir(), 'swapped.json');
    await writeFile(swapped, JSON.stringify({ comparison: { subject: 'eu-ets', reference: 'cn-ets' } }));
    const { code, charts, stderr } = await list({ config: swapped, lang: 'en' });
    expect(code, stderr).toBe(0);
    expect(titleOf(charts, 'cn-daily')).toBe("Allowance prices in the EU's national and pilot markets (CNY/t)");

    const unknown = join(tempDir(), 'unknown.json');
    await writeFile(unknown, JSON.stringify({ comparison: { subject: 'xx-ets', reference: 'eu-ets' } }));
    const failed = await list({ config: unknown, lang: 'en' });
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/market "xx-ets" has no name_en/);
  });
});
