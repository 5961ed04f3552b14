import { powerCompared } from '../../metrics/power-compare.js';
import { sourcesOf } from '../../metrics/types.js';
import { fill, formatNumber, formatPercent, type Lang } from '../format.js';
import type { Paragraph, TableView } from './types.js';
import type { Writer } from './writer.js';

/**
 * The power-mix table beside another region's generation by source for the same years (the
 * paper's Table 1 beside Ember's EU-27): each side's cells, and a note on the totals' ratio and
 * the sources only one side lists.
 */

/** "Table 1", "Fig. 7" as a Chinese reader writes them: 表1, 图7. */
export function localRef(ref: string, lang: Lang): string {
  return lang === 'zh-CN' ? ref.replace(/Table\s*(\d+)/g, '表$1').replace(/Fig\.\s*(\d+)/g, '图$1') : ref;
}

export function powerComparedView(w: Writer, region: string | undefined): { table: TableView | null; note: Paragraph | null } {
  const { data, lang, t, ledger } = w;
  const compared = region ? powerCompared(data, region) : null;
  if (!compared) return { table: null, note: null };
  const other = w.regionName(compared.otherRegion);
  const tableName = w.regionName(compared.region);
  // Column heads name each side's publisher (sources.csv), so a reader sees whose figure a cell is.
  const publisherOf = (side: string) => {
    const ids = compared.rows.filter((r) => r.region === side).flatMap((r) => r.source.split(';'));
    return data.sources.find((x) => ids.includes(x.id))?.publisher ?? side;
  };
  const ref = ledger.label(
    'results.compared.ref',
    localRef(compared.rows.find((r) => r.region === compared.region && r.paper_ref)?.paper_ref ?? tableName, lang),
  );
  const side = (id: string, name: string) =>
    ledger.label(`results.compared.side.${id}`, fill(t('results.comparedSide'), { name, publisher: publisherOf(id) }, 'results.comparedSide'));
  const rowOf = (id: string, y: number, type: string) => compared.rows.find((r) => r.region === id && r.year === y && r.source_type === type);
  const gwhCell = (id: string, y: number, type: string, value: number | null) => {
    const row = rowOf(id, y, type);
    return value === null || !row
      ? '—'
      : w.fromRow(`results.compared.${id}.${y}.${type}`, formatNumber(value, lang), value, 'GWh', 'power-generation', `${id}/${y}/${type}`, sourcesOf([row]));
  };
  const table: TableView = {
    caption: fill(
      t('results.comparedCaption'),
      { ref, other, years: compared.years.map((y) => w.year(y)).join(t('brief.listSeparator')) },
      'results.comparedCaption',
    ),
    columns: [t('results.columns.source'), ...compared.years.flatMap((y) => [`${w.year(y)}: ${ref}`, `${w.year(y)}: ${side(compared.otherRegion, other)}`])],
    rows: compared.sources.map((x) => [
      t(`powerSources.${x.sourceType}`),
      ...compared.years.flatMap((y) => [
        gwhCell(compared.region, y, x.sourceType, x.table[y] ?? null),
        gwhCell(compared.otherRegion, y, x.sourceType, x.other[y] ?? null),
      ]),
    ]),
    flagged: compared.sources.map((x) => compared.years.some((y) => (x.table[y] ?? null) === null || (x.other[y] ?? null) === null)),
    cites: w.citations.cite(sourcesOf(compared.rows)),
  };
  // 'total' is the source_type of power-generation.csv that sums a year: data vocabulary.
  const total = compared.sources.find((x) => x.sourceType === 'total')!;
  const only = (which: 'table' | 'other') =>
    compared.sources
      .filter(
        (x) =>
          x.sourceType !== 'total' &&
          compared.years.every((y) => x[which][y] !== null) &&
          compared.years.every((y) => x[which === 'table' ? 'other' : 'table'][y] === null),
      )
      .map((x) => t(`powerSources.${x.sourceType}`));
  const ratios = compared.years.filter((y) => total.ratio[y] !== null && total.ratio[y] !== undefined);
  if (ratios.length === 0) return { table, note: null };
  const pct = (y: number) =>
    ledger.add({
      id: `results.compared.ratio.${y}`,
      text: formatPercent(total.ratio[y]! * 100, lang, 0),
      kind: 'number',
      value: total.ratio[y]! * 100,
      unit: '%',
      method: `${compared.otherRegion} total ÷ ${compared.region} total, ${y}`,
      rows: [{ dataset: 'power-generation', rows: [`${compared.region}/${y}/total`, `${compared.otherRegion}/${y}/total`] }],
      sources: sourcesOf(compared.rows.filter((r) => r.year === y && r.source_type === 'total')),
    });
  const note = w.para(
    'results.comparedNote',
    {
      other,
      table: tableName,
      ratios: ratios.map((y) => fill(t('results.comparedRatio'), { ratio: pct(y), year: w.year(y) }, 'results.comparedRatio')).join(t('brief.listSeparator')),
      onlyTable: only('table').join(t('brief.listSeparator')) || '—',
      onlyOther: only('other').join(t('brief.listSeparator')) || '—',
    },
    sourcesOf(compared.rows),
  );
  return { table, note };
}
