import { sourcesOf } from '../../metrics/types.js';
import { fill, formatDate } from '../format.js';
import type { ListItem, SourceView } from './types.js';
import type { Writer } from './writer.js';

/** The recommendations and outlook of recommendations.csv, and the sources in order of first citation. */

export function recommendationRows(w: Writer) {
  return [...w.data.recommendations].sort((a, b) => a.order - b.order);
}

export function recommendationItem(w: Writer, r: ReturnType<typeof recommendationRows>[number]): ListItem {
  const rows = [{ dataset: 'recommendations' as const, rows: [r.id] }];
  const zh = w.lang === 'zh-CN';
  return {
    title: w.ledger.text(`recommendations.${r.id}.title`, zh ? r.title_zh : r.title_en, rows, sourcesOf([r])),
    text: w.ledger.text(`recommendations.${r.id}.text`, zh ? r.text_zh : r.text_en, rows, sourcesOf([r])),
  };
}

export function sourcesView(w: Writer): SourceView[] {
  const { data, lang, t } = w;
  return w.citations.list().map((id, i) => {
    const s = data.sources.find((x) => x.id === id);
    if (!s) throw new Error(`source "${id}" is cited but not in sources.csv`);
    const read = s.retrieved ? fill(t('notes.retrieved'), { date: formatDate(s.retrieved, lang) }, 'notes.retrieved') : t('notes.localCopy');
    return { n: i + 1, id, title: s.title, publisher: s.publisher, url: s.url, retrieved: read };
  });
}
