import { yearEnd, yearStart } from '../../data/dates.js';
import { companySurplus, type Metric } from '../../metrics/index.js';
import { sourcesOf } from '../../metrics/types.js';
import { formatCount } from '../format.js';
import type { Paragraph } from './types.js';
import type { Writer } from './writer.js';

/**
 * One company's allowances (the paper's Figure 8): the source's claims of its surplus sales and
 * emissions trend, and the same company from the registry (its surplus over the claim's years,
 * its trend, and what the account-matching rule may miss). The company is the first one
 * company-rules.csv holds a rule for, never a name in code.
 */

/** The registry's view of the company of company-rules.csv, or null when it has no rule. */
export function companySurplusOf(w: Writer) {
  const rule = w.data['company-rules'][0];
  return rule ? companySurplus(w.data, rule.company) : null;
}

export function companyView(w: Writer) {
  const { data, metrics, lang, t, ledger } = w;
  const { reference } = metrics.comparison;
  const companyRule = data['company-rules'][0];
  // Indicator ids of facts.csv (data vocabulary), about the company by its label.
  const profit = companyRule ? w.fact(reference, 'surplus-allowance-sales', companyRule.label) : undefined;
  const amChange = companyRule ? w.fact(reference, 'emissions-change-per-year', companyRule.label) : undefined;
  const statement =
    profit && amChange
      ? w.para(
          'problems.company',
          {
            profit: w.stated('problems.company.profit', profit, 'money'),
            profitYears: w.span(+profit.period_start!.slice(0, 4), +profit.period_end!.slice(0, 4)),
            from: w.year(amChange.period_start!.slice(0, 4)),
            to: w.year(amChange.period_end!.slice(0, 4)),
            change: w.stated('problems.company.change', amChange, 'percent', 1, { abs: true }),
          },
          sourcesOf([profit, amChange]),
        )
      : null;
  // The same company from the registry: its surplus over the paper's years, its trend, and what the rule may miss.
  const recomputed: Paragraph[] = [];
  const surplus = companySurplusOf(w);
  if (!surplus?.years.some((y) => y.verified.value !== null)) return { company: statement, companyRecomputed: recomputed };
  const company = ledger.label(`company:${surplus.company}`, surplus.label);
  if (profit?.period_start && profit.period_end) {
    const [a, b] = [+profit.period_start.slice(0, 4), +profit.period_end.slice(0, 4)];
    const ys = surplus.years.filter((y) => y.year >= a && y.year <= b && y.verified.value !== null);
    if (ys.length > 0) {
      const total = (pick: (y: (typeof ys)[number]) => Metric): Metric => ({
        ...pick(ys[0]!),
        value: ys.reduce((s, y) => s + (pick(y).value ?? 0), 0),
        period: { start: yearStart(ys[0]!.year), end: yearEnd(ys.at(-1)!.year) },
        method: `sum over ${ys[0]!.year}–${ys.at(-1)!.year} of ${pick(ys[0]!).method}`,
        inputs: ys.flatMap((y) => pick(y).inputs),
        sources: [...new Set(ys.flatMap((y) => pick(y).sources))],
      });
      const finding = w.findingFor(`facts/${profit.id}`);
      recomputed.push(
        w.para(
          'problems.companySurplus',
          {
            company,
            years: w.span(ys[0]!.year, ys.at(-1)!.year),
            allocated: w.num(
              'problems.company.allocated',
              total((y) => y.allocated),
              'tonnes',
            ),
            verified: w.num(
              'problems.company.verified',
              total((y) => y.verified),
              'tonnes',
            ),
            surplus: w.num(
              'problems.company.surplus',
              total((y) => y.surplus),
              'tonnes',
            ),
            verdict: t(`verdicts.${finding?.verdict ?? 'cannot-recompute'}`),
          },
          ys.flatMap((y) => y.surplus.sources),
        ),
      );
    }
  }
  const changeFinding = amChange ? w.findingFor(`facts/${amChange.id}`) : undefined;
  if (amChange && changeFinding && changeFinding.recomputed !== null) {
    const m: Metric = {
      value: changeFinding.recomputed,
      unit: '%/yr',
      method: changeFinding.method,
      inputs: [],
      sources: [],
      period: { start: amChange.period_start ?? undefined, end: amChange.period_end ?? undefined },
    };
    recomputed.push(
      w.para(
        'problems.companyTrend',
        {
          company,
          from: w.year(amChange.period_start!.slice(0, 4)),
          to: w.year(amChange.period_end!.slice(0, 4)),
          recomputed: w.moved('problems.company.recomputed', m, 2),
          printed: w.stated('problems.company.printedChange', amChange, 'percent', 1, { abs: true }),
          verdict: t(`verdicts.${changeFinding.verdict}`),
        },
        sourcesOf([amChange]),
      ),
    );
  }
  // What the matching rule may miss or wrongly include, with this data's counts.
  const holderSources = data.sources.filter((x) =>
    surplus.accounts.some((a) => data.installations.some((i) => i.account === a.account && i.market === a.market && i.source.split(';').includes(x.id))),
  );
  const taken = holderSources.map((x) => x.published).find((p): p is string => !!p);
  const count = (id: string, n: number) =>
    ledger.add({
      id,
      text: formatCount(n, lang),
      kind: 'number',
      value: n,
      unit: 'count',
      rows: [{ dataset: 'company-rules', rows: [surplus.company] }],
      sources: [],
    });
  recomputed.push(
    w.para(
      taken ? 'problems.companyRuleDated' : 'problems.companyRule',
      {
        company,
        accounts: count('problems.company.accounts', surplus.accounts.length),
        withoutHolder: count('problems.company.withoutHolder', surplus.accounts.filter((a) => !a.matchedBy.some((h) => h.field === 'holder')).length),
        byName: count('problems.company.byName', surplus.accounts.filter((a) => a.matchedBy.every((h) => h.field === 'name')).length),
        excluded: count('problems.company.excluded', surplus.excluded.length),
        ...(taken ? { taken: /^\d{4}-\d{2}$/.test(taken) ? w.month(`${taken}-01`) : ledger.label(`published:${taken}`, taken) } : {}),
      },
      sourcesOf(surplus.rules),
    ),
  );
  return { company: statement, companyRecomputed: recomputed };
}
