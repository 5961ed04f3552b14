import { currencyOfUnit } from '../../data/datasets/common.js';
import { EXACT, ruleChanges, type RuleChangeRow } from '../../metrics/index.js';
import { sourcesOf } from '../../metrics/types.js';
import { fill, formatPercent, formatPrice, formatTonnes } from '../format.js';
import type { Paragraph } from './types.js';
import { hasString, type Writer } from './writer.js';

/**
 * The reference market's rules: how it works as the paper describes it (cap, reserve, MRV,
 * penalty) and the law in force where it differs from the paper, each value read from
 * policy-rules.csv. The parameter ids read here ('cap-reduction-factor', 'msr-upper-threshold',
 * 'penalty'…) are that dataset's vocabulary, not this paper's words.
 */

/** Rule values and periods in words, shared by the phases table, the rules and the data notes. */
export function ruleWords(w: Writer) {
  const { data, lang, t, ledger } = w;
  const { reference } = w.metrics.comparison;
  const rules = data['policy-rules'].filter((r) => r.market === reference);
  /** The index's name in this language when the strings have it, else as data/ writes it. */
  const localIndex = (index: string): string => (hasString(t, `rules.indexes.${index}`) ? t(`rules.indexes.${index}`) : index);
  /** A rule's value as the law writes it: 833 Mt, 24%, 2.2%, EUR 100/t. */
  const ruleText = (v: number, u: string): string =>
    u === 't'
      ? formatTonnes(v, lang)
      : u === '%' || u === '%/yr'
        ? formatPercent(v, lang, v % 1 === 0 ? 0 : 2)
        : formatPrice(v, currencyOfUnit(u) ?? '', lang, 0);
  const ruleNumber = (parameter: string, v: number, u: string, at: string): string =>
    ledger.add({
      id: at,
      text: ruleText(v, u),
      kind: 'number',
      value: v,
      unit: u,
      precision: EXACT,
      method: 'read from policy-rules.csv',
      rows: [{ dataset: 'policy-rules', rows: [`${reference}/${parameter}`] }],
      sources: sourcesOf(rules.filter((r) => r.parameter === parameter)),
    });
  /** "24% in 2019–2023 (Directive (EU) 2018/410); 24% in 2024–2030 (Decision (EU) 2023/852)". */
  const rulePeriods = (parameter: string, later: readonly RuleChangeRow[], id: string): string =>
    later
      .map((r, i) => {
        const v = ruleNumber(parameter, r.value, r.unit, `${id}.later.${i}`);
        const shown = r.indexedTo ? fill(t('rules.indexed'), { value: v, index: localIndex(r.indexedTo) }, 'rules.indexed') : v;
        return fill(
          t('rules.period'),
          {
            value: shown,
            years: w.span(r.from, r.to),
            act: ledger.text(`${id}.act.${i}`, r.act, [{ dataset: 'policy-rules', rows: [`${reference}/${parameter}/${r.from}`] }], []),
          },
          'rules.period',
        );
      })
      .join(t('rules.periodSeparator'));
  /** "the MSR intake rate: the paper gives 12%; in force 24% in 2019–2023 (Decision …)". */
  const ruleChangeText = (parameter: string, paperValue: number, unit: string, later: readonly RuleChangeRow[], differs: boolean, id: string): string =>
    fill(
      t(differs ? 'rules.changedDiffers' : 'rules.changedLater'),
      {
        parameter: t(`rules.parameters.${parameter}`),
        paper: ruleNumber(parameter, paperValue, unit, `${id}.paper`),
        periods: rulePeriods(parameter, later, id),
      },
      differs ? 'rules.changedDiffers' : 'rules.changedLater',
    );
  return { rules, localIndex, ruleText, rulePeriods, ruleChangeText };
}

export function rulesView(w: Writer, paperSources: readonly string[]): Paragraph[] {
  const { data, t } = w;
  const { reference } = w.metrics.comparison;
  const { rules, ruleText, ruleChangeText } = ruleWords(w);
  const mechanisms: Paragraph[] = [];
  const ruleValue = (r: (typeof rules)[number], value = r.value, id = `mechanisms.${r.parameter}.${r.valid_from}`) =>
    w.fromRow(id, ruleText(value, r.unit), value, r.unit, 'policy-rules', `${r.market}/${r.parameter}/${r.valid_from}`, sourcesOf([r]));
  /** The row whose value the paper printed, for a parameter (its paper_value). */
  const paperRule = (parameter: string) => rules.filter((r) => r.parameter === parameter && r.paper_value !== null).sort((a, b) => a.valid_from - b.valid_from);
  const lrf = paperRule('cap-reduction-factor');
  if (lrf.length >= 2) {
    const [a, b] = [lrf[0]!, lrf.at(-1)!];
    mechanisms.push(
      w.para(
        'mechanisms.cap',
        {
          first: ruleValue(a, a.paper_value!, 'mechanisms.cap.first'),
          firstYear: w.year(a.valid_from),
          last: ruleValue(b, b.paper_value!, 'mechanisms.cap.last'),
          lastYear: w.year(b.valid_from),
        },
        [...sourcesOf([a, b])],
      ),
    );
  }
  const msrParam = (name: string) => paperRule(name)[0];
  const [upper, lower, rate, release] = [
    msrParam('msr-upper-threshold'),
    msrParam('msr-lower-threshold'),
    msrParam('msr-intake-rate'),
    msrParam('msr-release-amount'),
  ];
  if (upper && lower && rate && release) {
    mechanisms.push(
      w.para(
        'mechanisms.msr',
        {
          upper: ruleValue(upper, upper.paper_value!),
          lower: ruleValue(lower, lower.paper_value!),
          rate: ruleValue(rate, rate.paper_value!, 'mechanisms.msr.paperRate'),
          release: ruleValue(release, release.paper_value!),
        },
        sourcesOf([upper, lower, rate, release]),
      ),
    );
  }
  mechanisms.push({ text: w.sentence('mechanisms.mrv', {}), cites: w.citations.cite(paperSources) });
  const pen = paperRule('penalty');
  if (pen.length >= 2) {
    mechanisms.push(
      w.para(
        'mechanisms.penalty',
        {
          first: ruleValue(pen[0]!, pen[0]!.paper_value!, 'mechanisms.penalty.first'),
          firstYears: w.span(pen[0]!.valid_from, pen[0]!.valid_to),
          second: ruleValue(pen[1]!, pen[1]!.paper_value!, 'mechanisms.penalty.second'),
          secondFrom: w.year(pen[1]!.valid_from),
        },
        sourcesOf(pen.slice(0, 2)),
      ),
    );
  }
  // The law in force, where it differs from the paper: each change with its years and act.
  const changes = ruleChanges(data, reference);
  if (changes.length > 0) {
    const items = changes.map((c) =>
      ruleChangeText(
        c.parameter,
        c.paper.paper_value!,
        c.paper.unit,
        c.later.map((r) => ({ value: r.value, unit: r.unit, from: r.valid_from, to: r.valid_to, act: r.act, indexedTo: r.indexed_to })),
        c.differs,
        `mechanisms.law.${c.parameter}`,
      ),
    );
    mechanisms.push(
      w.para(
        'mechanisms.lawInForce',
        { changes: items.join(t('notes.gapSeparator')) },
        changes.flatMap((c) => sourcesOf([c.paper, ...c.later])),
      ),
    );
  }
  return mechanisms;
}
