import type { Lang } from '../render/format.js';

/**
 * The change report's own words, in each language of the brief. Kept here, not in the brief's
 * templates: the report is for the people who publish, and `diff` writes it without a build.
 */
export interface ReportWords {
  readonly title: string;
  readonly compared: string;
  readonly first: string;
  readonly unchanged: string;
  readonly notCompared: string;
  readonly notComparedParts: Readonly<Record<'sentences' | 'outline' | 'unused', string>>;
  readonly flipped: string;
  readonly flippedNone: string;
  readonly numbers: string;
  readonly sentences: string;
  readonly charts: string;
  readonly outline: string;
  readonly unused: string;
  readonly unusedNone: string;
  readonly unusedNote: string;
  readonly empty: string;
  readonly emptyWhy: Readonly<Record<'no-data' | 'no-rows', string>>;
  readonly none: string;
  readonly columns: Readonly<
    Record<'where' | 'change' | 'before' | 'after' | 'verdict' | 'rows' | 'chart' | 'dataset' | 'source' | 'span' | 'section' | 'new', string>
  >;
  readonly changes: Readonly<Record<string, string>>;
  readonly verdicts: Readonly<Record<string, string>>;
  readonly rowCounts: string;
  readonly columnsChanged: string;
  readonly more: string;
  readonly yes: string;
}

const en: ReportWords = {
  title: 'Changes in this brief',
  compared: 'This build (data as of {after}) compared with the previous build of the same folder (data as of {before}). Read it before publishing.',
  first: 'This is the first build of this folder: there is no earlier build to compare it with.',
  unchanged: 'Nothing the brief states changed: the same numbers, sentences, charts, sections and figures.',
  notCompared: 'The earlier build was written by an older ets-brief that did not record these, so they were not compared: {parts}.',
  notComparedParts: { sentences: 'sentences', outline: 'sections and figures', unused: 'unused data' },
  flipped: 'Sentences that now say the opposite',
  flippedNone: 'No comparison changed direction.',
  numbers: 'Numbers',
  sentences: 'Other sentences',
  charts: 'Charts whose data changed',
  outline: 'Sections and figures',
  unused: 'Data used nowhere in the brief',
  unusedNone: 'Every dataset row cites a source the brief cites.',
  unusedNote: 'Counted by source: rows count as used when a number, chart or sentence of the brief cites their source.',
  empty: 'Charts left empty',
  emptyWhy: { 'no-data': 'not drawn: data/ has no data for it', 'no-rows': 'its table has no rows' },
  none: 'None.',
  columns: {
    where: 'Where',
    change: 'Change',
    before: 'Before',
    after: 'Now',
    verdict: 'Verdict',
    rows: 'Data rows',
    chart: 'Chart',
    dataset: 'Dataset',
    source: 'Source',
    span: 'Span',
    section: 'Section',
    new: 'New since the last build',
  },
  changes: {
    flipped: 'flipped',
    reworded: 'reworded',
    restated: 'restated',
    added: 'added',
    removed: 'removed',
    changed: 'changed',
    moved: 'moved',
    retitled: 'retitled',
    renumbered: 'renumbered',
  },
  verdicts: { agrees: 'agrees', disagrees: 'disagrees', 'not-comparable': 'not comparable', superseded: 'superseded', 'cannot-recompute': 'cannot recompute' },
  rowCounts: '{before} rows before, {after} now: {added} added, {removed} removed, {changed} changed',
  columnsChanged: 'Columns before: {before}. Now: {after}.',
  more: '… and {n} more',
  yes: 'new',
};

const zh: ReportWords = {
  title: '本简报的变化',
  compared: '本次生成（数据截至{after}）与同一输出文件夹上一次生成（数据截至{before}）的比较。发布前请审阅。',
  first: '这是该文件夹的第一次生成，没有可比较的上一次生成。',
  unchanged: '简报所述内容没有变化：数字、句子、图表、章节和图号均与上次相同。',
  notCompared: '上一次生成由较早版本的 ets-brief 写出，未记录以下内容，因此未作比较：{parts}。',
  notComparedParts: { sentences: '句子', outline: '章节和图号', unused: '未使用的数据' },
  flipped: '结论反转的句子',
  flippedNone: '没有比较结论发生反转。',
  numbers: '数字',
  sentences: '其他句子',
  charts: '数据有变化的图表',
  outline: '章节和图',
  unused: '简报中未使用的数据',
  unusedNone: '每一行数据的来源都在简报中被引用。',
  unusedNote: '按来源统计：简报中有数字、图表或句子引用某一来源时，该来源的各行即视为已使用。',
  empty: '空白图表',
  emptyWhy: { 'no-data': '未绘制：data/ 中没有该图的数据', 'no-rows': '其数据表没有行' },
  none: '无。',
  columns: {
    where: '位置',
    change: '变化',
    before: '之前',
    after: '现在',
    verdict: '核对结论',
    rows: '数据行',
    chart: '图表',
    dataset: '数据集',
    source: '来源',
    span: '时间范围',
    section: '章节',
    new: '上次生成后新增',
  },
  changes: {
    flipped: '反转',
    reworded: '措辞改变',
    restated: '数字或名称改变',
    added: '新增',
    removed: '删除',
    changed: '改变',
    moved: '移动',
    retitled: '标题改变',
    renumbered: '编号改变',
  },
  verdicts: { agrees: '相符', disagrees: '不符', 'not-comparable': '口径不同', superseded: '已被后续规定取代', 'cannot-recompute': '无法重算' },
  rowCounts: '之前{before}行，现在{after}行：新增{added}行，删除{removed}行，改变{changed}行',
  columnsChanged: '之前的列：{before}。现在的列：{after}。',
  more: '……另有{n}项',
  yes: '新增',
};

export const REPORT_WORDS: Readonly<Record<Lang, ReportWords>> = { en, 'zh-CN': zh };

/** The words for a language; a language the report has no words for gets English. */
export function reportWords(lang: string): ReportWords {
  return lang === 'zh-CN' ? zh : en;
}
